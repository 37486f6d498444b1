package org.dcsuite.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMaintenanceIT {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final SeriesKey KEY = SeriesKey.of("hw.power", "device", "p1");

    @TempDir
    Path dir;

    @Test
    void rollsUpThenExpiresRawSamplesOnSchedule() throws Exception {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(20)));
        StoreSettings settings = new StoreSettings("duckdb:" + dir.resolve("t.duckdb"), RetentionPolicy.DEFAULT, clock);
        try (TelemetryStore store = TelemetryStores.open(settings)) {
            store.describe(MetricDescriptor.gauge("hw.power", Unit.WATT));
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                samples.add(new Sample(KEY, T0.toEpochMilli() + i * 15_000L, i));
            }
            store.append(samples);
            RangeQuery raw = RangeQuery.of(SeriesSelector.metric("hw.power"), T0, T0.plusSeconds(105),
                    Duration.ofSeconds(15), Aggregation.MAX);
            RangeQuery minutes = RangeQuery.of(SeriesSelector.metric("hw.power"), T0, T0.plusSeconds(60),
                    Duration.ofMinutes(1), Aggregation.MAX);
            assertThat(store.query(raw).get(0).points()).hasSize(8);

            try (StoreMaintenance maintenance = new StoreMaintenance(store, clock, Duration.ofMillis(20),
                    Duration.ofMillis(50))) {
                maintenance.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!store.query(raw).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            // Raw samples are 20 days old, past the 14 days kept; the 1-minute rollups still answer:
            // (T0-1m, T0] holds the sample 0, (T0, T0+1m] the samples 1..4.
            assertThat(store.query(raw)).isEmpty();
            assertThat(store.query(minutes).get(0).points()).extracting(p -> p.value()).containsExactly(0.0, 4.0);
        }
    }
}
