package org.dcsuite.energy.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A signal over time (g CO2/kWh, price per kWh). A value holds from its time until the next one, at most
 * {@code maxAge}: providers publish the intensity of the hour or five minutes that <em>starts</em> at the
 * given time. A constant holds everywhere.
 */
public final class SignalSeries {

    private final long[] times;
    private final double[] values;
    private final OptionalDouble constant;

    private SignalSeries(long[] times, double[] values, OptionalDouble constant) {
        this.times = times;
        this.values = values;
        this.constant = constant;
    }

    public static SignalSeries constant(double value) {
        return new SignalSeries(new long[0], new double[0], OptionalDouble.of(value));
    }

    /** Points in any order; for equal times the last one given wins. */
    public static SignalSeries of(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(Point::time));
        List<Point> unique = new ArrayList<>();
        for (Point p : sorted) {
            if (!unique.isEmpty() && unique.getLast().time().equals(p.time())) {
                unique.set(unique.size() - 1, p);
            } else {
                unique.add(p);
            }
        }
        long[] t = new long[unique.size()];
        double[] v = new double[unique.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = unique.get(i).time().toEpochMilli();
            v[i] = unique.get(i).value();
        }
        return new SignalSeries(t, v, OptionalDouble.empty());
    }

    /** The value in force at {@code at}: the latest at or before it, if at most {@code maxAge} old. */
    public OptionalDouble valueAt(Instant at, Duration maxAge) {
        if (constant.isPresent()) {
            return constant;
        }
        long t = at.toEpochMilli();
        int i = java.util.Arrays.binarySearch(times, t);
        int index = i >= 0 ? i : -i - 2;
        if (index < 0 || t - times[index] > maxAge.toMillis()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(values[index]);
    }

    public boolean isConstant() {
        return constant.isPresent();
    }

    /** The points, in time order; empty for a constant. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            out.add(new Point(Instant.ofEpochMilli(times[i]), values[i]));
        }
        return out;
    }

    /** One value of a signal from the time it was published. */
    public record Point(Instant time, double value) {
        public Point {
            java.util.Objects.requireNonNull(time, "time");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a signal value must be finite, got " + value);
            }
        }
    }
}
