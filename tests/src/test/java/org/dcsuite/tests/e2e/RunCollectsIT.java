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
 * store, every device reports up over the HTTP API, and SIGTERM stops it cleanly with the data kept.
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
        try (DcsuiteProcess server = DcsuiteProcess.start(work, "run", "--config", config.toString(), "--simulate",
                "--store", store, "--port", "0")) {
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

            DcsuiteProcess.Result stopped = server.terminate(TIMEOUT);
            assertThat(stopped.exitCode()).as(stopped.err()).isIn(0, 143);
        }
        // The store is released and holds what was polled.
        DcsuiteProcess.Result q = DcsuiteProcess.run(work, TIMEOUT, "query", "dcsuite.device.up", "--from", "now-10m",
                "--to", "now", "--step", "1m", "--agg", "max", "--format", "json", "--store", store);
        assertThat(q.exitCode()).as(q.err()).isZero();
        assertThat(JSON.readTree(q.out()).path("data").path("result").size()).isEqualTo(devices.size());
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
