package org.dcsuite.core.series;

import java.time.Instant;
import java.util.Objects;

/**
 * One measured value of one series at one time, in milliseconds since the epoch (the resolution of
 * Prometheus and OpenMetrics timestamps). NaN is a legal value and is stored as such.
 */
public record Sample(SeriesKey series, long timeMillis, double value) {

    public Sample {
        Objects.requireNonNull(series, "series");
    }

    public static Sample of(SeriesKey series, Instant time, double value) {
        return new Sample(series, time.toEpochMilli(), value);
    }

    public Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }
}
