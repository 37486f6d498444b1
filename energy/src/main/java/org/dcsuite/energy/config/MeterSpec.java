package org.dcsuite.energy.config;

import java.util.Objects;
import java.util.OptionalDouble;
import org.dcsuite.core.select.SeriesSelector;

/**
 * One meter: the series its selector matches (summed), a scale applied to what they measure (a current
 * transformer ratio, a sign), and for counters the value at which the register wraps back to zero.
 *
 * @param wrapsAt in the series' own unit; a counter that goes down from the upper half of this range wrapped,
 *                any other decrease is a reset to zero
 */
public record MeterSpec(SeriesSelector selector, double scale, OptionalDouble wrapsAt) {

    /** Meters are taken as measured unless a scale is configured. */
    public static final double DEFAULT_SCALE = 1.0;

    public MeterSpec {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(wrapsAt, "wrapsAt");
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be a non-zero finite number, got " + scale);
        }
    }

    public static MeterSpec of(String selector) {
        return new MeterSpec(SeriesSelector.parse(selector), DEFAULT_SCALE, OptionalDouble.empty());
    }
}
