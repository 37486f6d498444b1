package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcsuite slo status} on a real DuckDB file: 1000 requests a minute for two days, one in a thousand
 * failing (burn 1), and 2% failing in the last hour (burn 20).
 */
class SloStatusCommandTest {

    static final long AT_MIN = java.time.Instant.parse("2026-11-24T08:00:00Z").toEpochMilli() / 60_000;

    @TempDir
    Path dir;
    String store;

    @BeforeEach
    void write() throws Exception {
        store = "duckdb:" + dir.resolve("t.duckdb");
        try (TelemetryStore s = TelemetryStores.open(StoreSettings.of(store))) {
            List<Sample> samples = new ArrayList<>();
            double bad = 0;
            double all = 0;
            for (long m = AT_MIN - 2 * 1440; m <= AT_MIN; m++) {
                double b = m > AT_MIN - 60 ? 20 : 1;
                bad += b;
                all += 1000;
                samples.add(new Sample(SeriesKey.of("http_requests_total", "service", "checkout", "code", "500"),
                        m * 60_000, bad));
                samples.add(new Sample(SeriesKey.of("http_requests_total", "service", "checkout", "code", "200"),
                        m * 60_000, all - bad));
            }
            s.append(samples);
        }
        Files.createDirectories(dir.resolve("slos"));
        Files.writeString(dir.resolve("slos/checkout.yaml"), """
                apiVersion: openslo/v1
                kind: SLO
                metadata:
                  name: checkout-availability
                spec:
                  service: checkout
                  indicator:
                    metadata:
                      name: checkout-errors
                    spec:
                      ratioMetric:
                        counter: true
                        bad:
                          metricSource:
                            type: dcsuite
                            spec:
                              query: 'http_requests_total{service="checkout",code=~"5.."}'
                        total:
                          metricSource:
                            type: dcsuite
                            spec:
                              query: 'http_requests_total{service="checkout"}'
                  timeWindow:
                    - duration: 30d
                      isRolling: true
                  budgetingMethod: Occurrences
                  objectives:
                    - target: 0.999
                """);
    }

    @Test
    void jsonHasTheContractFields() throws Exception {
        CliRun run = CliRun.of("slo", "status", "--config", dir.toString(), "--store", store,
                "--at", "2026-11-24T08:00:30Z", "--format", "json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("at").asText()).isEqualTo("2026-11-24T08:00:00Z");
        JsonNode slo = root.get("slos").get(0);
        assertThat(slo.get("name").asText()).isEqualTo("checkout-availability");
        assertThat(slo.get("service").asText()).isEqualTo("checkout");
        assertThat(slo.get("objective").asDouble()).isEqualTo(0.999);
        assertThat(slo.get("window").asText()).isEqualTo("30d");
        assertThat(slo.get("budgeting_method").asText()).isEqualTo("Occurrences");
        double total = 1000.0 * 2 * 1440;
        double bad = 2 * 1440 - 60 + 20 * 60;
        assertThat(slo.get("sli").asDouble()).isCloseTo(1 - bad / total, within(1e-12));
        assertThat(slo.get("budget_remaining").asDouble()).isCloseTo(1 - bad / (0.001 * total), within(1e-9));
        assertThat(slo.get("burn_rates").get("5m").asDouble()).isCloseTo(20, within(1e-9));
        assertThat(slo.get("burn_rates").get("2h").asDouble()).isCloseTo((1200 + 60) / 120.0, within(1e-9));
        List<String> keys = new ArrayList<>();
        slo.get("burn_rates").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
        // 20 over 1h and 5m pages; over 3d the burn is (1200 + 2820) / 2880 = 1.4 and over 6h 4.2: a ticket.
        assertThat(slo.get("alerts_firing").toString()).isEqualTo("[\"page\",\"ticket\"]");
    }

    @Test
    void tableHasOneRowPerSlo() {
        CliRun run = CliRun.of("slo", "status", "--config", dir.toString(), "--store", store,
                "--at", "2026-11-24T08:00:00Z");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("NAME").contains("BUDGET_LEFT", "5m", "3d", "ALERTS");
        assertThat(lines.get(1)).startsWith("checkout-availability").contains("99.900%", "20.00", "page,ticket");
    }

    @Test
    void problemsInSloFilesAreReportedWithTheirPosition() throws Exception {
        Files.writeString(dir.resolve("slos/checkout.yaml"), Files.readString(dir.resolve("slos/checkout.yaml"))
                .replaceFirst("type: dcsuite", "type: prometheus"));

        CliRun run = CliRun.of("slo", "status", "--config", dir.toString(), "--store", store);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("slos/checkout.yaml:15:19: spec.indicator.spec.ratioMetric.bad.metricSource"
                + ".type: unsupported metric source type 'prometheus'");
    }

    @Test
    void aStoreHeldByARunningServerIsRefusedWithAHint() throws Exception {
        // A separate process holds the DuckDB file, as `dcsuite run` would.
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.dcsuite.storage.DuckDbLockHolder", store)
                .redirectErrorStream(true).start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.startsWith("open "));
            assertThat(line).as("the holder opened the store").isNotNull();

            CliRun run = CliRun.of("slo", "status", "--config", dir.toString(), "--store", store);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).contains("in use by another process", "ask the running server instead: "
                    + "GET /api/v1/slos");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void badFormatIsAUsageError() {
        CliRun run = CliRun.of("slo", "status", "--config", dir.toString(), "--store", store, "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--format: unknown format 'xml': use table or json");
    }

    @Test
    void validateReportsSloProblemsBesideTheRest() throws Exception {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.writeString(dir.resolve("slos/native.yaml"), """
                version: dcsuite/v1
                slos:
                  - name: x
                    service: y
                    objective: 1.5
                    window: 30d
                    sli:
                      ratio: { bad: 'e', total: 't' }
                """);

        CliRun run = CliRun.of("validate", "--config", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines()).containsExactly(dir.resolve("slos/native.yaml") + ":5:16: slos[0].objective: "
                + "must be between 0 and 1 exclusive (0.999 for 99.9%), got 1.5");
    }

    @Test
    void validateCountsValidSlos() throws Exception {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");

        CliRun run = CliRun.of("validate", "--config", dir.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(", 1 SLO(s)");
    }
}
