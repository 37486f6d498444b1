package org.dcsuite.app.promql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.time.Durations;

/**
 * Evaluates a {@link PromqlQuery} over a range of step times against a {@link TelemetryStore}. Blocking:
 * call it where the store may be called (never on an event loop).
 *
 * <p>Prometheus evaluates a range function at step time {@code t} over the samples in {@code (t - range, t]},
 * and a plain selector as the last sample in {@code (t - 5m, t]}. The store's windows are the same, so
 * every step maps onto the store's query unchanged, and rollups serve long ranges when the start and step
 * fall on rollup boundaries (as Grafana's aligned queries do). Rate and increase extrapolate to the window's
 * edges exactly as Prometheus does.
 *
 * <p>Cross-series aggregations are computed here, per step time, over the series that have a point at that
 * time; output labels follow Prometheus (only the {@code by} labels, or all but the {@code without} labels
 * and the metric name).
 */
public final class PromqlEvaluator {

    private static final Comparator<SortedMap<String, String>> LABELS_ORDER = PromqlEvaluator::compareLabels;

    /**
     * Upper bound of points (series times steps) one query may load, so that a broad selector over a long
     * range fails fast instead of exhausting memory (Prometheus's {@code query.max-samples} in spirit).
     */
    public static final long DEFAULT_MAX_POINTS = 5_000_000;

    private final TelemetryStore store;
    private final long maxPoints;

    public PromqlEvaluator(TelemetryStore store) {
        this(store, DEFAULT_MAX_POINTS);
    }

    public PromqlEvaluator(TelemetryStore store, long maxPoints) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxPoints <= 0) {
            throw new IllegalArgumentException("maxPoints must be positive, got " + maxPoints);
        }
        this.maxPoints = maxPoints;
    }

    /**
     * @throws IllegalArgumentException      when the range, step and window give too many points or windows
     *                                        too wide for the store (a bad request)
     * @throws PromqlExecutionException      when the query would load too many points, or per-series results
     *                                        collide once the metric name is dropped
     * @throws org.dcsuite.core.store.StoreException when the store fails
     */
    public List<PromqlSeries> evaluate(PromqlQuery query, Instant start, Instant end, Duration step) {
        Duration range = query.range();
        if (step.toMillis() > 0 && range.toMillis() / step.toMillis() > 1000) {
            long minStep = (range.toMillis() + 999) / 1000;
            throw new IllegalArgumentException("the range " + Durations.format(range) + " spans more than 1000 steps of "
                    + Durations.format(step) + ": use a step of at least " + Durations.format(Duration.ofMillis(minStep))
                    + " or a shorter range");
        }
        RangeQuery storeQuery = new RangeQuery(query.selector(), start, end, step, range, query.storeAggregation());
        long steps = (end.toEpochMilli() - start.toEpochMilli()) / step.toMillis() + 1;
        long series = store.series(List.of(query.selector())).size();
        if (series * steps > maxPoints) {
            throw new PromqlExecutionException("the query would load up to " + series * steps + " points (" + series
                    + " series times " + steps + " steps), more than " + maxPoints
                    + ": narrow the selector or use a larger step");
        }
        List<RangeSeries> stored = store.query(storeQuery);
        List<PromqlSeries> perSeries = perSeries(stored, query.keepsMetricName());
        List<PromqlSeries> result = query.aggregation().map(a -> aggregate(perSeries, a)).orElse(perSeries);
        return sorted(result);
    }

    private static List<PromqlSeries> perSeries(List<RangeSeries> stored, boolean keepName) {
        Map<SortedMap<String, String>, PromqlSeries> byLabels = new LinkedHashMap<>();
        for (RangeSeries s : stored) {
            SortedMap<String, String> labels = labelsOf(s.series(), keepName);
            if (byLabels.put(labels, new PromqlSeries(labels, s.points())) != null) {
                throw new PromqlExecutionException("several series have the labels " + labels
                        + " once the function drops the metric name: select one metric");
            }
        }
        return new ArrayList<>(byLabels.values());
    }

    private static SortedMap<String, String> labelsOf(SeriesKey key, boolean keepName) {
        SortedMap<String, String> labels = new TreeMap<>(key.attributes());
        if (keepName) {
            labels.put(SeriesKey.NAME_LABEL, key.metric());
        }
        return labels;
    }

    private static List<PromqlSeries> aggregate(List<PromqlSeries> input, PromqlAggregation aggregation) {
        Map<SortedMap<String, String>, TreeMap<Long, Accumulator>> groups = new HashMap<>();
        for (PromqlSeries s : input) {
            SortedMap<String, String> groupLabels = groupLabels(s.labels(), aggregation);
            TreeMap<Long, Accumulator> byTime = groups.computeIfAbsent(groupLabels, k -> new TreeMap<>());
            for (Point p : s.points()) {
                byTime.computeIfAbsent(p.timeMillis(), t -> new Accumulator()).add(p.value());
            }
        }
        List<PromqlSeries> out = new ArrayList<>(groups.size());
        for (Map.Entry<SortedMap<String, String>, TreeMap<Long, Accumulator>> g : groups.entrySet()) {
            List<Point> points = new ArrayList<>(g.getValue().size());
            for (Map.Entry<Long, Accumulator> e : g.getValue().entrySet()) {
                points.add(new Point(e.getKey(), e.getValue().value(aggregation.op())));
            }
            out.add(new PromqlSeries(g.getKey(), points));
        }
        return out;
    }

    private static SortedMap<String, String> groupLabels(SortedMap<String, String> labels,
            PromqlAggregation aggregation) {
        SortedMap<String, String> out = new TreeMap<>();
        switch (aggregation.grouping()) {
            case NONE -> {
            }
            case BY -> {
                for (String l : aggregation.labels()) {
                    String v = labels.get(l);
                    if (v != null) {
                        out.put(l, v);
                    }
                }
            }
            case WITHOUT -> {
                out.putAll(labels);
                out.remove(SeriesKey.NAME_LABEL);
                aggregation.labels().forEach(out::remove);
            }
        }
        return out;
    }

    private static List<PromqlSeries> sorted(List<PromqlSeries> series) {
        List<PromqlSeries> copy = new ArrayList<>(series);
        copy.sort(Comparator.comparing(PromqlSeries::labels, LABELS_ORDER));
        return copy;
    }

    // Prometheus orders label sets pair by pair: name first, then value; a prefix sorts first.
    private static int compareLabels(SortedMap<String, String> a, SortedMap<String, String> b) {
        Iterator<Map.Entry<String, String>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, String> ea = ia.next();
            Map.Entry<String, String> eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c == 0) {
                c = ea.getValue().compareTo(eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /** The running state of one group at one step time. */
    private static final class Accumulator {
        private double sum;
        private long count;
        private double min = Double.NaN;
        private double max = Double.NaN;

        void add(double v) {
            sum += v;
            count++;
            // As Prometheus: NaN only wins when every value is NaN.
            if (Double.isNaN(min) || v < min) {
                min = v;
            }
            if (Double.isNaN(max) || v > max) {
                max = v;
            }
        }

        double value(PromqlAggregation.Op op) {
            return switch (op) {
                case SUM -> sum;
                case AVG -> sum / count;
                case MIN -> min;
                case MAX -> max;
                case COUNT -> count;
            };
        }
    }
}
