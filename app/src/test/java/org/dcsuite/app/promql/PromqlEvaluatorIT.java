package org.dcsuite.app.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation against a real DuckDB store, with expectations computed by hand. Samples every 15s from T0:
 * {@code hw.power} p1 = 100 + 10i, p2 = 1000 + i (site a), p3 = 50 (site b); counter {@code hw.energy} p1 =
 * 150i (10 J/s). Queries evaluate at T0+60s, T0+90s and T0+120s.
 */
class PromqlEvaluatorIT {

    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
    private static final SeriesKey P1 = SeriesKey.of("hw.power", "site", "a", "device", "p1");
    private static final SeriesKey P2 = SeriesKey.of("hw.power", "site", "a", "device", "p2");
    private static final SeriesKey P3 = SeriesKey.of("hw.power", "site", "b", "device", "p3");
    private static final SeriesKey E1 = SeriesKey.of("hw.energy", "site", "a", "device", "p1");
    private static final SeriesKey LIMIT = SeriesKey.of("hw.power.limit", "site", "a", "device", "p1");

    @TempDir
    static Path dir;

    private static TelemetryStore store;
    private static PromqlEvaluator evaluator;

    @BeforeAll
    static void fill() {
        store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")));
        store.describe(MetricDescriptor.gauge("hw.power", Unit.WATT));
        store.describe(MetricDescriptor.counter("hw.energy", Unit.JOULE));
        store.describe(MetricDescriptor.gauge("hw.power.limit", Unit.WATT));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            long t = T0.toEpochMilli() + i * 15_000L;
            samples.add(new Sample(P1, t, 100 + 10 * i));
            samples.add(new Sample(P2, t, 1000 + i));
            samples.add(new Sample(P3, t, 50));
            samples.add(new Sample(E1, t, 150 * i));
            samples.add(new Sample(LIMIT, t, 200));
        }
        store.append(samples);
        evaluator = new PromqlEvaluator(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static List<PromqlSeries> eval(String query) {
        return evaluator.evaluate(PromqlParser.parse(query), T0.plusSeconds(60), T0.plusSeconds(120),
                Duration.ofSeconds(30));
    }

    /** Label set rendered as PromQL-ish text to values at 60s, 90s and 120s (absent as null). */
    private static Map<String, List<Double>> table(List<PromqlSeries> result) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (PromqlSeries s : result) {
            List<Double> values = new ArrayList<>();
            for (int sec = 60; sec <= 120; sec += 30) {
                long t = T0.plusSeconds(sec).toEpochMilli();
                values.add(s.points().stream().filter(p -> p.timeMillis() == t).map(Point::value).findFirst()
                        .orElse(null));
            }
            out.put(s.labels().toString(), values);
        }
        return out;
    }

    @Test
    void plainSelectorTakesTheLastSampleBeforeEachStep() {
        // As in Prometheus, (t - 5m, t] includes t: at 60s the last sample is the one at 60s (i = 4).
        assertThat(table(eval("hw.power{site=\"a\"}"))).containsExactly(
                Map.entry("{__name__=hw.power, device=p1, site=a}", List.of(140.0, 160.0, 180.0)),
                Map.entry("{__name__=hw.power, device=p2, site=a}", List.of(1004.0, 1006.0, 1008.0)));
    }

    @Test
    void rateAndIncreaseExtrapolateLikePrometheus() {
        // At 60s: (0s, 60s] holds 150..600 at 15..60s, increase 450 over 45s; the first sample is 15s after the
        // window start (< 1.1 x 15s) and 15s after the counter's zero point, so extrapolate 15s: 600 in 60s.
        assertThat(table(eval("rate(hw.energy[1m])"))).containsExactly(
                Map.entry("{device=p1, site=a}", List.of(10.0, 10.0, 10.0)));
        assertThat(table(eval("increase(hw.energy{device=\"p1\"}[1m])"))).containsExactly(
                Map.entry("{device=p1, site=a}", List.of(600.0, 600.0, 600.0)));
    }

