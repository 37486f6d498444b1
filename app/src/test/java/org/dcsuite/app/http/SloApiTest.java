package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/slos}: parameters and the enveloped JSON, for the live state and for a given time. */
class SloApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:20Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void unconfiguredSaysSo() {
        assertThatThrownBy(() -> SloApi.unconfigured().parse(MultiMap.caseInsensitiveMultiMap(), CLOCK))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND))
                .hasMessageContaining("no SLOs are configured");
    }

    @Test
    void answersNowAndAGivenTimeInTheEnvelope() throws Exception {
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
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")))) {
            // 25 degrees until 11:00, then 30: at 12:00 one hour in two is hot, at 11:00 none is.
            long start = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
            java.util.List<Sample> samples = new java.util.ArrayList<>();
            for (long t = start; t <= CLOCK.millis(); t += 60_000) {
                samples.add(new Sample(SeriesKey.of("hw.temperature"), t, t > start + 3_600_000 ? 30 : 25));
            }
            store.append(samples);
            SloDefinitions definitions = SloDefinitions.load(dir);
            SloApi api = SloApi.of(definitions, new SloEngine(store, definitions), store);

            String now = api.answer(api.parse(MultiMap.caseInsensitiveMultiMap(), CLOCK));
            String past = api.answer(api.parse(MultiMap.caseInsensitiveMultiMap().add("at", "2026-11-24T11:00:00Z"),
                    CLOCK));

            assertThat(now).startsWith("{\"status\":\"success\",\"data\":{\"at\":\"2026-11-24T12:00:00Z\"")
                    .contains("\"name\":\"inlet\"", "\"sli\":0.5");
            assertThat(past).contains("\"at\":\"2026-11-24T11:00:00Z\"", "\"sli\":1.0", "\"alerts_firing\":[]");
        }
    }
}
