package org.dcsuite.simulator.traffic;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A lognormal latency given by its median and its 99th percentile, the two numbers people know of a dependency.
 *
 * @param median the median, greater than zero
 * @param p99    the 99th percentile, greater than the median
 */
record SegmentLatency(Duration median, Duration p99) {

    /** The standard normal's 99th percentile: p99 = median * exp(Z99 * sigma). */
    private static final double Z99 = 2.3263478740408408;

    SegmentLatency {
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p99, "p99");
        if (median.isNegative() || median.isZero() || p99.compareTo(median) <= 0) {
            throw new IllegalArgumentException("a segment latency needs 0 < median < p99, got " + median + " and "
                    + p99);
        }
    }

    /** One latency in nanoseconds, scaled by {@code factor} (an incident slows everything down). */
    long sampleNanos(RandomGenerator random, double factor) {
        double sigma = Math.log((double) p99.toNanos() / median.toNanos()) / Z99;
        return Math.round(median.toNanos() * factor * Math.exp(sigma * random.nextGaussian()));
    }
}
