package org.dcsuite.benchmarks.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dcsuite.slo.SloDefinitions;

/**
 * Prometheus evaluating the benchmark's SLOs as rules ({@link SlothRules}) over the same counters: the history is
 * backfilled with {@code promtool}, one OpenMetrics file per two-hour block (promtool 2.42 re-reads its whole
 * input for every block it writes, which would take it hours over 30 days), Prometheus is started on it, compacts
 * the blocks, and then scrapes the live minutes from an exporter in this process while it evaluates the rules
 * every minute. What it costs is read from Prometheus's own metrics before and after whole minutes (reading
 * them costs Prometheus some CPU too, twice per measurement): process CPU, group iterations scheduled and missed
 * (skipped because the previous one was still running), failures. Group durations are not used: they include
 * the wait for the query engine's concurrency limit, which dominates once Prometheus falls behind.
 */
final class PrometheusRuleEvaluation {

    private static final long BLOCK_MINUTES = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

    /**
     * @param errorRatios per burn-rate window, Prometheus's error ratio of each service at the end of the
     *                    history
     */
    record Result(String version, int groups, int rules, int minutes, double cpuSecondsPerMinute,
            double scheduled, double missed, double failed, double residentBytes, double goHeapBytes,
            Map<String, Map<String, Double>> errorRatios) {

        /** Group iterations Prometheus evaluated; the missed ones were skipped because it was behind. */
        double completed() {
            return scheduled - missed;
        }
    }

    private PrometheusRuleEvaluation() {
    }

