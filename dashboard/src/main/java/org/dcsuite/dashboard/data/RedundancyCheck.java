package org.dcsuite.dashboard.data;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The A/B redundancy rule of a rack fed by two PDUs: if either feed fails, its load moves to the other, so the sum of
 * both feeds' loads must fit in one feed's derated rating, {@code load A + load B <= 80 % of one feed's rating}.
 * Pure arithmetic, kept apart from the store so the boundary can be tested exactly.
 *
 * <p>Convention: a rating given in amperes is converted to watts with the line-to-neutral voltage,
 * {@code rating W = phases x V(L-N) x I(rated)}, which equals {@code sqrt(3) x V(L-L) x I} on a three-phase wye
 * supply. Loads are real power (W) as the PDUs measure it; comparing them with a volt-ampere capacity treats the
 * power factor as 1, which errs on the safe side only when the power factor is near 1 (typical for server supplies).
 */
public final class RedundancyCheck {

    /** The share of a feed's rating the whole rack may draw: the usual 80 % continuous-load derating of a breaker. */
    public static final double DERATING = 0.80;
    /** The on-screen statement of how ratings in A become W. */
    public static final String CONVENTION = "Rating in W = phases × line-to-neutral voltage (V L-N) × rated current "
            + "per phase (A) (= √3 × V L-L × A on a three-phase wye supply); loads are real power in W, power factor "
            + "taken as 1.";

    private RedundancyCheck() {
    }

    /**
     * Converts a per-phase current rating to one feed's capacity.
     *
     * @param phases                  how many phases the feed has (1 or 3)
     * @param lineToNeutralVolts      the nominal line-to-neutral voltage in V
     * @param ratedAmpsPerPhase       the breaker or inlet rating per phase in A
     * @return the feed's rating in W
     */
    public static double ratingWatts(int phases, double lineToNeutralVolts, double ratedAmpsPerPhase) {
        if (phases < 1) {
            throw new IllegalArgumentException("a feed has at least 1 phase, got " + phases);
        }
        if (!(lineToNeutralVolts > 0) || !(ratedAmpsPerPhase > 0)) {
            throw new IllegalArgumentException("voltage and rated current must be greater than zero, got "
                    + lineToNeutralVolts + " V and " + ratedAmpsPerPhase + " A");
        }
        return phases * lineToNeutralVolts * ratedAmpsPerPhase;
    }

    /**
     * Judges the rack's two feeds.
     *
     * @param loadAWatts        feed A's present load in W; empty when feed A has no recent reading
     * @param loadBWatts        feed B's present load in W; empty when feed B has no recent reading
     * @param feedRatingWatts   one feed's rating in W (the smaller of the two when they differ); empty when unknown
     */
    public static Result evaluate(OptionalDouble loadAWatts, OptionalDouble loadBWatts, OptionalDouble feedRatingWatts) {
        if (feedRatingWatts.isEmpty()) {
            return new Result(Verdict.UNKNOWN, OptionalDouble.empty(), OptionalDouble.empty(),
                    "no rating is known for the feeds (the PDUs report none and none is configured)");
        }
        if (loadAWatts.isEmpty() || loadBWatts.isEmpty()) {
            return new Result(Verdict.UNKNOWN, OptionalDouble.empty(), OptionalDouble.empty(),
                    "feed " + (loadAWatts.isEmpty() ? "A" : "B") + " has no recent power reading");
        }
        double total = loadAWatts.getAsDouble() + loadBWatts.getAsDouble();
        double limit = DERATING * feedRatingWatts.getAsDouble();
        boolean ok = total <= limit;
        String reason = String.format(Locale.ROOT, "A + B = %.0f W %s %.0f W (80 %% of one feed's %.0f W)", total,
                ok ? "<=" : ">", limit, feedRatingWatts.getAsDouble());
        return new Result(ok ? Verdict.OK : Verdict.AT_RISK, OptionalDouble.of(total), OptionalDouble.of(limit),
                reason);
    }

    /** Whether one feed can carry the whole rack. */
    public enum Verdict {
        /** One feed carries both loads within its derated rating. */
        OK,
        /** Losing a feed would load the other beyond its derated rating. */
        AT_RISK,
        /** A load or the rating is missing. */
        UNKNOWN
    }

    /**
     * @param verdict     the outcome
     * @param totalWatts  load A + load B in W, when both are known
     * @param limitWatts  80 % of one feed's rating in W, when known
     * @param reason      the arithmetic or what is missing, for the screen
     */
    public record Result(Verdict verdict, OptionalDouble totalWatts, OptionalDouble limitWatts, String reason) {
    }
}
