package org.dcsuite.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.dcsuite.slo.SloStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's SLO cycle writes what the engine computed into the store, where the dashboard reads it. */
class SloEvaluationCycleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:30Z");

    @TempDir
    Path dir;

    @Test
    void aCycleStoresTheEnginesFiguresAtTheEvaluatedMinute() throws Exception {
        Files.createDirectories(dir.resolve("slos"));
        Files.writeString(dir.resolve("slos/a.yaml"), """
                version: dcsuite/v1
                slos:
                  - name: inlet
                    service: lyon
                    objective: 0.99
                    window: 1d
                    sli:
                      threshold: { query: 'hw.temperature', op: lte, value: 27 }
                """);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (TelemetryStore store = TelemetryStores.open(new StoreSettings("duckdb:" + dir.resolve("t.duckdb"),
                org.dcsuite.core.store.RetentionPolicy.DEFAULT, clock))) {
            // 25 degrees until 11:00, then 30.
            long start = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
            List<Sample> samples = new ArrayList<>();
            for (long t = start; t <= NOW.toEpochMilli(); t += 60_000) {
                samples.add(new Sample(SeriesKey.of("hw.temperature"), t, t > start + 3_600_000 ? 30 : 25));
            }
            store.append(samples);
            SloDefinitions definitions = SloDefinitions.load(dir);
            SloEvaluationCycle cycle = SloEvaluationCycle.start(new SloEngine(store, definitions), definitions, store,
                    clock, new SimpleMeterRegistry());
            List<SloStatus> statuses;
            try {
                statuses = cycle.evaluate(NOW);
            } finally {
                cycle.close();
            }
            SloStatus inlet = statuses.get(0);
            Instant minute = Instant.parse("2026-11-24T12:00:00Z");

            // 121 measured minutes (10:00 to 12:00), the 60 after 11:00 hot.
            assertThat(inlet.sli()).isCloseTo(61.0 / 121, within(1e-12));
            assertThat(latest(store, "slo.sli{slo=\"inlet\",service=\"lyon\"}", minute)).containsExactly(
                    new Sample(SeriesKey.of("slo.sli", "slo", "inlet", "service", "lyon"), minute.toEpochMilli(),
                            inlet.sli()));
            assertThat(latest(store, "slo.error_budget.remaining{slo=\"inlet\"}", minute)).singleElement()
                    .extracting(Sample::value).isEqualTo(inlet.budgetRemaining());
            assertThat(latest(store, "slo.burn_rate{slo=\"inlet\",window=\"1h\"}", minute)).singleElement()
                    .extracting(Sample::value).isEqualTo(inlet.burnRates().get("1h"));
            // Every tier of the default policy is written, 1 for those firing.
            assertThat(latest(store, "slo.alert.firing{slo=\"inlet\"}", minute))
                    .extracting(s -> s.series().label("tier") + "=" + s.value())
                    .containsExactlyInAnyOrder(inlet.alertsFiring().contains("page") ? "page=1.0" : "page=0.0",
                            inlet.alertsFiring().contains("ticket") ? "ticket=1.0" : "ticket=0.0");
            assertThat(inlet.alertsFiring()).contains("page");
        }
    }

    private static List<Sample> latest(TelemetryStore store, String selector, Instant at) {
        return store.latest(SeriesSelector.parse(selector), at, Duration.ofMinutes(5));
    }
}