    static Result measure(RequestHistory history, SloDefinitions definitions, Instant end, int minutes, Path work)
            throws Exception {
        Path tsdb = work.resolve("prometheus-tsdb");
        long started = System.nanoTime();
        int blocks = backfill(history, end.toEpochMilli() / RequestHistory.MINUTE, work.resolve("openmetrics"), tsdb);
        System.out.printf("Prometheus side: %d blocks backfilled with promtool in %.0f s%n", blocks,
                (System.nanoTime() - started) / 1e9);
        SlothRules.Written written = SlothRules.write(work.resolve("slo-rules.yml"), definitions.all());
        try (Exporter exporter = new Exporter(history);
                Prometheus prometheus = Prometheus.start(tsdb, work.resolve("slo-rules.yml"), exporter.port(), work)) {
            Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
            for (String w : WINDOWS) {
                ratios.put(w, prometheus.errorRatioByService(w, end));
            }
            prometheus.awaitSettled(written.groups());
            Map<String, Double> before = prometheus.metrics();
            long wallBefore = System.nanoTime();
            Thread.sleep(minutes * 60_000L);
            Map<String, Double> after = prometheus.metrics();
            double elapsedMinutes = (System.nanoTime() - wallBefore) / 60e9;
            return new Result(prometheus.version(), (int) (double) after.get("prometheus_rule_group_rules_groups"),
                    (int) (double) after.get("prometheus_rule_group_rules"), minutes,
                    delta(before, after, "process_cpu_seconds_total") / elapsedMinutes,
                    delta(before, after, "prometheus_rule_group_iterations_total"),
                    delta(before, after, "prometheus_rule_group_iterations_missed_total"),
                    delta(before, after, "prometheus_rule_evaluation_failures_total"),
                    after.get("process_resident_memory_bytes"), after.get("go_memstats_heap_inuse_bytes"), ratios);
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String metric) {
        return after.getOrDefault(metric, 0.0) - before.getOrDefault(metric, 0.0);
    }

    /** Writes each two-hour block's scrapes as OpenMetrics (series contiguous) and turns each file into a block. */
    private static int backfill(RequestHistory history, long lastMinute, Path dir, Path tsdb) throws Exception {
        Files.createDirectories(dir);
        int services = history.services();
        long[][] values = new long[services * 2][(int) BLOCK_MINUTES];
        long[] times = new long[(int) BLOCK_MINUTES];
        int[] filled = {0};
        long[] block = {Long.MIN_VALUE};
        List<Path> files = new ArrayList<>();
        RequestHistory.MinuteVisitor collect = (m, good, bad) -> {
            if (!history.scraped(m)) {
                return;
            }
            if (Math.floorDiv(m, BLOCK_MINUTES) != block[0]) {
                try {
                    flush(dir, block[0], values, times, filled[0], files);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                block[0] = Math.floorDiv(m, BLOCK_MINUTES);
                filled[0] = 0;
            }
            for (int s = 0; s < services; s++) {
                values[2 * s][filled[0]] = (long) bad[s];
                values[2 * s + 1][filled[0]] = (long) good[s];
            }
            times[filled[0]++] = m * 60;
        };
        history.countTo(lastMinute, collect);
        flush(dir, block[0], values, times, filled[0], files);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Path file : files) {
                runs.add(pool.submit(() -> {
                    run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", file.toString(),
                            tsdb.toString()), Duration.ofMinutes(2));
                    Files.delete(file);
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return files.size();
    }

    private static void flush(Path dir, long block, long[][] values, long[] times, int filled, List<Path> files)
            throws IOException {
        if (filled == 0) {
            return;
        }
        Path file = dir.resolve("block-" + block + ".om");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# TYPE bench_requests counter\n");
            for (int series = 0; series < values.length; series++) {
                String prefix = RequestHistory.METRIC + "{service=\"" + RequestHistory.service(series / 2)
                        + "\",code=\"" + (series % 2 == 0 ? "500" : "200") + "\"} ";
                for (int i = 0; i < filled; i++) {
                    w.write(prefix + values[series][i] + " " + times[i] + "\n");
                }
            }
            w.write("# EOF\n");
        }
        files.add(file);
    }

    private static void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    /** Serves every service's counters at the current minute, timestamped with it, as Prometheus text. */
    private static final class Exporter implements AutoCloseable {
        private final HttpServer server;

        Exporter(RequestHistory history) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", exchange -> {
                StringBuilder body = new StringBuilder("# TYPE bench_requests_total counter\n");
                long now = System.currentTimeMillis() / RequestHistory.MINUTE;
                synchronized (history) {
                    history.countTo(now, (m, good, bad) -> {
                        if (m == now) {
                            for (int s = 0; s < good.length; s++) {
                                String prefix = RequestHistory.METRIC + "{service=\"" + RequestHistory.service(s);
                                body.append(prefix).append("\",code=\"500\"} ").append((long) bad[s]).append(' ')
                                        .append(m * RequestHistory.MINUTE).append('\n');
                                body.append(prefix).append("\",code=\"200\"} ").append((long) good[s]).append(' ')
                                        .append(m * RequestHistory.MINUTE).append('\n');
                            }
                        }
                    });
                }
                byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The Debian {@code prometheus} server on a free loopback port. */
    private static final class Prometheus implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private Prometheus(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.base = URI.create("http://127.0.0.1:" + port);
        }

        static Prometheus start(Path tsdb, Path rules, int exporterPort, Path work) throws Exception {
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  evaluation_interval: 1m\n  scrape_interval: 15s\nrule_files:\n  - "
                    + rules.toAbsolutePath() + "\nscrape_configs:\n  - job_name: bench\n    static_configs:\n"
                    + "      - targets: ['127.0.0.1:" + exporterPort + "']\n");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path log = work.resolve("prometheus.log");
            Process p = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + tsdb,
                    "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Prometheus prometheus = new Prometheus(p, log, port);
            try {
                prometheus.awaitReady();
            } catch (Exception e) {
                prometheus.close();
                throw e;
            }
            return prometheus;
        }

        private void awaitReady() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited: " + Files.readString(log));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // Retried until the deadline.
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("prometheus not ready within 5 minutes: " + Files.readString(log));
        }

        /**
         * Waits until the backfilled blocks are compacted (the block count holds for two minutes) and every group
         * has been evaluated at least twice, so neither compaction nor first evaluations fall into the measurement.
         */
        void awaitSettled(int groups) throws Exception {
            double blocks = -1;
            int steady = 0;
            long since = System.nanoTime();
            while (true) {
                Map<String, Double> m = metrics();
                double now = m.getOrDefault("prometheus_tsdb_blocks_loaded", 0.0);
                steady = now == blocks ? steady + 1 : 0;
                blocks = now;
                double iterations = m.getOrDefault("prometheus_rule_group_iterations_total", 0.0);
                if (steady >= 4 && iterations >= 2.0 * groups) {
                    System.out.printf("Prometheus settled after %.0f s: %.0f blocks, %.0f group iterations%n",
                            (System.nanoTime() - since) / 1e9, blocks, iterations);
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited: " + Files.readString(log));
                }
                Thread.sleep(30_000);
            }
        }

        String version() throws Exception {
            return get("/api/v1/status/buildinfo").path("version").asText();
        }

        /** The error ratio of each service over a window at a time, by Prometheus's query API. */
        Map<String, Double> errorRatioByService(String window, Instant at) throws Exception {
            String expr = "sum by (service) (rate(" + RequestHistory.METRIC + "{code=~\"5..\"}[" + window + "]))"
                    + " / sum by (service) (rate(" + RequestHistory.METRIC + "[" + window + "]))";
            JsonNode result = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time="
                    + at.getEpochSecond()).path("result");
            Map<String, Double> out = new HashMap<>();
            for (JsonNode series : result) {
                out.put(series.path("metric").path("service").asText(),
                        Double.parseDouble(series.path("value").get(1).asText()));
            }
            return out;
        }

        private JsonNode get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("prometheus answered " + r.statusCode() + " to " + path + ": " + r.body());
            }
            return json.path("data");
        }

        /**
         * Prometheus's own metrics, each summed over its label sets; {@code prometheus_rule_group_rules_groups}
         * counts the groups.
         */
        Map<String, Double> metrics() throws Exception {
            String text = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> sums = new HashMap<>();
            for (String line : text.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, brace >= 0 ? brace : line.indexOf(' '));
                double value = Double.parseDouble(line.substring(space + 1));
                sums.merge(name, value, Double::sum);
                if (name.equals("prometheus_rule_group_rules")) {
                    sums.merge("prometheus_rule_group_rules_groups", 1.0, Double::sum);
                }
            }
            return sums;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
