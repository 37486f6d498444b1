package org.dcsuite.dashboard.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dcsuite.core.select.LabelMatcher;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Any series over time, for the Explore view: the metric names and label values to pick from, and the chart of a
 * selector with an aggregation per step. Reads the store only; blocking, so call it off the UI lock.
 */
public final class ExploreService {

    /** More lines than this are unreadable on one chart; the view says how many were left out. */
    public static final int MAX_SERIES = 20;

    private final TelemetryStore store;

    public ExploreService(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Every stored metric name, sorted. */
    public List<String> metricNames() {
        return store.labelValues(SeriesKey.NAME_LABEL, List.of());
    }

    /** The values of one label over the series of a metric (over all series when no metric is given), sorted. */
    public List<String> labelValues(String label, Optional<String> metric) {
        return store.labelValues(label, metric.map(m -> List.of(SeriesSelector.metric(m))).orElse(List.of()));
    }

    /**
     * The selector's series over a window, one point per step aggregated as asked, the first {@link #MAX_SERIES}
     * series by key. Each line is named by the labels that tell the drawn series apart.
     */
    public ExploreChart chart(SeriesSelector selector, StepAggregation aggregation, ChartWindow window) {
        List<RangeSeries> found = store.query(ChartService.query(selector, window, aggregation.store()));
        List<RangeSeries> drawn = found.subList(0, Math.min(MAX_SERIES, found.size()));
        List<Long> times = ChartService.times(window);
        Set<String> fixed = selector.matchers().stream().filter(m -> m.op() == LabelMatcher.Op.EQ)
                .map(LabelMatcher::label).collect(Collectors.toSet());
        List<String> names = legend(drawn.stream().map(RangeSeries::series).toList(), fixed);
        List<ChartData.Series> series = new ArrayList<>();
        for (int s = 0; s < drawn.size(); s++) {
            double[] values = new double[times.size()];
            Arrays.fill(values, Double.NaN);
            for (Point p : drawn.get(s).points()) {
                long offset = p.timeMillis() - window.fromMillis();
                int i = (int) (offset / window.step().toMillis());
                if (offset >= 0 && i < values.length) {
                    values[i] = p.value();
                }
            }
            series.add(new ChartData.Series(names.get(s), Arrays.stream(values).boxed().toList()));
        }
        List<Unit> units = drawn.stream().map(RangeSeries::unit).toList();
        String unit = units.isEmpty() ? "" : UnitText.common(units)
                + (aggregation == StepAggregation.RATE && !units.isEmpty() ? "/s" : "");
        return new ExploreChart(new ChartData(unit, window.range(), window.step(), ChartService.source(window.step()),
                times, series), found.size());
    }

    /**
     * Legend texts: the labels whose values differ between the series ({@code device=a, hw.id=inlet}); with one
     * series, its labels but those the selector fixes ({@code fixed}); the metric name leads when it differs or
     * nothing else is left.
     */
    static List<String> legend(List<SeriesKey> keys, Set<String> fixed) {
        List<SortedMap<String, String>> labels = keys.stream().map(k -> {
            SortedMap<String, String> m = new TreeMap<>(k.attributes());
            m.put(SeriesKey.NAME_LABEL, k.metric());
            return m;
        }).toList();
        TreeSet<String> varying = new TreeSet<>();
        for (SortedMap<String, String> m : labels) {
            for (String name : m.keySet()) {
                if (labels.stream().map(o -> o.get(name)).distinct().count() > 1) {
                    varying.add(name);
                }
            }
        }
        boolean one = keys.size() == 1 || varying.isEmpty();
        List<String> out = new ArrayList<>();
        for (SortedMap<String, String> m : labels) {
            String text = m.keySet().stream()
                    .filter(k -> !k.equals(SeriesKey.NAME_LABEL) && (one ? !fixed.contains(k) : varying.contains(k)))
                    .map(k -> k + "=" + m.get(k)).collect(Collectors.joining(", "));
            String metric = m.get(SeriesKey.NAME_LABEL);
            out.add(text.isEmpty() ? metric : varying.contains(SeriesKey.NAME_LABEL) ? metric + " " + text : text);
        }
        return out;
    }
}
