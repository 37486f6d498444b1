package org.dcsuite.core.store;

/**
 * Everything needed to compute any {@link Aggregation} over a run of samples of one series, and to combine
 * adjacent runs: stores compute one per bucket (in SQL or from rollup rows) and {@link #merge} them into
 * query windows, so raw data and rollups give the same answers.
 *
 * <p>{@code increase} is the counter increase between consecutive samples inside the run with resets
 * handled as Prometheus does: a decrease means the counter restarted from zero.
 */
public final class WindowStats {

    private long count;
    private double sum;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private long firstTime;
    private double firstValue;
    private long lastTime;
    private double lastValue;
    private double increase;

    public WindowStats() {
    }

    /** Stats from stored aggregates (a rollup row or a SQL group). */
    public static WindowStats of(long count, double sum, double min, double max, long firstTime,
            double firstValue, long lastTime, double lastValue, double increase) {
        if (count <= 0) {
            throw new IllegalArgumentException("a bucket needs at least one sample, got count " + count);
        }
        WindowStats s = new WindowStats();
        s.count = count;
        s.sum = sum;
        s.min = min;
        s.max = max;
        s.firstTime = firstTime;
        s.firstValue = firstValue;
        s.lastTime = lastTime;
        s.lastValue = lastValue;
        s.increase = increase;
        return s;
    }

    /** The counter increase from {@code previous} to {@code next}, a decrease being a reset to zero. */
    public static double counterDelta(double previous, double next) {
        return next < previous ? next : next - previous;
    }

    /** Adds a sample that is not earlier than any sample added before. */
    public void add(long timeMillis, double value) {
        if (count == 0) {
            firstTime = timeMillis;
            firstValue = value;
            min = value;
            max = value;
        } else {
            increase += counterDelta(lastValue, value);
            min = minIgnoringNaN(min, value);
            max = maxIgnoringNaN(max, value);
        }
        lastTime = timeMillis;
        lastValue = value;
        sum += value;
        count++;
    }

    /** Appends a later run of samples to this one. */
    public void merge(WindowStats later) {
        if (later.count == 0) {
            return;
        }
        if (count == 0) {
            copyFrom(later);
            return;
        }
        increase += counterDelta(lastValue, later.firstValue) + later.increase;
        min = minIgnoringNaN(min, later.min);
        max = maxIgnoringNaN(max, later.max);
        sum += later.sum;
        count += later.count;
        lastTime = later.lastTime;
        lastValue = later.lastValue;
    }

    private void copyFrom(WindowStats o) {
        count = o.count;
        sum = o.sum;
        min = o.min;
        max = o.max;
        firstTime = o.firstTime;
        firstValue = o.firstValue;
        lastTime = o.lastTime;
        lastValue = o.lastValue;
        increase = o.increase;
    }

    // Like Prometheus's min_over_time: NaN only when every value is NaN.
    private static double minIgnoringNaN(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return Math.min(a, b);
    }

    private static double maxIgnoringNaN(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return Math.max(a, b);
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public long firstTime() {
        return firstTime;
    }

    public double firstValue() {
        return firstValue;
    }

    public long lastTime() {
        return lastTime;
    }

    public double lastValue() {
        return lastValue;
    }

    public double increase() {
        return increase;
    }

    /** Whether {@link #value} yields a point for this aggregation. */
    public boolean hasValue(Aggregation aggregation) {
        return aggregation.isCounterFunction() ? count >= 2 && lastTime > firstTime : count >= 1;
    }

    /**
     * The aggregated value over the window {@code (windowStart, windowEnd]} these stats cover. Rate and
     * increase extrapolate to the window's edges exactly as Prometheus's {@code extrapolatedRate} does.
     */
    public double value(Aggregation aggregation, long windowStart, long windowEnd) {
        return switch (aggregation) {
            case AVG -> sum / count;
            case MIN -> min;
            case MAX -> max;
            case SUM -> sum;
            case COUNT -> count;
            case LAST -> lastValue;
            case INCREASE -> extrapolatedIncrease(windowStart, windowEnd);
            case RATE -> extrapolatedIncrease(windowStart, windowEnd) / ((windowEnd - windowStart) / 1000.0);
        };
    }

    private double extrapolatedIncrease(long windowStart, long windowEnd) {
        if (!hasValue(Aggregation.INCREASE)) {
            return Double.NaN;
        }
        double result = increase;
        double durationToStart = (firstTime - windowStart) / 1000.0;
        double durationToEnd = (windowEnd - lastTime) / 1000.0;
        double sampledInterval = (lastTime - firstTime) / 1000.0;
        double averageBetweenSamples = sampledInterval / (count - 1);
        double threshold = averageBetweenSamples * 1.1;
        if (durationToStart >= threshold) {
            durationToStart = averageBetweenSamples / 2;
        }
        // A counter cannot go below zero: do not extrapolate past the time it would have been zero.
        if (result > 0 && firstValue >= 0) {
            double durationToZero = sampledInterval * (firstValue / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageBetweenSamples / 2;
        }
        return result * (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    }

    @Override
    public String toString() {
        return "WindowStats[count=" + count + ", sum=" + sum + ", min=" + min + ", max=" + max + ", first="
                + firstValue + "@" + firstTime + ", last=" + lastValue + "@" + lastTime + ", increase=" + increase
                + "]";
    }
}
