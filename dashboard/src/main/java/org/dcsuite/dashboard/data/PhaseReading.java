package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One phase (pole) of a PDU inlet.
 *
 * @param phase        the {@code phase} attribute as the PDU names it ({@code 1}, {@code L1}, ...)
 * @param currentAmps  the phase current in A
 * @param ratedAmps    the phase's breaker or inlet rating in A; empty when unknown
 */
public record PhaseReading(String phase, double currentAmps, OptionalDouble ratedAmps) {

    /** The share of the rating from which a phase is shown as a warning: the usual 80 % continuous-load limit. */
    public static final double WARN_PERCENT = 80.0;

    public PhaseReading {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(ratedAmps, "ratedAmps");
    }

    /** Current as a percentage of the rating; empty without a rating. */
    public OptionalDouble percentOfRating() {
        return ratedAmps.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * currentAmps / ratedAmps.getAsDouble());
    }

    /** Whether the current has reached {@link #WARN_PERCENT} of the rating. */
    public boolean warning() {
        return percentOfRating().isPresent() && percentOfRating().getAsDouble() >= WARN_PERCENT;
    }
}
