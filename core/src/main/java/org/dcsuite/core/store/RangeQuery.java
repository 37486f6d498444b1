package org.dcsuite.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.dcsuite.core.select.SeriesSelector;

/**
 * A range query: for every series the selector matches and every step time {@code t = from + k * step} with
 * {@code t <= to}, the aggregation over the samples with timestamps in {@code (t - window, t]}.
 *
 * <p>These are Prometheus's range-vector windows (left-open, labelled at their end), so the HTTP API maps
 * {@code rate(x[5m])} onto a query without shifting anything, and a query whose step equals the sampling
 * interval returns the stored samples at their own timestamps. Steps without samples yield no point (for
 * {@link Aggregation#RATE} and {@link Aggregation#INCREASE}: fewer than two samples yield no point).
 *
 * @param window the width of each window; equal to {@code step} unless set, at most 1000 times the step
 */
public record RangeQuery(SeriesSelector selector, Instant from, Instant to, Duration step, Duration window,
        Aggregation aggregation) {

    /** Upper bound of output points per series, like Prometheus's 11,000 points limit. */
    public static final long MAX_POINTS_PER_SERIES = 11_000;

    public RangeQuery {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(aggregation, "aggregation");
        if (window == null) {
            window = step;
        }
        if (step.toMillis() <= 0) {
            throw new IllegalArgumentException("step must be at least 1ms, got " + step);
        }
        if (window.toMillis() <= 0) {
            throw new IllegalArgumentException("window must be at least 1ms, got " + window);
        }
        if (window.toMillis() / step.toMillis() > 1000) {
            throw new IllegalArgumentException("window " + window + " is more than 1000 steps of " + step);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("end " + to + " is before start " + from);
        }
        long points = (to.toEpochMilli() - from.toEpochMilli()) / step.toMillis() + 1;
        if (points > MAX_POINTS_PER_SERIES) {
            throw new IllegalArgumentException("the range " + from + " to " + to + " at step " + step + " gives "
                    + points + " points per series, more than " + MAX_POINTS_PER_SERIES + ": use a larger step");
        }
    }

    public static RangeQuery of(SeriesSelector selector, Instant from, Instant to, Duration step,
            Aggregation aggregation) {
        return new RangeQuery(selector, from, to, step, step, aggregation);
    }

    public long fromMillis() {
        return from.toEpochMilli();
    }

    public long toMillis() {
        return to.toEpochMilli();
    }

    public long stepMillis() {
        return step.toMillis();
    }

    public long windowMillis() {
        return window.toMillis();
    }

    /** The width of the finest buckets that tile every window exactly: gcd(step, window). */
    public long bucketMillis() {
        long a = stepMillis();
        long b = windowMillis();
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Samples after this time (exclusive) can fall into a window: the start of the first window. */
    public long scanAfterMillis() {
        return fromMillis() - windowMillis();
    }

    /** Samples up to this time (inclusive) can fall into a window: the end of the last step. */
    public long scanUntilMillis() {
        return fromMillis() + (toMillis() - fromMillis()) / stepMillis() * stepMillis();
    }
}
