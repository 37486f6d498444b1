package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TelemetryStore} passes. A store's test subclasses this and supplies a fresh, empty
 * location per test; every expected value below is derived by hand from the contract (RangeQuery windows
 * {@code (t - window, t]} and Prometheus's extrapolation as documented in WindowStats), never from a store's
 * output.
 *
 * <p>Times are offsets in seconds from {@link #T0}, a midnight, so minute, hour and day boundaries are easy to
 * see. Values are small integers or halves, so sums are exact in any order.
 */
public abstract class TelemetryStoreCompatibilityKit {

    protected static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    private static final double EPS = 1e-9;

    protected final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    private String url;
    private RetentionPolicy retention = RetentionPolicy.DEFAULT;
    protected TelemetryStore store;

    /** A URL of a fresh, empty store (new file or schema); called once per test. */
    protected abstract String newStoreUrl();

    /** Runs SQL directly against the database behind the URL while no store has it open. */
    protected abstract void executeSql(String url, String sql) throws Exception;

    @BeforeEach
    void openStore() {
        url = newStoreUrl();
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private TelemetryStore open() {
        return TelemetryStores.open(new StoreSettings(url, retention, clock));
    }

    private void reopen(RetentionPolicy policy) {
        store.close();
        retention = policy;
        store = open();
    }

    // ---- helpers

    protected static Sample s(SeriesKey key, double offsetSeconds, double value) {
        return new Sample(key, T0.toEpochMilli() + Math.round(offsetSeconds * 1000), value);
    }

    private static Instant at(double offsetSeconds) {
        return T0.plusMillis(Math.round(offsetSeconds * 1000));
    }

    private List<RangeSeries> query(String selector, double from, double to, long stepSeconds, long windowSeconds,
            Aggregation aggregation) {
        return store.query(new RangeQuery(SeriesSelector.parse(selector), at(from), at(to),
                Duration.ofSeconds(stepSeconds), Duration.ofSeconds(windowSeconds), aggregation));
    }

    private List<Point> points(String selector, double from, double to, long step, long window, Aggregation agg) {
        List<RangeSeries> result = query(selector, from, to, step, window, agg);
        assertThat(result).as("series for %s", selector).hasSize(1);
        return result.get(0).points();
    }

    /** Expected points as alternating offset (seconds) and value. */
    private static void assertPoints(List<Point> actual, double... offsetAndValue) {
        assertThat(actual).as("points %s", actual).hasSize(offsetAndValue.length / 2);
        for (int i = 0; i < actual.size(); i++) {
            Point p = actual.get(i);
            assertThat(p.time()).as("time of point %d", i).isEqualTo(at(offsetAndValue[2 * i]));
            double expected = offsetAndValue[2 * i + 1];
            if (Double.isNaN(expected)) {
                assertThat(p.value()).as("value of point %d", i).isNaN();
            } else {
                assertThat(p.value()).as("value of point %d", i).isCloseTo(expected, within(EPS));
            }
        }
    }

    private static void assertSameAnswers(List<RangeSeries> actual, List<RangeSeries> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).series()).isEqualTo(expected.get(i).series());
            List<Point> a = actual.get(i).points();
            List<Point> e = expected.get(i).points();
            assertThat(a).as("points of %s", e).hasSameSizeAs(e);
            for (int j = 0; j < a.size(); j++) {
                assertThat(a.get(j).timeMillis()).isEqualTo(e.get(j).timeMillis());
                assertThat(a.get(j).value()).as("%s at %s", actual.get(i).series(), a.get(j).time())
                        .isCloseTo(e.get(j).value(), within(1e-6 * Math.max(1, Math.abs(e.get(j).value()))));
            }
        }
    }

    private static List<SeriesKey> keys(List<SeriesInfo> infos) {
        return infos.stream().map(SeriesInfo::series).toList();
    }

    private static final SeriesKey POWER_A = SeriesKey.of("hw.power", "host", "a", "rack", "r1");
    private static final SeriesKey POWER_B = SeriesKey.of("hw.power", "host", "b", "rack", "r2");
    private static final SeriesKey POWER_C = SeriesKey.of("hw.power", "host", "c");
    private static final SeriesKey TEMP_A = SeriesKey.of("hw.temp", "host", "a");
    private static final SeriesKey ENERGY = SeriesKey.of("hw.energy", "host", "a");

    // ---- round trip and aggregations

    @Test
    void roundTripReturnsTheAppendedSamplesAtTheirOwnTimestamps() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            samples.add(s(POWER_A, i * 10, i * 1.5 - 7));
        }
        store.append(samples);

        List<Point> points = points("hw.power", 0, 290, 10, 10, Aggregation.LAST);

        assertThat(points).hasSize(30);
        for (int i = 0; i < 30; i++) {
            assertThat(points.get(i)).isEqualTo(new Point(samples.get(i).timeMillis(), samples.get(i).value()));
        }
    }

    @Test
    void aBatchThatIntroducesThousandsOfSeriesCreatesEachOnceWithItsUnit() {
        store.describe(MetricDescriptor.gauge("hw.temperature", Unit.CELSIUS));
        List<Sample> first = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            first.add(new Sample(SeriesKey.of("hw.temperature", "sensor", "s" + i), T0.toEpochMilli(), i));
        }
        store.append(first);
        // The same series again, mixed with a new one: nothing is created twice.
        store.append(List.of(new Sample(SeriesKey.of("hw.temperature", "sensor", "s7"), T0.toEpochMilli() + 10_000, 70),
                new Sample(SeriesKey.of("hw.temperature", "sensor", "new"), T0.toEpochMilli() + 10_000, -1)));

        List<SeriesInfo> series = store.series(List.of(SeriesSelector.metric("hw.temperature")));
        assertThat(series).hasSize(1_235).allSatisfy(info -> assertThat(info.unit()).isEqualTo(Unit.CELSIUS));
        List<RangeSeries> s7 = store.query(RangeQuery.of(SeriesSelector.parse("hw.temperature{sensor=\"s7\"}"),
                T0.plusSeconds(10), T0.plusSeconds(10), Duration.ofSeconds(20), Aggregation.SUM));
        assertThat(s7).hasSize(1);
        assertThat(s7.get(0).points()).containsExactly(new Point(T0.toEpochMilli() + 10_000, 7 + 70));
    }

    @Test
    void everyGaugeAggregationOverTumblingWindows() {
        double[] values = {3, 1, 4, 1, 5, 9};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(s(POWER_A, i * 10, values[i]));
        }
        store.append(samples);

        // Windows (-10,20] hold 3,1,4 and (20,50] hold 1,5,9.
        assertPoints(points("hw.power", 20, 50, 30, 30, Aggregation.AVG), 20, 8.0 / 3, 50, 5);
        assertPoints(points("hw.power", 20, 50, 30, 30, Aggregation.MIN), 20, 1, 50, 1);
        assertPoints(points("hw.power", 20, 50, 30, 30, Aggregation.MAX), 20, 4, 50, 9);
        assertPoints(points("hw.power", 20, 50, 30, 30, Aggregation.SUM), 20, 8, 50, 15);
        assertPoints(points("hw.power", 20, 50, 30, 30, Aggregation.COUNT), 20, 3, 50, 3);
        assertPoints(points("hw.power", 20, 50, 30, 30, Aggregation.LAST), 20, 4, 50, 9);
        // Windows are left-open: (10,40] holds 4,1,5, (40,70] holds 9, and (70,100] nothing, so no point.
        assertPoints(points("hw.power", 40, 100, 30, 30, Aggregation.SUM), 40, 4 + 1 + 5, 70, 9);
    }

    @Test
    void windowsLongerThanTheStepOverlap() {
        double[] values = {3, 1, 4, 1, 5, 9};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(s(POWER_A, i * 10, values[i]));
        }
        store.append(samples);

        // Window 60 s every 30 s: (-10,50] holds all six, (20,80] holds 1,5,9.
        assertPoints(points("hw.power", 50, 80, 30, 60, Aggregation.AVG), 50, 23.0 / 6, 80, 5);
        assertPoints(points("hw.power", 50, 80, 30, 60, Aggregation.MAX), 50, 9, 80, 9);
        assertPoints(points("hw.power", 50, 80, 30, 60, Aggregation.COUNT), 50, 6, 80, 3);
        assertPoints(points("hw.power", 50, 80, 30, 60, Aggregation.LAST), 50, 9, 80, 9);
        // Window 20 s every 30 s: (0,20] holds 1,4 and (30,50] holds 5,9.
        assertPoints(points("hw.power", 20, 50, 30, 20, Aggregation.SUM), 20, 5, 50, 14);
    }

    @Test
    void increaseAndRateHandleResetsAndExtrapolate() {
        // 10, 20, 5 (reset), 15, 25, 30: increase 10 + 5 + 10 + 10 + 5 = 40.
        double[] values = {10, 20, 5, 15, 25, 30};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(s(ENERGY, i * 10, values[i]));
        }
        store.append(samples);

        // Window (-10,50]: the first sample is 10 s after the start, the last at the end. The average spacing is
        // 10 s, threshold 11 s, so the start extends by 10 s; zero would be reached 50 * (10 / 40) = 12.5 s before
        // the first sample, further than 10 s. Increase = 40 * (50 + 10 + 0) / 50 = 48; rate = 48 / 60.
        assertPoints(points("hw.energy", 50, 50, 60, 60, Aggregation.INCREASE), 50, 48);
        assertPoints(points("hw.energy", 50, 50, 60, 60, Aggregation.RATE), 50, 0.8);
    }

    @Test
    void counterResetExactlyAtABucketBoundary() {
        // Buckets of 30 s (step 30 s, window 60 s) end at 20 s and 50 s: (-10,20] holds 10,20,30 and (20,50]
        // holds 5,15,25, so the reset to 5 is the first sample of the second bucket.
        double[] values = {10, 20, 30, 5, 15, 25};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(s(ENERGY, i * 10, values[i]));
        }
        store.append(samples);

        // (-10,50]: 10 + 10 + 5 (reset) + 10 + 10 = 45; the start is 10 s away (under 11 s) and zero lies
        // 50 * (10 / 45) = 11.1 s back, so the start extends by 10 s: 45 * (50 + 10 + 0) / 50 = 54.
        // (20,80]: 5, 15, 25 -> 20; the start is 10 s away but zero lies 20 * (5 / 20) = 5 s back, so only 5 s;
        // the end is 30 s away (over 11 s) so it extends by half the spacing, 5 s: 20 * (20 + 5 + 5) / 20 = 30.
        assertPoints(points("hw.energy", 50, 80, 30, 60, Aggregation.INCREASE), 50, 54, 80, 30);
        assertPoints(points("hw.energy", 50, 80, 30, 60, Aggregation.RATE), 50, 54.0 / 60, 80, 30.0 / 60);
        // Tumbling 30 s windows: (-10,20] 10,20,30 -> 20, start 10 s away and zero 10 s back (not less), so
        // 20 * (20 + 10) / 20 = 30; (20,50] 5,15,25 -> 20, zero 5 s back: 20 * (20 + 5) / 20 = 25.
        assertPoints(points("hw.energy", 20, 50, 30, 30, Aggregation.INCREASE), 20, 30, 50, 25);
    }

    @Test
    void extrapolationStopsAtHalfAnIntervalAndAtZero() {
        SeriesKey far = SeriesKey.of("hw.energy", "host", "far");
        SeriesKey low = SeriesKey.of("hw.energy", "host", "low");
        store.append(List.of(s(far, 15, 100), s(far, 25, 110), s(far, 35, 120), s(far, 45, 130),
                s(low, 15, 1), s(low, 25, 11), s(low, 35, 21), s(low, 45, 31)));

        // Window (0,60]. Both: increase 30 over 30 s sampled, 15 s gaps to both edges, more than 1.1 * 10 s, so
        // each edge extends by half an interval (5 s). "far": zero lies 30 * 100 / 30 = 100 s back: 30 * 40 / 30
        // = 40. "low": zero lies 30 * 1 / 30 = 1 s back, so the start extends by 1 s only: 30 * 36 / 30 = 36.
        assertPoints(points("hw.energy{host=\"far\"}", 60, 60, 60, 60, Aggregation.INCREASE), 60, 40);
        assertPoints(points("hw.energy{host=\"low\"}", 60, 60, 60, 60, Aggregation.INCREASE), 60, 36);
        // One sample in a window, (40,50], gives no rate.
        assertThat(query("hw.energy", 50, 50, 10, 10, Aggregation.RATE)).isEmpty();
    }

    @Test
    void outOfOrderAndDuplicateAppendsAreStoredAsGiven() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            samples.add(s(ENERGY, i * 10, i * 2));
        }
        List<Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(7));
        store.append(shuffled.subList(0, 10));
        store.append(shuffled.subList(10, 20));
        store.append(List.of(s(ENERGY, 0, 0)));

        List<Point> last = points("hw.energy", 0, 190, 10, 10, Aggregation.LAST);
        assertThat(last).extracting(Point::value).containsExactly(
                0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0, 26.0, 28.0, 30.0, 32.0, 34.0,
                36.0, 38.0);
        assertPoints(points("hw.energy", 0, 0, 10, 10, Aggregation.COUNT), 0, 2);
        // A counter rising 2 per 10 s, sampled over [0,190] in the window (-10,190]: increase 38. The start is
        // 10 s away, under 1.1 * 9.5 s, but the first value is 0, so zero is 0 s back: no extension at all.
        assertPoints(points("hw.energy", 190, 190, 200, 200, Aggregation.INCREASE), 190, 38);
    }

    @Test
    void nanIsStoredAndReturnedAsNaN() {
        store.append(List.of(s(POWER_A, 0, 1), s(POWER_A, 10, Double.NaN), s(POWER_A, 20, 3)));

        assertPoints(points("hw.power", 0, 20, 10, 10, Aggregation.LAST), 0, 1, 10, Double.NaN, 20, 3);
        // MIN and MAX skip NaN like Prometheus's min/max_over_time; COUNT counts it; SUM becomes NaN.
        assertPoints(points("hw.power", 20, 20, 30, 30, Aggregation.MAX), 20, 3);
        assertPoints(points("hw.power", 20, 20, 30, 30, Aggregation.MIN), 20, 1);
        assertPoints(points("hw.power", 20, 20, 30, 30, Aggregation.COUNT), 20, 3);
        assertPoints(points("hw.power", 20, 20, 30, 30, Aggregation.SUM), 20, Double.NaN);
        assertThat(store.latest(SeriesSelector.parse("hw.power"), at(10), Duration.ofSeconds(5)))
                .singleElement().satisfies(sample -> assertThat(sample.value()).isNaN());
    }

    // ---- selectors and metadata

    private void appendFourSeries() {
        store.append(List.of(s(POWER_A, 0, 1), s(POWER_B, 0, 2), s(POWER_C, 0, 3), s(TEMP_A, 0, 40)));
    }

    private List<SeriesKey> seriesOf(String selector) {
        return keys(store.series(List.of(SeriesSelector.parse(selector))));
    }

    @Test
    void allFourMatcherOperatorsIncludingAbsentLabels() {
        appendFourSeries();

        assertThat(seriesOf("hw.power{host=\"a\"}")).containsExactly(POWER_A);
        assertThat(seriesOf("hw.power{host!=\"a\"}")).containsExactly(POWER_B, POWER_C);
        assertThat(seriesOf("hw.power{rack=~\"r.*\"}")).containsExactly(POWER_A, POWER_B);
        assertThat(seriesOf("hw.power{rack=~\"r\"}")).isEmpty();
        assertThat(seriesOf("hw.power{rack!~\"r1\"}")).containsExactly(POWER_B, POWER_C);
        assertThat(seriesOf("hw.power{rack=\"\"}")).containsExactly(POWER_C);
        assertThat(seriesOf("{__name__=~\"hw[.](power|temp)\", host=\"a\"}")).containsExactly(POWER_A, TEMP_A);
        assertThat(seriesOf("{__name__=~\"hw.p.*\"}")).containsExactly(POWER_A, POWER_B, POWER_C);

        List<RangeSeries> result = query("hw.power{rack!~\"r1\"}", 0, 0, 10, 10, Aggregation.LAST);
        assertThat(result).extracting(RangeSeries::series).containsExactly(POWER_B, POWER_C);
        assertThat(result).extracting(r -> r.points().get(0).value()).containsExactly(2.0, 3.0);
        assertThat(query("nothing.here", 0, 0, 10, 10, Aggregation.LAST)).isEmpty();
    }

    @Test
    void labelNamesLabelValuesAndSeriesWithAndWithoutSelectors() {
        appendFourSeries();

        assertThat(keys(store.series(List.of()))).containsExactly(POWER_A, POWER_B, POWER_C, TEMP_A);
        assertThat(store.labelNames(List.of())).containsExactly("__name__", "host", "rack");
        assertThat(store.labelNames(List.of(SeriesSelector.parse("hw.temp")))).containsExactly("__name__", "host");
        assertThat(store.labelValues("host", List.of())).containsExactly("a", "b", "c");
        assertThat(store.labelValues("__name__", List.of())).containsExactly("hw.power", "hw.temp");
        assertThat(store.labelValues("rack", List.of(SeriesSelector.parse("hw.power{host=~\"a|c\"}"))))
                .containsExactly("r1");
        assertThat(store.labelValues("host",
                List.of(SeriesSelector.parse("hw.temp"), SeriesSelector.parse("hw.power{host=\"b\"}"))))
                .containsExactly("a", "b");
        assertThat(store.labelValues("missing", List.of())).isEmpty();
    }

    @Test
    void latestHonoursTheLookbackAndLeavesStaleSeriesOut() {
        store.append(List.of(s(POWER_A, 0, 1), s(POWER_A, 10, 2), s(POWER_A, 20, 3), s(POWER_B, 0, 7)));
        SeriesSelector power = SeriesSelector.parse("hw.power");

        assertThat(store.latest(power, at(25), Duration.ofSeconds(10))).containsExactly(s(POWER_A, 20, 3));
        assertThat(store.latest(power, at(20), Duration.ofSeconds(30)))
                .containsExactly(s(POWER_A, 20, 3), s(POWER_B, 0, 7));
        assertThat(store.latest(power, at(15), Duration.ofSeconds(30)))
                .containsExactly(s(POWER_A, 10, 2), s(POWER_B, 0, 7));
        // The span is (at - lookback, at]: a sample exactly lookback old is stale.
        assertThat(store.latest(power, at(30), Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void latestStaysExactAcrossBackfillTiesReopeningAndRetention() {
        SeriesSelector power = SeriesSelector.parse("hw.power");
        store.append(List.of(s(POWER_A, 100, 1), s(POWER_B, 100, 5)));
        // A backfilled older sample does not replace the newest one; a tie on time keeps the greater value.
        store.append(List.of(s(POWER_A, 50, 9), s(POWER_B, 100, 4), s(POWER_B, 100, 6)));
        assertThat(store.latest(power, at(100), Duration.ofSeconds(60)))
                .containsExactly(s(POWER_A, 100, 1), s(POWER_B, 100, 6));
        // Asked about the past, before the newest samples.
        assertThat(store.latest(power, at(60), Duration.ofSeconds(60))).containsExactly(s(POWER_A, 50, 9));

        // Samples stored before the store was opened are found, and later appends move them on.
        reopen(RetentionPolicy.DEFAULT);
        assertThat(store.latest(power, at(110), Duration.ofSeconds(60)))
                .containsExactly(s(POWER_A, 100, 1), s(POWER_B, 100, 6));
        store.append(List.of(s(POWER_A, 120, 2)));
        assertThat(store.latest(power, at(130), Duration.ofSeconds(60)))
                .containsExactly(s(POWER_A, 120, 2), s(POWER_B, 100, 6));

        // After a reopen, a series appended to before anything asked for it still answers with its newest sample.
        reopen(RetentionPolicy.DEFAULT);
        store.append(List.of(s(POWER_B, 90, 8)));
        assertThat(store.latest(power, at(130), Duration.ofSeconds(60)))
                .containsExactly(s(POWER_A, 120, 2), s(POWER_B, 100, 6));

        // Retention removes raw samples: what it removed is never answered again.
        reopen(new RetentionPolicy(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(60)));
        store.append(List.of(s(POWER_A, 7200, 3)));
        assertThat(store.latest(power, at(7200), Duration.ofDays(1))).containsExactly(s(POWER_A, 7200, 3),
                s(POWER_B, 100, 6));
        store.applyRetention(at(7200));
        assertThat(store.latest(power, at(7200), Duration.ofDays(1))).containsExactly(s(POWER_A, 7200, 3));
        assertThat(store.latest(power, at(130), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void describedMetricsGiveUnitsAndKinds() {
        store.append(List.of(s(TEMP_A, 0, 20)));
        store.describe(MetricDescriptor.gauge("hw.power", Unit.WATT));
        store.describe(MetricDescriptor.gauge("hw.power", Unit.WATT));
        store.append(List.of(s(POWER_A, 0, 100)));
        store.describe(new MetricDescriptor("hw.power", Unit.of("kW"), MetricKind.GAUGE, "power draw"));
        store.append(List.of(s(POWER_B, 0, 0.5)));
        store.describe(MetricDescriptor.counter("hw.energy", Unit.JOULE));
        store.append(List.of(s(ENERGY, 0, 5)));

        assertThat(store.series(List.of())).containsExactly(
                new SeriesInfo(ENERGY, Unit.JOULE, MetricKind.COUNTER),
                new SeriesInfo(POWER_A, Unit.WATT, MetricKind.GAUGE),
                new SeriesInfo(POWER_B, Unit.of("kW"), MetricKind.GAUGE),
                new SeriesInfo(TEMP_A, Unit.NONE, MetricKind.UNKNOWN));
        assertThat(query("hw.power", 0, 0, 10, 10, Aggregation.LAST))
                .extracting(RangeSeries::unit).containsExactly(Unit.WATT, Unit.of("kW"));
    }

    // ---- rollups and retention

    /** Three hours of one counter (with a reset) and two gauges, every 15 s, from T0. */
    private void appendThreeHours() {
        List<Sample> batch = new ArrayList<>();
        double counter = 0;
        for (int i = 0; i < 3 * 240; i++) {
            double t = i * 15;
            counter = i == 300 ? 4 : counter + (i % 7);
            batch.add(s(ENERGY, t, counter));
            batch.add(s(POWER_A, t, 100 + (i % 13)));
            batch.add(s(POWER_B, t, 50 - (i % 5) * 0.5));
            if (batch.size() >= 500) {
                store.append(batch);
                batch.clear();
            }
        }
        store.append(batch);
    }

    private List<List<RangeSeries>> rollupQueries() {
        List<List<RangeSeries>> out = new ArrayList<>();
        for (Aggregation agg : Aggregation.values()) {
            out.add(query("{__name__=~\"hw.*\"}", 0, 3 * 3600, 3600, 3600, agg));
            // Buckets as wide as a rollup's: each is one rollup row (minute buckets hold the counter's reset).
            out.add(query("{__name__=~\"hw.*\"}", 60, 3 * 3600, 60, 60, agg));
            out.add(query("{__name__=~\"hw.*\"}", 0, 3 * 3600, 300, 900, agg));
            out.add(query("{__name__=~\"hw.*\"}", 1800, 3 * 3600, 1800, 7200, agg));
        }
        return out;
    }

    @Test
    void rollupsAnswerExactlyAsRawDataAndAreUsed() {
        appendThreeHours();
        clock.set(T0.plus(Duration.ofHours(5)));
        // Nothing is rolled up yet, so these come from raw samples.
        List<List<RangeSeries>> raw = rollupQueries();
        assertThat(raw.get(0)).hasSize(3);

        store.refreshRollups();
        List<List<RangeSeries>> rolled = rollupQueries();
        for (int i = 0; i < raw.size(); i++) {
            assertSameAnswers(rolled.get(i), raw.get(i));
        }

        // With the raw samples expired, only the rollups can still answer, and they answer the same.
        reopen(new RetentionPolicy(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(60)));
        TelemetryStore.RetentionResult removed = store.applyRetention(T0.plus(Duration.ofHours(5)));
        assertThat(removed.rawSamples()).isEqualTo(3 * 3 * 240);
        assertThat(query("{__name__=~\"hw.*\"}", 0, 3 * 3600, 10, 10, Aggregation.COUNT)).isEmpty();
        List<List<RangeSeries>> afterRetention = rollupQueries();
        for (int i = 0; i < raw.size(); i++) {
            assertSameAnswers(afterRetention.get(i), raw.get(i));
        }
    }

    @Test
    void backfillIntoRolledUpPastUpdatesTheRollups() {
        store.append(List.of(s(POWER_A, 1, 10), s(POWER_A, 60, 20), s(POWER_A, 3601, 30)));
        clock.set(T0.plus(Duration.ofHours(3)));
        store.refreshRollups();
        store.refreshRollups();

        // Late samples far below the watermark: one into an existing hour, one into an empty one.
        store.append(List.of(s(POWER_A, 120, 5), s(POWER_A, 7300, 1)));
        store.refreshRollups();

        // Hours (0,1h], (1h,2h], (2h,3h] hold 10+20+5, 30 and 1; the latest sample of the first is the one at 120 s.
        List<Point> expected = List.of(new Point(at(3600).toEpochMilli(), 35), new Point(at(7200).toEpochMilli(), 30),
                new Point(at(10800).toEpochMilli(), 1));
        assertThat(points("hw.power", 3600, 10800, 3600, 3600, Aggregation.SUM)).isEqualTo(expected);
        assertPoints(points("hw.power", 3600, 3600, 3600, 3600, Aggregation.LAST), 3600, 5);

        // Served by rollups alone once raw data is gone.
        reopen(new RetentionPolicy(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(60)));
        store.applyRetention(T0.plus(Duration.ofHours(3)));
        assertThat(points("hw.power", 3600, 10800, 3600, 3600, Aggregation.SUM)).isEqualTo(expected);
        assertPoints(points("hw.power", 300, 300, 300, 300, Aggregation.COUNT), 300, 3);
    }

    @Test
    void retentionRemovesEachResolutionAndCountsIt() {
        reopen(new RetentionPolicy(Duration.ofDays(2), Duration.ofDays(4), Duration.ofDays(6)));
        List<Sample> samples = new ArrayList<>();
        for (int h = 0; h < 8 * 24; h++) {
            samples.add(s(POWER_A, h * 3600.0, h));
        }
        store.append(samples);
        clock.set(T0.plus(Duration.ofDays(8)));

        // One sample an hour: each is its own minute and hour bucket. Raw before day 6, minute rollups
        // before day 4 and hour rollups before day 2 expire.
        assertThat(store.applyRetention(T0.plus(Duration.ofDays(8))))
                .isEqualTo(new TelemetryStore.RetentionResult(6 * 24, 4 * 24, 2 * 24, 0));
        assertThat(store.applyRetention(T0.plus(Duration.ofDays(8))))
                .isEqualTo(new TelemetryStore.RetentionResult(0, 0, 0, 0));

        // Hourly answers remain from day 2 on (hour rollups), minute-step answers from day 4 on.
        List<Point> hourly = points("hw.power", 0, 8 * 86400 - 3600, 3600, 3600, Aggregation.MAX);
        assertThat(hourly).hasSize(6 * 24);
        assertThat(hourly.get(0)).isEqualTo(new Point(at(2 * 86400).toEpochMilli(), 48));
        List<Point> minutes = points("hw.power", 0, 8 * 86400 - 3600, 600, 600, Aggregation.MAX);
        assertThat(minutes).hasSize(4 * 24);
        assertThat(minutes.get(0)).isEqualTo(new Point(at(4 * 86400).toEpochMilli(), 96));
    }

    // ---- device events

    private static final Map<String, String> RACK_A = Map.of("site", "paris", "room", "r1", "rack", "a1",
            "device", "pdu-a", "feed", "A", "owner", "ops");
    private static final Map<String, String> RACK_B = Map.of("site", "lyon", "rack", "b1", "device", "ups-b");

    private static DeviceEvent event(String device, Map<String, String> labels, double offsetSeconds, String type) {
        return new DeviceEvent(Optional.of(device), "snmp://10.0.0.5:162", type, Optional.of("Warning"),
                "event " + type, Map.of("1.3.6.1.2.1.1.3.0", "12345", "ifIndex", "3"), at(offsetSeconds), labels);
    }

    private List<DeviceEvent> events(EventQuery query) {
        return store.events(query);
    }

    private static EventQuery allEvents() {
        return EventQuery.between(T0.minus(Duration.ofDays(400)), T0.plus(Duration.ofDays(400)));
    }

    @Test
    void eventsRoundTripEveryFieldIncludingEmptyOptionals() {
        DeviceEvent full = new DeviceEvent(Optional.of("pdu-a"), "snmp://10.0.0.5:162", "1.3.6.1.4.1.318.0.5",
                Optional.of("Critical"), "Outlet 3 turned off", Map.of("outlet", "3", "state", "off"),
                at(12.345), RACK_A);
        DeviceEvent unmatched = new DeviceEvent(Optional.empty(), "redfish://192.0.2.9", "Alert.1.0.PowerOff",
                Optional.empty(), "", Map.of(), at(20), Map.of());
        store.appendEvents(List.of(full, unmatched));
        store.appendEvents(List.of());

        assertThat(events(allEvents())).containsExactly(unmatched, full);
    }

    @Test
    void eventsQueryIsStartInclusiveEndExclusiveNewestFirst() {
        store.appendEvents(List.of(event("pdu-a", RACK_A, 0, "t0"), event("pdu-a", RACK_A, 10, "t10"),
                event("pdu-a", RACK_A, 20, "t20"), event("pdu-a", RACK_A, 30, "t30")));

        assertThat(events(EventQuery.between(at(10), at(30)))).extracting(DeviceEvent::type)
                .containsExactly("t20", "t10");
        // Sub-millisecond bounds: the event at 10 s is before a start just after it, and before an end just after it.
        assertThat(events(EventQuery.between(at(10).plusNanos(1), at(30).plusNanos(1)))).extracting(DeviceEvent::type)
                .containsExactly("t30", "t20");
        assertThat(events(EventQuery.between(at(10), at(10)))).isEmpty();
        assertThat(events(EventQuery.between(at(31), at(100)))).isEmpty();
    }

    @Test
    void eventsOfTheSameMillisecondComeNewestAppendedFirst() {
        store.appendEvents(List.of(event("pdu-a", RACK_A, 5, "first"), event("pdu-a", RACK_A, 5, "second")));
        store.appendEvents(List.of(event("pdu-a", RACK_A, 5, "third")));

        assertThat(events(allEvents())).extracting(DeviceEvent::type).containsExactly("third", "second", "first");
    }

    @Test
    void eventsQueryByDeviceSiteAndLimit() {
        store.appendEvents(List.of(event("pdu-a", RACK_A, 0, "a0"), event("ups-b", RACK_B, 1, "b1"),
                event("pdu-a", RACK_A, 2, "a2"), event("ups-b", RACK_B, 3, "b3"),
                new DeviceEvent(Optional.empty(), "snmp://192.0.2.1:162", "unknown", Optional.empty(), "?", Map.of(),
                        at(4))));

        assertThat(events(allEvents().device("pdu-a"))).extracting(DeviceEvent::type).containsExactly("a2", "a0");
        assertThat(events(allEvents().site("lyon"))).extracting(DeviceEvent::type).containsExactly("b3", "b1");
        assertThat(events(allEvents().site("lyon").device("pdu-a"))).isEmpty();
        assertThat(events(allEvents().device("nobody"))).isEmpty();
        assertThat(events(allEvents().limit(2))).extracting(DeviceEvent::type).containsExactly("unknown", "b3");
        assertThat(events(allEvents().device("ups-b").limit(1))).extracting(DeviceEvent::type).containsExactly("b3");
        assertThat(events(allEvents())).hasSize(5);
    }

    @Test
    void eventsKeepUnicodeQuotesControlCharactersAndLargeDetails() {
        String large = "x".repeat(200_000);
        Map<String, String> details = Map.of(
                "sysLocation", "Salle \u00e9lectrique \u00ab B \u00bb \uD83D\uDD0C \u7b2c\u4e8c\u5ba4",
                "quote\"key", "back\\slash\ttab\nnewline\u0001", "dump", large);
        DeviceEvent e = new DeviceEvent(Optional.of("pdu-\u00e9"), "redfish://[2001:db8::1]:443", "Alert.1.0.\u00fc",
                Optional.of("Warning"), "Temp\u00e9rature \u00e9lev\u00e9e \u26a0 \uD83C\uDF21", details, at(1),
                Map.of("site", "s\u00e3o-paulo", "rack", "r\"1"));
        store.appendEvents(List.of(e));

        assertThat(events(allEvents().site("s\u00e3o-paulo").device("pdu-\u00e9"))).containsExactly(e);
    }

    @Test
    void eventsFollowTheMinuteRollupRetention() {
        reopen(new RetentionPolicy(Duration.ofDays(2), Duration.ofDays(4), Duration.ofDays(6)));
        List<DeviceEvent> batch = new ArrayList<>();
        for (int day = 0; day < 8; day++) {
            batch.add(event("pdu-a", RACK_A, day * 86400.0, "day" + day));
        }
        store.appendEvents(batch);
        clock.set(T0.plus(Duration.ofDays(8)));

        TelemetryStore.RetentionResult removed = store.applyRetention(T0.plus(Duration.ofDays(8)));

        assertThat(removed.events()).isEqualTo(4);
        assertThat(events(allEvents())).extracting(DeviceEvent::type)
                .containsExactly("day7", "day6", "day5", "day4");
        reopen(RetentionPolicy.DEFAULT);
        assertThat(events(allEvents())).hasSize(4);
    }

    @Test
    void aBadEventBatchFailsWholeAndIsNotRetryable() {
        List<DeviceEvent> batch = new ArrayList<>(List.of(event("pdu-a", RACK_A, 0, "ok")));
        batch.add(null);
        assertThatThrownBy(() -> store.appendEvents(batch))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).retryable()).isFalse());
        assertThat(events(allEvents())).isEmpty();
    }

    // ---- persistence, schema, concurrency, life cycle

    @Test
    void reopeningKeepsSeriesSamplesAndDescriptions() {
        store.describe(MetricDescriptor.gauge("hw.power", Unit.WATT));
        store.append(List.of(s(POWER_A, 0, 1), s(POWER_A, 10, 2)));
        reopen(RetentionPolicy.DEFAULT);

        assertThat(store.series(List.of())).containsExactly(new SeriesInfo(POWER_A, Unit.WATT, MetricKind.GAUGE));
        store.append(List.of(s(POWER_A, 20, 3), s(POWER_B, 20, 4)));
        assertPoints(points("hw.power{host=\"a\"}", 0, 20, 10, 10, Aggregation.LAST), 0, 1, 10, 2, 20, 3);
        assertThat(keys(store.series(List.of()))).containsExactly(POWER_A, POWER_B);
    }

    @Test
    void migrationsAreIdempotentAndANewerSchemaIsRefused() throws Exception {
        store.append(List.of(s(POWER_A, 0, 1)));
        int latest = new SchemaMigrations(dialect()).latestVersion();
        reopen(RetentionPolicy.DEFAULT);
        reopen(RetentionPolicy.DEFAULT);
        assertPoints(points("hw.power", 0, 0, 10, 10, Aggregation.LAST), 0, 1);
        store.close();
        store = null;

        executeSql(url, "INSERT INTO schema_version (version, description, applied_at_ms) VALUES ("
                + (latest + 41) + ", 'from the future', 0)");
        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version " + (latest + 41))
                .hasMessageContaining("version " + latest)
                .satisfies(e -> assertThat(((StoreException) e).retryable()).isFalse());
    }

    /** The migrations folder of this store's dialect. */
    protected abstract String dialect();

    @Test
    void concurrentAppendsFromSeveralThreads() throws Exception {
        int threads = 4;
        int batches = 25;
        int perBatch = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    SeriesKey own = SeriesKey.of("hw.power", "host", "t" + thread);
                    SeriesKey shared = SeriesKey.of("hw.power", "host", "shared");
                    for (int b = 0; b < batches; b++) {
                        List<Sample> batch = new ArrayList<>();
                        for (int i = 0; i < perBatch; i++) {
                            int n = b * perBatch + i;
                            batch.add(s(i % 2 == 0 ? own : shared, n, thread));
                        }
                        store.append(batch);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<RangeSeries> counts = query("hw.power", 5000, 5000, 86400, 86400, Aggregation.COUNT);
        assertThat(counts).hasSize(threads + 1);
        double total = counts.stream().mapToDouble(r -> r.points().get(0).value()).sum();
        assertThat(total).isEqualTo(threads * batches * perBatch);
        assertThat(counts.get(0).series()).isEqualTo(SeriesKey.of("hw.power", "host", "shared"));
        assertThat(counts.get(0).points().get(0).value()).isEqualTo(threads * batches * perBatch / 2.0);
    }

    @Test
    void aBadBatchFailsWholeAndIsNotRetryable() {
        List<Sample> batch = new ArrayList<>(List.of(s(POWER_A, 0, 1), s(POWER_A, 10, 2)));
        batch.add(null);
        assertThatThrownBy(() -> store.append(batch))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).retryable()).isFalse());
        assertThat(query("hw.power", 0, 10, 10, 10, Aggregation.COUNT)).isEmpty();
        store.append(batch.subList(0, 2));
        assertPoints(points("hw.power", 0, 10, 10, 10, Aggregation.COUNT), 0, 1, 10, 1);
    }

    @Test
    void describeLocationIsRedactedAndAClosedStoreFailsClearly() {
        assertThat(store.describeLocation()).isEqualTo(StoreSettings.redact(url));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.append(List.of(s(POWER_A, 0, 1))))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.series(List.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.appendEvents(List.of(event("pdu-a", RACK_A, 0, "late"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.events(allEvents()))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        store = null;
    }
}
