package org.dcsuite.dashboard.data;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The A/B redundancy rule of a rack fed by two PDUs: if either feed fails, its load moves to the other, so the sum of
 * both feeds' loads must fit in one feed's derated rating, {@code load A + load B <= 80 % of one feed's rating}.
 * Pure arithmetic, kept apart from the store so the boundary can be tested exactly.
 *
 * <p>Each PDU's rating in W comes from its configured {@link org.dcsuite.core.model.PowerRating} with the voltage
 * convention configured for it (see {@link PduRating#formula()}). Loads are real power (W) as the PDUs measure it;
 * comparing them with a rating that is really in volt-amperes treats the power factor as 1, which errs on the safe
 * side only when the power factor is near 1 (typical for server supplies).
 */
public final class RedundancyCheck {

    /** The share of a feed's rating the whole rack may draw: the usual 80 % continuous-load derating of a breaker. */
    public static final double DERATING = 0.80;
    /** The on-screen statement of the rule's assumptions, after the per-PDU formulas. */
    public static final String CONVENTION = "Ratings in W take the power factor as 1: single phase V × A; three phase "
            + "3 × V × A with a line-to-neutral voltage, √3 × V × A with a line-to-line voltage. Loads are real power "
            + "in W as the PDUs measure it.";

    private RedundancyCheck() {
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
