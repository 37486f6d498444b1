package org.dcsuite.dashboard.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a chart draws: shared time stamps and one value list per series, gaps as {@code NaN}.
 *
 * @param unit        the unit of every series, for the axis label ({@code kW})
 * @param range       the range shown
 * @param step        the distance between points
 * @param source      whether the store answered from raw samples or from which rollup
 * @param timesMillis the end of each step, epoch milliseconds (the chart shows them in the viewer's time zone)
 * @param series      the series, each with as many values as {@code timesMillis}
 */
public record ChartData(String unit, ChartRange range, Duration step, Source source, List<Long> timesMillis,
        List<Series> series) {

    public ChartData {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(source, "source");
        timesMillis = List.copyOf(timesMillis);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != timesMillis.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().size()
                        + " values for " + timesMillis.size() + " time stamps");
            }
        }
    }

    /**
     * This chart moved on by newer data of the same range ({@link ChartWindow#next}): points the tail covers are
     * replaced, points that fell out of the range (older than the tail's end minus the range) are dropped, and a
     * series the tail lacks (no reading in the tail) continues with gaps. A series only the tail has starts with
     * gaps too.
     *
     * @throws IllegalArgumentException when the tail is of another range or unit
     */
    public ChartData followedBy(ChartData tail) {
        if (tail.range != range || !tail.unit.equals(unit) || !tail.step.equals(step)) {
            throw new IllegalArgumentException("a " + tail.range.id() + " " + tail.unit + " tail cannot follow a "
                    + range.id() + " " + unit + " chart");
        }
        long first = tail.timesMillis.isEmpty() ? Long.MAX_VALUE : tail.timesMillis.getFirst();
        long keepFrom = tail.timesMillis.isEmpty() ? Long.MIN_VALUE
                : tail.timesMillis.getLast() - range.length().toMillis();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < timesMillis.size(); i++) {
            long t = timesMillis.get(i);
            if (t >= keepFrom && t < first) {
                kept.add(i);
            }
        }
        List<Long> times = new ArrayList<>(kept.size() + tail.timesMillis.size());
        kept.forEach(i -> times.add(timesMillis.get(i)));
        times.addAll(tail.timesMillis);
        Map<String, List<Double>> values = new LinkedHashMap<>();
        series.forEach(s -> values.put(s.name(), new ArrayList<>()));
        tail.series.forEach(s -> values.putIfAbsent(s.name(), new ArrayList<>()));
        Map<String, Series> before = byName(series);
        Map<String, Series> after = byName(tail.series);
        values.forEach((name, out) -> {
            Series b = before.get(name);
            kept.forEach(i -> out.add(b == null ? Double.NaN : b.values().get(i)));
            Series a = after.get(name);
            for (int i = 0; i < tail.timesMillis.size(); i++) {
                out.add(a == null ? Double.NaN : a.values().get(i));
            }
        });
        List<Series> merged = new ArrayList<>();
        values.forEach((name, v) -> merged.add(new Series(name, v)));
        return new ChartData(unit, range, step, tail.source, times, merged);
    }

    private static Map<String, Series> byName(List<Series> series) {
        Map<String, Series> map = new LinkedHashMap<>();
        series.forEach(s -> map.put(s.name(), s));
        return map;
    }

    /**
     * One line of the chart.
     *
     * @param name   the legend text
     * @param values one per time stamp, {@code NaN} where nothing was stored
     */
    public record Series(String name, List<Double> values) {

        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /** Where the store reads a query's buckets from (docs/storage.md, "Rollups"). */
    public enum Source {
        /** Raw samples: the step is not a whole number of minutes. */
        RAW,
        /** {@code rollup_1m}: step and start are whole minutes. */
        MINUTE_ROLLUP,
        /** {@code rollup_1h}: step and start are whole hours. */
        HOUR_ROLLUP
    }
}
