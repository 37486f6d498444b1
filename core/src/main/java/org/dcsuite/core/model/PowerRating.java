package org.dcsuite.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * The nameplate power rating of a PDU or UPS: rated current per phase, nominal voltage, which voltage that is and how
 * many phases. Neither shipped PDU profile reads a rating from the device, so it comes from configuration; the
 * dashboard's per-phase load and A/B redundancy check are judged against it.
 *
 * <p>{@link #watts()} converts it to power, taking the power factor as 1 (the rating is really apparent power in VA;
 * server power supplies run close to a power factor of 1):
 * <ul>
 *   <li>single phase: {@code V x A};</li>
 *   <li>three phase, line-to-neutral voltage: {@code 3 x V(L-N) x A};</li>
 *   <li>three phase, line-to-line voltage: {@code sqrt(3) x V(L-L) x A}.</li>
 * </ul>
 * The two three-phase forms agree on a balanced wye supply, where {@code V(L-L) = sqrt(3) x V(L-N)}.
 *
 * @param currentA   rated current per phase in A (the inlet or breaker rating), greater than zero
 * @param voltageV   nominal voltage in V, as stated by {@code convention}, greater than zero
 * @param convention whether {@code voltageV} is line-to-neutral or line-to-line
 * @param phases     1 or 3
 */
public record PowerRating(double currentA, double voltageV, VoltageConvention convention, int phases) {

    /** Single-phase and three-phase supplies are what rack PDUs and UPSes are sold for. */
    public static final Set<Integer> ALLOWED_PHASES = Set.of(1, 3);
    /** Ratings describe power equipment; other kinds have no rating to check loads against. */
    public static final Set<DeviceKind> RATED_KINDS = Set.of(DeviceKind.PDU, DeviceKind.UPS);

    public PowerRating {
        if (!(currentA > 0) || Double.isInfinite(currentA)) {
            throw new IllegalArgumentException("rating: current must be greater than zero, got " + currentA + " A");
        }
        if (!(voltageV > 0) || Double.isInfinite(voltageV)) {
            throw new IllegalArgumentException("rating: voltage must be greater than zero, got " + voltageV + " V");
        }
        Objects.requireNonNull(convention, "convention");
        if (!ALLOWED_PHASES.contains(phases)) {
            throw new IllegalArgumentException("rating: phases must be 1 or 3, got " + phases);
        }
    }

    /** Whether a device of this kind may carry a rating. */
    public static boolean appliesTo(DeviceKind kind) {
        return RATED_KINDS.contains(kind);
    }

    /** The rated power in W, power factor taken as 1 (see the class comment for the formulas). */
    public double watts() {
        if (phases == 1) {
            return voltageV * currentA;
        }
        return switch (convention) {
            case LINE_TO_NEUTRAL -> 3 * voltageV * currentA;
            case LINE_TO_LINE -> Math.sqrt(3) * voltageV * currentA;
        };
    }
}
