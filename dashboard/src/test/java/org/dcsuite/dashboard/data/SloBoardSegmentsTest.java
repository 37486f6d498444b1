package org.dcsuite.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.slo.SloDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A latency SLO's segment table reads the requests its histogram selects: one service at two sites makes two SLOs,
 * and each shows its own site's segments, not the slower site's.
 */
class SloBoardSegmentsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void eachSitesLatencySloShowsItsOwnSitesSegments() throws Exception {
        Path slos = Files.createDirectories(dir.resolve("config/slos"));
        Files.writeString(slos.resolve("checkout.yaml"), """
                version: dcsuite/v1
                slos:
                  - name: lyon-checkout-latency
                    service: checkout
                    objective: 0.99
                    window: 30d
                    sli:
                      latency:
                        histogram: 'trace.duration.bucket{service="checkout",site="lyon"}'
                        le: 0.25
                        segments: { storage: 80ms }
                  - name: oslo-checkout-latency
                    service: checkout
                    objective: 0.99
                    window: 30d
                    sli:
                      latency:
                        histogram: 'trace.duration.bucket{service="checkout",site="oslo"}'
                        le: 0.25
                        segments: { storage: 80ms }
                """);
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("s.duckdb")))) {
            List<Sample> samples = new ArrayList<>();
            segment(samples, "lyon", 0.030, 0.050);
            segment(samples, "oslo", 0.120, 0.200);
            store.append(samples);
            SloBoardService board = SloBoardService.of(SloDefinitions.load(dir.resolve("config")),
                    TestFleet.config().sites(), store, new MutableClock(NOW));

            SegmentLatency lyon = board.segments("lyon-checkout-latency").orElseThrow().get(0);
            SegmentLatency oslo = board.segments("oslo-checkout-latency").orElseThrow().get(0);

            assertThat(lyon.segment()).isEqualTo("storage");
            assertThat(lyon.p95Seconds().getAsDouble()).isEqualTo(0.030);
            assertThat(lyon.p99Seconds().getAsDouble()).isEqualTo(0.050);
            assertThat(oslo.p95Seconds().getAsDouble()).isEqualTo(0.120);
            assertThat(oslo.p99Seconds().getAsDouble()).isEqualTo(0.200);
        }
    }

    private static void segment(List<Sample> out, String site, double p95, double p99) {
        out.add(Sample.of(SeriesKey.of("trace.segment.duration.quantile", "service", "checkout", "site", site,
                "route", "/pay", "segment", "storage", "quantile", "0.95"), NOW, p95));
        out.add(Sample.of(SeriesKey.of("trace.segment.duration.quantile", "service", "checkout", "site", site,
                "route", "/pay", "segment", "storage", "quantile", "0.99"), NOW, p99));
    }
}