    @Test
    void overTimeFunctionsAggregateTheWindowEndingAtEachStep() {
        // At 60s: (0s, 60s] holds 110, 120, 130, 140; at 90s 130..160; at 120s 150..180.
        String p1 = "hw.power{device=\"p1\"}[1m]";
        String key = "{device=p1, site=a}";
        assertThat(table(eval("avg_over_time(" + p1 + ")")).get(key)).containsExactly(125.0, 145.0, 165.0);
        assertThat(table(eval("min_over_time(" + p1 + ")")).get(key)).containsExactly(110.0, 130.0, 150.0);
        assertThat(table(eval("max_over_time(" + p1 + ")")).get(key)).containsExactly(140.0, 160.0, 180.0);
        assertThat(table(eval("sum_over_time(" + p1 + ")")).get(key)).containsExactly(500.0, 580.0, 660.0);
        assertThat(table(eval("count_over_time(" + p1 + ")")).get(key)).containsExactly(4.0, 4.0, 4.0);
    }

    @Test
    void lastOverTimeKeepsTheMetricName() {
        assertThat(table(eval("last_over_time(hw.power{device=\"p1\"}[1m])"))).containsExactly(
                Map.entry("{__name__=hw.power, device=p1, site=a}", List.of(140.0, 160.0, 180.0)));
    }

    @Test
    void aggregationsGroupByLabels() {
        assertThat(table(eval("sum by (site) (hw.power)"))).containsExactly(
                Map.entry("{site=a}", List.of(140.0 + 1004, 160.0 + 1006, 180.0 + 1008)),
                Map.entry("{site=b}", List.of(50.0, 50.0, 50.0)));
        assertThat(table(eval("count(hw.power)"))).containsExactly(Map.entry("{}", List.of(3.0, 3.0, 3.0)));
        assertThat(table(eval("avg without (device) (hw.power)"))).containsExactly(
                Map.entry("{site=a}", List.of(572.0, 583.0, 594.0)),
                Map.entry("{site=b}", List.of(50.0, 50.0, 50.0)));
        assertThat(table(eval("max(hw.power) by (site)")).get("{site=a}")).containsExactly(1004.0, 1006.0, 1008.0);
        assertThat(table(eval("min by (device, rack) (hw.power)")).keySet())
                .containsExactly("{device=p1}", "{device=p2}", "{device=p3}");
        assertThat(table(eval("sum(rate(hw.energy[1m]))"))).containsExactly(
                Map.entry("{}", List.of(10.0, 10.0, 10.0)));
    }

    @Test
    void stepsWithoutDataHaveNoPoint() {
        List<PromqlSeries> early = evaluator.evaluate(PromqlParser.parse("hw.power{device=\"p1\"}"),
                T0.minusSeconds(30), T0.plusSeconds(15), Duration.ofSeconds(15));
        // Nothing before T0: the steps at T0-30s and T0-15s have no point.
        assertThat(early.get(0).points()).containsExactly(new Point(T0.toEpochMilli(), 100),
                new Point(T0.plusSeconds(15).toEpochMilli(), 110));
        assertThat(eval("hw.nothing")).isEmpty();
    }

    @Test
    void seriesThatCollideOnceTheNameIsDroppedAreAnExecutionError() {
        assertThatThrownBy(() -> eval("max_over_time({__name__=~\"hw.power|hw.power.limit\", device=\"p1\"}[1m])"))
                .isInstanceOf(PromqlExecutionException.class)
                .hasMessage("several series have the labels {device=p1, site=a} once the function drops the metric "
                        + "name: select one metric");
    }

    @Test
    void queriesThatWouldLoadTooManyPointsAreRefusedBeforeLoading() {
        PromqlEvaluator small = new PromqlEvaluator(store, 8);
        assertThat(small.evaluate(PromqlParser.parse("hw.power{site=\"a\"}"), T0.plusSeconds(60), T0.plusSeconds(120),
                Duration.ofSeconds(30))).hasSize(2);
        assertThatThrownBy(() -> small.evaluate(PromqlParser.parse("sum(hw.power)"), T0.plusSeconds(60),
                T0.plusSeconds(120), Duration.ofSeconds(30)))
                .isInstanceOf(PromqlExecutionException.class)
                .hasMessage("the query would load up to 9 points (3 series times 3 steps), more than 8: narrow the "
                        + "selector or use a larger step");
    }

    @Test
    void rangesTooWideForTheStepAreRefused() {
        assertThatThrownBy(() -> evaluator.evaluate(PromqlParser.parse("rate(hw.energy[1d])"), T0, T0.plusSeconds(60),
                Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the range 1d spans more than 1000 steps of 15s: use a step of at least 1m26s400ms or a "
                        + "shorter range");
    }
}
