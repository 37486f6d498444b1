package org.dcsuite.energy.meter;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import org.dcsuite.core.series.SeriesKey;

/**
 * A span in which a series was not measured: a longer silence than {@code max_gap}, or the edge of the data.
 *
 * @param unattributed for a counter read on both sides of the gap, what it counted across the gap (kWh or L):
 *                     real, but at an unknown time, so it is left out of every step and listed here
 */
public record MeterGap(String meter, SeriesKey series, Instant from, Instant to, OptionalDouble unattributed) {

    public MeterGap {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(unattributed, "unattributed");
    }
}
