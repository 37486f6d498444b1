package org.dcsuite.tests.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Debian {@code prometheus} server on a free loopback port, serving a TSDB backfilled with
 * {@code promtool}, with rule files loaded so Prometheus itself validates them. Queried over its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Turns OpenMetrics text into TSDB blocks, as an operator backfills Prometheus. */
    static void backfill(Path openMetrics, Path tsdb, Path workDir) throws IOException, InterruptedException {
        Path out = workDir.resolve("promtool.log");
        Process p = launch(new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet",
                openMetrics.toString(), tsdb.toString()).redirectErrorStream(true).redirectOutput(out.toFile()));
        if (!p.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool did not finish within " + TOOL_TIMEOUT + ": " + Files.readString(out));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("promtool failed with " + p.exitValue() + ": " + Files.readString(out));
        }
    }

    /**
     * Starts Prometheus on the given TSDB. Retention is set far beyond any backfilled history, so that no block
     * is ever old enough to be deleted, whatever Prometheus measures its age against.
     */
    static PrometheusServer start(Path tsdb, List<Path> ruleFiles, Path workDir) throws IOException, InterruptedException {
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  evaluation_interval: 1m\nrule_files:\n"
                + ruleFiles.stream().map(f -> "  - " + f.toAbsolutePath() + "\n").collect(Collectors.joining()));
        int port = freePort();
        Path log = workDir.resolve("prometheus.log");
        Process p = launch(new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + tsdb,
                "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()));
        PrometheusServer server = new PrometheusServer(p, log, port);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Process launch(ProcessBuilder pb) throws IOException {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + pb.command().get(0) + " (the Debian package prometheus provides it, "
                    + "and .ci/run installs it): " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Retried until the deadline.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    /**
     * Evaluates an expression at every step of {@code [from, to]} with {@code /api/v1/query_range}. The
     * expressions used here aggregate everything, so the answer is one series; steps where it is empty (an
     * alert not firing) are absent from the map.
     */
    NavigableMap<Instant, Double> queryRange(String expr, Instant from, Instant to, Duration step)
            throws IOException, InterruptedException {
        JsonNode result = post("/api/v1/query_range", Map.of("query", expr, "start", from.toString(),
                "end", to.toString(), "step", step.toSeconds() + "s")).path("result");
        if (result.size() > 1) {
            throw new IllegalStateException("expected at most one series for " + expr + ", got " + result);
        }
        NavigableMap<Instant, Double> out = new TreeMap<>();
        for (JsonNode series : result) {
            for (JsonNode point : series.path("values")) {
                out.put(Instant.ofEpochMilli(Math.round(point.get(0).asDouble() * 1000)),
                        Double.parseDouble(point.get(1).asText()));
            }
        }
        return out;
    }

    /** The rule groups Prometheus loaded, from {@code /api/v1/rules}. */
    JsonNode ruleGroups() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/rules")).build(),
                HttpResponse.BodyHandlers.ofString());
        return data(r).path("groups");
    }

    private JsonNode post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return data(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode data(HttpResponse<String> r) throws IOException {
        JsonNode json = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(json.path("status").asText())) {
            throw new IllegalStateException("prometheus answered " + r.statusCode() + " to " + r.uri() + ": " + r.body());
        }
        return json.path("data");
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL) and waits for it, so no process outlives the test. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
