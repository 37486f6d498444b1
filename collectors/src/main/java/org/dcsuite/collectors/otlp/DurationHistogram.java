package org.dcsuite.collectors.otlp;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * A cumulative Prometheus-style histogram of durations in seconds with the bucket bounds the OpenTelemetry semantic
 * conventions recommend for {@code http.server.request.duration}. Not thread-safe: its owner synchronises.
 */
final class DurationHistogram {

    /** The recommended explicit bucket bounds, in seconds; {@code +Inf} is implicit. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
    /** The {@code le} label values in bucket order, {@code +Inf} last. */
    static final List<String> LE_LABELS = leLabels();

    private final long[] counts = new long[BOUNDS.length + 1];
    private double sum;
    private long count;

    void record(double seconds) {
        int i = Arrays.binarySearch(BOUNDS, seconds);
        // A value equal to a bound belongs to that bound's bucket (le is inclusive); otherwise to the next one up.
        int bucket = i >= 0 ? i : -i - 1;
        counts[bucket]++;
        sum += seconds;
        count++;
    }

    /** The cumulative count of each bucket in {@link #LE_LABELS} order. */
    long[] cumulativeCounts() {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i];
            cumulative[i] = running;
        }
        return cumulative;
    }

    double sum() {
        return sum;
    }

    long count() {
        return count;
    }

    private static List<String> leLabels() {
        String[] labels = new String[BOUNDS.length + 1];
        for (int i = 0; i < BOUNDS.length; i++) {
            labels[i] = BigDecimal.valueOf(BOUNDS[i]).stripTrailingZeros().toPlainString();
        }
        labels[BOUNDS.length] = "+Inf";
        return List.of(labels);
    }
}
