package org.dcsuite.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.dashboard.TestFleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Step and rollup choice per range, and chart values equal to what the DuckDB store holds. */
class ChartServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:07Z");

    @TempDir
    Path dir;
    private TelemetryStore store;
    private ChartService charts;

    @BeforeEach
    void open() {
        store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("charts.duckdb")));
        charts = new ChartService(TestFleet.config().sites(), store, new MutableClock(NOW));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @CsvSource({
        "15m, PT10S, RAW, 91",
        "1h, PT10S, RAW, 361",
        "6h, PT1M, MINUTE_ROLLUP, 361",
        "24h, PT2M, MINUTE_ROLLUP, 721",
        "7d, PT15M, MINUTE_ROLLUP, 673",
        "30d, PT1H, HOUR_ROLLUP, 721"})
    void eachRangeGetsAStepUnderAThousandPointsAlignedForTheRollups(String id, Duration step,
            ChartData.Source source, long points) {
        ChartRange range = ChartRange.fromId(id).orElseThrow();
        assertThat(ChartService.step(range)).isEqualTo(step);
        assertThat(ChartService.source(step)).isEqualTo(source);
        RangeQuery q = charts.query(SeriesSelector.metric("hw.power"), range);
        assertThat(q.fromMillis() % step.toMillis()).as("start aligned to the step").isZero();
        assertThat(q.toMillis() % step.toMillis()).isZero();
        assertThat(q.toMillis()).isLessThanOrEqualTo(NOW.toEpochMilli());
        assertThat(Duration.ofMillis(q.toMillis() - q.fromMillis())).isEqualTo(range.length());
        assertThat((q.toMillis() - q.fromMillis()) / q.stepMillis() + 1).isEqualTo(points)
                .isLessThanOrEqualTo(ChartService.MAX_POINTS);
    }

    @Test
    void rackPowerPerFeedIsTheStoredInletTotalsInKilowatts() {
        List<Sample> samples = new ArrayList<>();
        Instant start = NOW.minus(Duration.ofMinutes(20));
        for (Instant t = start; t.isBefore(NOW); t = t.plusSeconds(10)) {
            samples.add(TestFleet.sample("hw.power", "lyon", "lyon-pdu-a", t, 1500, "hw.id", "inlet-1"));
            samples.add(TestFleet.sample("hw.power", "lyon", "lyon-pdu-b", t, 1700, "hw.id", "inlet-1"));
            // A phase reading must not be added to the inlet total.
            samples.add(TestFleet.sample("hw.power", "lyon", "lyon-pdu-a", t, 500, "hw.id", "p1", "phase", "1"));
        }
        store.append(samples);
        store.refreshRollups();

        ChartData hour = charts.rackPowerByFeed("lyon", "r01", ChartRange.HOUR_1).orElseThrow();
        assertThat(hour.unit()).isEqualTo("kW");
        assertThat(hour.series()).extracting(ChartData.Series::name).containsExactly("Feed A", "Feed B");
        assertThat(hour.timesMillis()).hasSize(361);
        List<Double> a = hour.series().get(0).values();
        assertThat(a.getLast()).isEqualTo(1.5);
        assertThat(hour.series().get(1).values().getLast()).isEqualTo(1.7);
        assertThat(a.getFirst()).as("no samples an hour ago").isNaN();

        ChartData day = charts.rackPowerByFeed("lyon", "r01", ChartRange.HOURS_24).orElseThrow();
        assertThat(day.source()).isEqualTo(ChartData.Source.MINUTE_ROLLUP);
        assertThat(day.series().get(0).values().getLast()).isEqualTo(1.5);

        ChartData site = charts.sitePower("lyon", ChartRange.HOURS_6).orElseThrow();
        assertThat(site.series()).extracting(ChartData.Series::name).containsExactly("IT power");
        assertThat(site.series().get(0).values().getLast()).isEqualTo(3.2);
    }

    @Test
    void unknownSiteOrRackHasNoChart() {
        assertThat(charts.sitePower("nowhere", ChartRange.DEFAULT)).isEmpty();
        assertThat(charts.rackPowerByFeed("lyon", "r99", ChartRange.DEFAULT)).isEmpty();
    }
}
