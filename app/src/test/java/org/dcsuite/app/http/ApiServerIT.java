package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.app.server.DcsuiteServer;
import org.dcsuite.app.server.ServerSettings;
import org.dcsuite.app.server.ServerStartException;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real server on a free port over a real DuckDB store, called over HTTP. */
class ApiServerIT {

    private static final String TOKEN = "test-token-0123456789";
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
    private static final long T0S = T0.getEpochSecond();

    @TempDir
    static Path dir;

    private static DcsuiteServer server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")));
        store.describe(MetricDescriptor.gauge("hw.power", Unit.WATT));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            long t = T0.toEpochMilli() + i * 15_000L;
            samples.add(new Sample(SeriesKey.of("hw.power", "site", "a", "device", "p1"), t, 100 + 10 * i));
            samples.add(new Sample(SeriesKey.of("hw.power", "site", "b", "device", "p2"), t, 0.5));
            samples.add(new Sample(SeriesKey.of("hw.temperature", "site", "a", "hw.id", "inlet"), t, 21));
            samples.add(new Sample(SeriesKey.of("hw.power.limit", "site", "b", "device", "p2"), t, 2));
        }
        store.append(samples);
        server = DcsuiteServer.start(store, settings(0));
        base = "http://127.0.0.1:" + server.port();
    }

    private static ServerSettings settings(int port) {
        return new ServerSettings(Clock.systemUTC(), "127.0.0.1", port, List.of(Secret.of(TOKEN)),
                Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", "Bearer " + TOKEN)
                .GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String range(String query, long startOffset, long endOffset, String step) {
        return "/api/v1/query_range?query=" + enc(query) + "&start=" + (T0S + startOffset) + "&end="
                + (T0S + endOffset) + "&step=" + enc(step);
    }

    @Test
    void healthIsUnauthenticatedAndNamesTheStore() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/health")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("status")).isEqualTo("up");
        assertThat(body.getString("store")).contains("t.duckdb");
    }

    @Test
    void queryRangeAnswersInThePrometheusShape() throws Exception {
        HttpResponse<String> r = get(range("hw.power{site=\"a\"}", 60, 90, "30"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"hw.power\",\"device\":\"p1\",\"site\":\"a\"},"
                + "\"values\":[[" + (T0S + 60) + ",\"140\"],[" + (T0S + 90) + ",\"160\"]]}]}}");
    }

    @Test
    void instantQueriesAnswerAVectorOfTheLastSampleWithinTheLookback() throws Exception {
        HttpResponse<String> r = get("/api/v1/query?query=" + enc("hw.power{site=\"a\"}") + "&time=" + (T0S + 100));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"hw.power\",\"device\":\"p1\",\"site\":\"a\"},"
                + "\"value\":[" + (T0S + 100) + ",\"160\"]}]}}");

        HttpResponse<String> sum = get("/api/v1/query?query=" + enc("sum(max_over_time(hw.power[1m]))") + "&time="
                + (T0S + 120));
        assertThat(sum.body()).contains("\"value\":[" + (T0S + 120) + ",\"180.5\"]");
    }

    @Test
    void aSeriesThatStopsIsStaleOnceItsLastSampleIsOlderThanTheFiveMinuteLookback() throws Exception {
        // The last samples are at T0 + 120 s: still current 299 s later, gone at 300 s (Prometheus's lookback delta).
        String selector = enc("hw.power{site=\"a\"}");
        assertThat(get("/api/v1/query?query=" + selector + "&time=" + (T0S + 419)).body())
                .contains("\"value\":[" + (T0S + 419) + ",\"180\"]");
        assertThat(get("/api/v1/query?query=" + selector + "&time=" + (T0S + 420)).body())
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    }

    @Test
    void queryRangeAcceptsFormPostsRfc3339AndDurationSteps() throws Exception {
        String form = "query=" + enc("sum by (site) (max_over_time(hw.power[1m]))") + "&start=" + enc(T0.plusSeconds(120)
                .toString()) + "&end=" + enc(T0.plusSeconds(120).toString()) + "&step=15s";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"site\":\"a\"},\"values\":[[" + (T0S + 120) + ",\"180\"]]},"
                + "{\"metric\":{\"site\":\"b\"},\"values\":[[" + (T0S + 120) + ",\"0.5\"]]}]}}");
    }

    @Test
    void seriesLabelsAndLabelValues() throws Exception {
        HttpResponse<String> series = get("/api/v1/series?match[]=" + enc("hw.power{site=\"b\"}") + "&match[]="
                + enc("hw.temperature") + "&start=" + T0S + "&end=" + (T0S + 600));
        assertThat(series.statusCode()).isEqualTo(200);
        assertThat(series.body()).isEqualTo("{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"hw.power\",\"device\":\"p2\",\"site\":\"b\"},"
                + "{\"__name__\":\"hw.temperature\",\"hw.id\":\"inlet\",\"site\":\"a\"}]}");

        assertThat(get("/api/v1/labels").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"device\",\"hw.id\",\"site\"]}");
        assertThat(get("/api/v1/labels?match[]=hw.temperature").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"hw.id\",\"site\"]}");
        assertThat(get("/api/v1/label/__name__/values").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"hw.power\",\"hw.power.limit\",\"hw.temperature\"]}");
        assertThat(get("/api/v1/label/site/values?match[]=hw.power").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"a\",\"b\"]}");
        assertThat(get("/api/v1/label/rack/values").body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
    }

    @Test
    void apiAndMetricsNeedTheBearerToken() throws Exception {
        for (String path : List.of("/api/v1/labels", "/metrics", "/api/v1/nothing")) {
            HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(base + path)).build());
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).contains("Bearer realm=\"dcsuite\"");
            assertThat(new JsonObject(none.body()).getString("errorType")).isEqualTo("unauthorized");
            HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TOKEN + "x").build());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain(TOKEN);
        }
        assertThat(get("/api/v1/labels").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsExposeTheSuiteHttpAndJvmMeters() throws Exception {
        get("/api/v1/labels");
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).contains(
                "dcsuite_api_requests_seconds_count{endpoint=\"/api/v1/labels\",method=\"GET\",status=\"200\"}",
                "dcsuite_store_query_duration_seconds_count{operation=\"labels\",outcome=\"success\"}",
                "vertx_http_server_requests_total", "jvm_memory_used_bytes", "process_uptime_seconds");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "/api/v1/query_range?start=1&end=2&step=1       | 400 | bad_data | missing parameter \"query\"",
            "/api/v1/query_range?query=up&end=2&step=1      | 400 | bad_data | missing parameter \"start\"",
            "/api/v1/query_range?query=up&start=1&end=2     | 400 | bad_data | missing parameter \"step\"",
            "/api/v1/query_range?query=up&start=x&end=2&step=1 | 400 | bad_data | invalid parameter \"start\": cannot "
                    + "parse \"x\" to a valid timestamp: use RFC 3339 or unix seconds",
            "/api/v1/query_range?query=up&start=1&end=2&step=fast | 400 | bad_data | invalid parameter \"step\": "
                    + "cannot parse \"fast\" to a valid duration: use seconds (15) or a duration (15s, 1m)",
            "/api/v1/query_range?query=up&start=1&end=2&step=0 | 400 | bad_data | zero or negative query resolution "
                    + "step widths are not accepted. Try a positive integer",
            "/api/v1/query_range?query=up&start=1&end=2&step=-1 | 400 | bad_data | invalid parameter \"step\": "
                    + "cannot parse \"-1\" to a valid duration: use seconds (15) or a duration (15s, 1m)",
            "/api/v1/query_range?query=up&start=0&end=1000000000&step=1 | 400 | bad_data | exceeded maximum "
                    + "resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
            "/api/v1/query_range?query=up&start=10&end=2&step=1 | 400 | bad_data | end timestamp must not be before "
                    + "start time",
            "/api/v1/query_range?query=up%7B&start=1&end=2&step=1 | 400 | bad_data | invalid query 'up{' at position "
                    + "4: expected a label name",
            "/api/v1/query_range?query=histogram_quantile(0.9%2Cx)&start=1&end=2&step=1 | 400 | bad_data | invalid "
                    + "query 'histogram_quantile(0.9,x)' at position 1: the function 'histogram_quantile' is not "
                    + "supported; supported are a selector (metric{label=\"value\"}), rate, increase, avg_over_time, "
                    + "min_over_time, max_over_time, sum_over_time, count_over_time or last_over_time over a range "
                    + "(selector[5m]), and sum, avg, min, max or count around either, with optional by (labels) or "
                    + "without (labels)",
            "/api/v1/query_range?query=rate(up%5B1d%5D)&start=1&end=2&step=1 | 400 | bad_data | the range 1d spans "
                    + "more than 1000 steps of 1s: use a step of at least 1m26s400ms or a shorter range",
            "/api/v1/query_range?query=max_over_time(%7B__name__%3D~%22hw.power.*%22%2Csite%3D%22b%22%7D%5B1m%5D)"
                    + "&start=1795478520&end=1795478520&step=1 | 422 | execution | several series have the labels "
                    + "{device=p2, site=b} once the function drops the metric name: select one metric",
            "/api/v1/series                                 | 400 | bad_data | no match[] parameter provided",
            "/api/v1/series?match[]=%7B%7D                  | 400 | bad_data | invalid parameter \"match[]\": "
                    + "invalid selector '{}' at position 1: a selector needs a metric name or at least one matcher "
                    + "that does not match the empty string",
            "/api/v1/labels?start=tomorrow                  | 400 | bad_data | invalid parameter \"start\": cannot "
                    + "parse \"tomorrow\" to a valid timestamp: use RFC 3339 or unix seconds",
            "/api/v1/label/1x/values                        | 400 | bad_data | invalid label name: \"1x\"",
            "/api/v1/querry?query=up                        | 404 | not_found | unknown API endpoint /api/v1/querry: "
                    + "dcsuite serves /api/v1/query, /api/v1/query_range, /api/v1/series, /api/v1/labels, "
                    + "/api/v1/label/NAME/values, /api/v1/events, /api/v1/energy and /api/v1/slos",
            "/api/v1/query?time=1                           | 400 | bad_data | missing parameter \"query\"",
            "/api/v1/events?limit=0                         | 400 | bad_data | invalid parameter \"limit\": expected an "
                    + "integer from 1 to 10000, got \"0\"",
    })
    void badRequestsGetPrometheusErrors(String path, int status, String type, String message) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).isEqualTo(status);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("status", "errorType", "error");
        assertThat(body.getString("status")).isEqualTo("error");
        assertThat(body.getString("errorType")).isEqualTo(type);
        assertThat(body.getString("error")).isEqualTo(message);
    }

    @Test
    void garbageNeverBringsTheServerDown() throws Exception {
        assertThat(rawStatusLine("/api/v1/query_range?query=%00%ff&start=%&end=&step=1e999"))
                .isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(rawStatusLine("/api/v1/label/%zz/values")).startsWith("HTTP/1.1 4");
        assertThat(rawStatusLine("/api/v1/labels?x=%zz")).isEqualTo("HTTP/1.1 400 Bad Request");
        List<String> garbage = List.of("/api/v1/query_range?query=%00%ff&start=now&end=&step=1e999",
                "/api/v1/query_range?query=" + enc("sum(".repeat(500)) + "&start=1&end=2&step=1",
                "/api/v1/query_range?query=" + enc("x{a=~\"(\"}") + "&start=1&end=2&step=1",
                "/api/v1/query_range?query=up&start=1e300&end=1e301&step=1",
                "/api/v1/query_range?query=up&start=-99999999999999&end=99999999999999&step=0.001",
                "/api/v1/label/%2F/values", "/api/v1/series?match[]=" + enc("\u00e9t\u00e9"));
        for (String path : garbage) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            assertThat(r.body()).as(path).doesNotContain("Exception", "\tat ");
        }
        HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/labels"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build());
        assertThat(delete.statusCode()).isIn(404, 405);
        HttpResponse<String> huge = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + "x".repeat(2 * 1024 * 1024))).build());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health")).build()).statusCode()).isEqualTo(200);
    }

    /** Sends a request line that java.net.http would refuse to build. */
    private static String rawStatusLine(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void aSecondServerOnTheSamePortFailsClearlyAndClosesItsStore() {
        TelemetryStore other = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("other.duckdb")));
        assertThatThrownBy(() -> DcsuiteServer.start(other, settings(server.port())))
                .isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port() + ": ")
                .hasMessageContaining("choose another port with --port");
        assertThatThrownBy(() -> other.labelNames(List.of())).isNotNull();
    }

    @Test
    void closingFinishesAndReleasesTheStore() throws Exception {
        Path file = dir.resolve("closing.duckdb");
        DcsuiteServer second = DcsuiteServer.start(TelemetryStores.open(StoreSettings.of("duckdb:" + file)), settings(0));
        String url = "http://127.0.0.1:" + second.port() + "/health";
        assertThat(send(HttpRequest.newBuilder(URI.create(url)).build()).statusCode()).isEqualTo(200);
        second.close();
        second.close();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create(url)).build())).isInstanceOf(
                java.io.IOException.class);
        // The DuckDB file lock is released: the file opens again.
        TelemetryStores.open(StoreSettings.of("duckdb:" + file)).close();
    }
}
