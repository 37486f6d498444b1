package org.dcsuite.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Reads every SLO's inputs from the store with as few queries as possible: inputs on the same metric and
 * aggregation share one query (for the metric alone when their selectors differ), and each returned series
 * is routed to the inputs whose selectors match it. With 10,000 SLOs on one request counter, a cycle is
 * one query per metric, not one per SLO.
 */
final class SloFeed {

    /** The store answers one point per minute: the last value (counters) or the average (gauges). */
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** How far before the first minute of a rebuild the last counter value is looked for. */
    static final Duration PRIME_LOOKBACK = Duration.ofHours(1);

    private record Target(SliReader reader, int input, SeriesSelector selector) {
    }

    private static final class Group {
        final List<Target> targets = new ArrayList<>();
        final Map<SeriesKey, List<Target>> routes = new HashMap<>();
        SeriesSelector query;
        Aggregation aggregation;

        List<Target> route(SeriesKey series) {
            return routes.computeIfAbsent(series, k -> {
                List<Target> matched = new ArrayList<>(1);
                for (Target t : targets) {
                    if (t.selector().matches(k)) {
                        matched.add(t);
                    }
                }
                return matched;
            });
        }
    }

    private final TelemetryStore store;
    private final List<Group> groups;

    SloFeed(TelemetryStore store, List<SliReader> readers) {
        this.store = store;
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (SliReader reader : readers) {
            List<SliReader.Input> inputs = reader.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                SliReader.Input in = inputs.get(i);
                String key = in.aggregation() + " " + in.selector().metricName().orElse("selector " + in.selector());
                Group g = byKey.computeIfAbsent(key, k -> new Group());
                g.aggregation = in.aggregation();
                g.targets.add(new Target(reader, i, in.selector()));
            }
        }
        for (Group g : byKey.values()) {
            SeriesSelector first = g.targets.get(0).selector();
            boolean same = g.targets.stream().allMatch(t -> t.selector().equals(first));
            g.query = same ? first : SeriesSelector.metric(first.metricName().orElseThrow());
        }
        this.groups = List.copyOf(byKey.values());
    }

    /** Gives counter readers the last value at or before {@code minute}'s end. */
    void prime(long minute) {
        Instant at = Instant.ofEpochMilli(minute * 60_000);
        for (Group g : groups) {
            if (g.aggregation != Aggregation.LAST) {
                continue;
            }
            for (RangeSeries s : store.query(new RangeQuery(g.query, at, at, PRIME_LOOKBACK, PRIME_LOOKBACK,
                    Aggregation.LAST))) {
                double value = s.points().get(s.points().size() - 1).value();
                for (Target t : g.route(s.series())) {
                    t.reader().prime(t.input(), s.series(), value);
                }
            }
        }
    }

    /**
     * Completes the counter resets the readers saw in the last chunk with the highest value of each reset's
     * minute: one small query per reset, which are rare.
     */
    void completeResets(List<SliReader> readers) {
        for (SliReader reader : readers) {
            for (SliReader.CounterReset reset : reader.resets()) {
                Instant end = Instant.ofEpochMilli(reset.minute() * 60_000);
                for (RangeSeries s : store.query(new RangeQuery(SeriesSelector.parse(reset.series().toString()), end,
                        end, MINUTE, MINUTE, Aggregation.MAX))) {
                    if (s.series().equals(reset.series())) {
                        reader.completeReset(reset, s.points().get(0).value());
                    }
                }
            }
        }
    }

    /** Feeds minutes {@code first .. last} (inclusive) to every reader. */
    void read(long firstMinute, long lastMinute) {
        Instant from = Instant.ofEpochMilli(firstMinute * 60_000);
        Instant to = Instant.ofEpochMilli(lastMinute * 60_000);
        for (Group g : groups) {
            for (RangeSeries s : store.query(new RangeQuery(g.query, from, to, MINUTE, MINUTE, g.aggregation))) {
                for (Target t : g.route(s.series())) {
                    t.reader().accept(t.input(), s.series(), s.points());
                }
            }
        }
    }
}
