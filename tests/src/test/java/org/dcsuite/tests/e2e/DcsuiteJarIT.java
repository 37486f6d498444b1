package org.dcsuite.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as a user meets it: validate a configuration, import OpenMetrics, query it back from the CLI,
 * serve it over HTTP and query it there, stop the server with SIGTERM and find the store intact.
 */
class DcsuiteJarIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_764_000_000L; // 2025-11-24T16:00:00Z, unix seconds

    @TempDir
    Path work;

    @Test
    void validateAcceptsTheExampleConfiguration() throws Exception {
        Path examples = Path.of("..", "examples", "config").toAbsolutePath().normalize();
        DcsuiteProcess.Result r = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "validate", "--config", examples.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("configuration OK");
    }

    @Test
    void validateReportsEveryProblemWithFileAndLine() throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("dcsuite.yaml"), "version: dcsuite/v1\nhttp:\n  port: many\n");
        Files.createDirectories(config.resolve("sites"));
        Files.writeString(config.resolve("sites/a.yaml"), "version: dcsuite/v1\nsite:\n  id: a\n  time_zone: Mars/Olympus\n");
        DcsuiteProcess.Result r = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "validate", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("dcsuite.yaml:3:").contains("port").contains("sites/a.yaml:4:").contains("time_zone");
    }

    @Test
    void badCommandLinesGiveOneLineAndExitCodeTwo() throws Exception {
        DcsuiteProcess.Result badSelector = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "query", "hw.power{site=}",
                "--from", "now-1h", "--to", "now", "--store", "duckdb:" + work.resolve("s.duckdb"));
        assertThat(badSelector.exitCode()).isEqualTo(2);
        assertThat(badSelector.stderr()).hasSize(1);
        assertThat(badSelector.err()).contains("invalid selector");

        DcsuiteProcess.Result badStore = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "query", "hw.power",
                "--from", "now-1h", "--to", "now", "--store", "mysql://x");
        assertThat(badStore.exitCode()).isEqualTo(2);
        assertThat(badStore.err()).contains("unsupported store URL");
    }

    @Test
    void importQueryServeAndStop() throws Exception {
        Path om = work.resolve("dump.om");
        List<String> lines = new ArrayList<>();
        lines.add("# TYPE hw_energy counter");
        lines.add("# UNIT hw_energy joules");
        double[] energy = {100, 160, 220, 20, 80, Double.NaN, 140};
        for (int i = 0; i < energy.length; i++) {
            String v = Double.isNaN(energy[i]) ? "NaN" : Double.toString(energy[i]);
            lines.add("hw_energy_total{device=\"pdu-a\",site=\"lyon\"} " + v + " " + (T0 + 10L * i));
        }
        lines.add("# TYPE hw_temperature gauge");
        lines.add("hw_temperature{device=\"crac-1\",site=\"lyon\"} 21.5 " + T0);
        lines.add("hw_temperature{device=\"crac-1\",site=\"lyon\"} 22.25 " + (T0 + 30)); // a gap of two intervals
        lines.add("# EOF");
        Files.write(om, lines);
        String store = "duckdb:" + work.resolve("data/dcsuite.duckdb");

        DcsuiteProcess.Result imported = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "import", "openmetrics", om.toString(),
                "--store", store);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("9 samples");

        DcsuiteProcess.Result queried = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "query", "hw_energy_total{site=\"lyon\"}",
                "--from", Long.toString(T0), "--to", Long.toString(T0 + 60), "--step", "10s", "--agg", "last",
                "--format", "json", "--store", store);
        assertThat(queried.exitCode()).as(queried.err()).isZero();
        assertValues(JSON.readTree(queried.out()), energy);

        // A configuration without devices: this test is about the API, not polling (and the demo's fixed ports).
        Path config = Files.createDirectories(work.resolve("empty-config"));
        Files.writeString(config.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        try (DcsuiteProcess server = DcsuiteProcess.start(work, "run", "--config", config.toString(), "--store", store,
                "--port", "0", "--otlp-port", "0", "--trap-port", "0", "--redfish-events-port", "0")) {
            String listening = server.awaitLine(l -> l.contains("dcsuite listening on http://"), COMMAND_TIMEOUT);
            Matcher m = Pattern.compile("http://[^\\s]+:(\\d+)").matcher(listening);
            assertThat(m.find()).as(listening).isTrue();
            URI base = URI.create("http://127.0.0.1:" + m.group(1));
            String token = Files.readString(findTokenFile()).trim();
            assertThat(String.join("\n", server.stdout()) + String.join("\n", server.stderr())).doesNotContain(token);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            String q = URLEncoder.encode("hw_energy_total{site=\"lyon\"}", StandardCharsets.UTF_8);
            URI range = base.resolve("/api/v1/query_range?query=" + q + "&start=" + T0 + "&end=" + (T0 + 60) + "&step=10");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(range).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(range).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertValues(JSON.readTree(ok.body()), energy);

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("dcsuite_");

            DcsuiteProcess.Result stopped = server.terminate(COMMAND_TIMEOUT);
            assertThat(stopped.exitCode()).as(stopped.err()).isIn(0, 143);
        }

        // The server released the store cleanly: a second import opens it and adds to it.
        DcsuiteProcess.Result again = DcsuiteProcess.run(work, COMMAND_TIMEOUT, "import", "openmetrics", om.toString(),
                "--store", store);
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    private Path findTokenFile() throws Exception {
        try (var files = Files.walk(work)) {
            return files.filter(p -> p.getFileName().toString().equals("api-token")).findFirst()
                    .orElseThrow(() -> new AssertionError("dcsuite run wrote no api-token file under " + work));
        }
    }

    /** The matrix holds exactly one series whose values are the imported ones at their own timestamps. */
    private static void assertValues(JsonNode response, double[] expected) {
        assertThat(response.path("status").asText()).isEqualTo("success");
        JsonNode result = response.path("data").path("result");
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("metric").path("__name__").asText()).isEqualTo("hw_energy_total");
        JsonNode values = result.get(0).path("values");
        assertThat(values).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values.get(i).get(0).asLong()).isEqualTo(T0 + 10L * i);
            String v = values.get(i).get(1).asText();
            if (Double.isNaN(expected[i])) {
                assertThat(v).isEqualTo("NaN");
            } else {
                assertThat(Double.parseDouble(v)).isEqualTo(expected[i]);
            }
        }
    }
}
