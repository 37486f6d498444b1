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
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.model.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcsuite run --simulate} from the jar: the simulated fleet is polled through the real drivers into the
 * store, every device reports up over the HTTP API; faults injected into the simulator come back as SNMP traps and
 * Redfish events stored with their device; spans posted over OTLP (and dcsuite's own) become trace SLI series; the
 * pipeline's meters are on /metrics; and SIGTERM stops it cleanly with the data kept.
 */
class RunCollectsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void everyDeviceIsPolledIntoTheStoreAndServedByTheApi() throws Exception {
        Path config = SmallFleetConfig.write(work);
        Set<String> devices = new HashSet<>();
        for (Device d : ConfigLoader.load(config).devices()) {
            devices.add(d.id());
        }
        String store = "duckdb:" + work.resolve("data/dcsuite.duckdb");
        Path controlToken = work.resolve("control.token");
        try (DcsuiteProcess server = DcsuiteProcess.start(work, "run", "--config", config.toString(), "--simulate",
                "--store", store, "--port", "0", "--control-port", "0", "--token-file", controlToken.toString())) {
            String listening = server.awaitLine(l -> l.contains("dcsuite listening on http://"), TIMEOUT);
            Matcher m = Pattern.compile("http://[^\\s]+:(\\d+)").matcher(listening);
            assertThat(m.find()).isTrue();
            URI base = URI.create("http://127.0.0.1:" + m.group(1));
            String token = Files.readString(work.resolve("data/api-token")).trim();

            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Set<String> up = new HashSet<>();
            while (!up.containsAll(devices) && System.nanoTime() < deadline) {
                up = devicesUp(base, token);
                if (!up.containsAll(devices)) {
                    Thread.sleep(500);
                }
            }
            assertThat(up).as("devices reporting dcsuite.device.up = 1").containsAll(devices);

            JsonNode power = query(base, token, "hw.power{device=\"r01-pdu-a\"}");
            assertThat(power.path("data").path("result").size()).as(power.toString()).isPositive();

            // Faults the devices report themselves: an SNMP trap from the PDU, a Redfish event from the server.
            String control = server.awaitLine(l -> l.contains("simulator control API: "), TIMEOUT)
                    .replaceAll(".*simulator control API: (\\S+).*", "$1");
            for (String[] fault : new String[][] {{"r01-pdu-a", "overload"}, {"r01-srv-01", "fan_failed"}}) {
                DcsuiteProcess.Result injected = DcsuiteProcess.run(work, TIMEOUT, "simulate", "fault", fault[0],
                        fault[1], "--for", "10m", "--control", control, "--token-file", controlToken.toString());
                assertThat(injected.exitCode()).as(injected.err()).isZero();
            }
            JsonNode trap = awaitEvent(base, token, "r01-pdu-a", "overCurrentProtectorSensorStateChange");
            assertThat(trap.path("severity").asText()).isEqualTo("Warning");
            assertThat(trap.path("labels").path("site").asText()).isEqualTo("site1");
            assertThat(trap.path("labels").path("rack").asText()).isEqualTo("r01");
            assertThat(trap.path("source").asText()).startsWith("snmp://127.0.0.12:");
            JsonNode redfish = awaitEvent(base, token, "r01-srv-01", "ResourceEvent.1.3.0.ResourceErrorsDetected");
            assertThat(redfish.path("message").asText()).contains("fan");

            // Spans from an application, posted as OTLP JSON, become request counts by service and route.
            int otlpPort = Integer.parseInt(server.awaitLine(l -> l.contains("OTLP/HTTP trace receiver on port "),
                    TIMEOUT).replaceAll(".*on port (\\d+).*", "$1"));
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + otlpPort + "/v1/traces"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(otlpJson(Instant.now()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(awaitValue(base, token, "trace.requests{service=\"checkout\",route=\"/pay\"}")).isEqualTo("2");
            assertThat(awaitValue(base, token, "trace.errors{service=\"checkout\",route=\"/pay\"}")).isEqualTo("1");
            // dcsuite's own poll spans, exported to its own receiver (tracing.otlp_endpoint in SmallFleetConfig).
            assertThat(Double.parseDouble(awaitValue(base, token,
                    "trace.requests{service=\"dcsuite\",route=\"collector.poll\"}"))).isPositive();

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("dcsuite_collector_polls_total{", "dcsuite_writer_samples_total{",
                    "dcsuite_events_total{outcome=\"stored\"", "dcsuite_otlp_");

            DcsuiteProcess.Result stopped = server.terminate(TIMEOUT);
            assertThat(stopped.exitCode()).as(stopped.err()).isIn(0, 143);
        }
        // The store is released and holds what was polled.
        DcsuiteProcess.Result q = DcsuiteProcess.run(work, TIMEOUT, "query", "dcsuite.device.up", "--from", "now-10m",
                "--to", "now", "--step", "1m", "--agg", "max", "--format", "json", "--store", store);
        assertThat(q.exitCode()).as(q.err()).isZero();
        assertThat(JSON.readTree(q.out()).path("data").path("result").size()).isEqualTo(devices.size());
    }

    private static JsonNode awaitEvent(URI base, String token, String device, String type) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode events = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            base.resolve("/api/v1/events?start=now-1h&device=" + device))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            events = JSON.readTree(r.body()).path("data");
            for (JsonNode e : events) {
                if (e.path("type").asText().equals(type)) {
                    assertThat(e.path("device").asText()).isEqualTo(device);
                    return e;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + type + " event of " + device + " within " + TIMEOUT + ": " + events);
    }

    /** The value of an instant query's single series, once it has one. */
    private static String awaitValue(URI base, String token, String promql) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode result = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                            "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            result = JSON.readTree(r.body()).path("data").path("result");
            if (result.size() == 1) {
                return result.get(0).path("value").get(1).asText();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(promql + " has no single series within " + TIMEOUT + ": " + result);
    }

    /** Two server spans of service checkout on route /pay, one failed, as the OTLP JSON encoding has them. */
    private static String otlpJson(Instant now) {
        long end = now.toEpochMilli() * 1_000_000L;
        long start = end - 120_000_000L;
        String span = """
                {"traceId": "%s", "spanId": "%s", "name": "POST /pay", "kind": 2,
                 "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                 "attributes": [{"key": "http.route", "value": {"stringValue": "/pay"}}],
                 "status": {"code": %d}}""";
        return """
                {"resourceSpans": [{"resource": {"attributes": [
                    {"key": "service.name", "value": {"stringValue": "checkout"}}]},
                  "scopeSpans": [{"spans": [%s, %s]}]}]}
                """.formatted(
                span.formatted("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", start, end, 1),
                span.formatted("5b8efff798038103d269b633813fc60d", "eee19b7ec3c1b175", start, end, 2));
    }

    private static Set<String> devicesUp(URI base, String token) throws Exception {
        Set<String> up = new HashSet<>();
        JsonNode r = query(base, token, "dcsuite.device.up");
        for (JsonNode series : r.path("data").path("result")) {
            JsonNode values = series.path("values");
            if (values.size() > 0 && values.get(values.size() - 1).get(1).asText().equals("1")) {
                up.add(series.path("metric").path("device").asText());
            }
        }
        return up;
    }

    private static JsonNode query(URI base, String token, String promql) throws Exception {
        long now = Instant.now().getEpochSecond();
        URI uri = base.resolve("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + (now - 60) + "&end=" + now + "&step=5");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
