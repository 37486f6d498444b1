package org.dcsuite.collectors.otlp;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.collectors.otlp.OtlpSpans.BASE_NANOS;
import static org.dcsuite.collectors.otlp.OtlpSpans.key;

import com.google.protobuf.CodedInputStream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver on a real socket, fed by the OpenTelemetry Java SDK's own OTLP/HTTP exporter (JDK sender, which
 * upgrades to h2c), by hand-written OTLP JSON and by broken payloads sent with {@code java.net.http}.
 */
class OtlpHttpReceiverIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SMALL_LIMIT = 64 * 1024;
    private static final String SERVICE = "checkout";
    private static final String ROUTE = "/orders/{id}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private Vertx vertx;
    private OtlpHttpReceiver receiver;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = OtlpHttpReceiver.builder(vertx, new OtlpReceiverConfig(true, 0, List.of()), sink)
                .bindAddress("127.0.0.1").clock(clock).flushInterval(Duration.ofHours(1)).maxBodyBytes(SMALL_LIMIT)
                .start().await(TIMEOUT.toSeconds(), SECONDS);
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        if (receiver != null) {
            receiver.close().await(TIMEOUT.toSeconds(), SECONDS);
        }
        vertx.close().await(TIMEOUT.toSeconds(), SECONDS);
    }

    @Test
    void describesEveryMetricOnceAtStart() {
        assertThat(sink.described).containsExactlyElementsOf(TraceMetrics.all());
    }

    @Test
    void sdkExporterOverProtobufYieldsRequestsErrorsBucketsAndSegments() {
        exportWithSdk("none", BatchSpanProcessor::create);

        Map<SeriesKey, Double> v = flushAfterBreakdownDelay();

        assertThat(v.get(key("trace.requests", SERVICE, ROUTE))).isEqualTo(2.0);
        assertThat(v.get(key("trace.errors", SERVICE, ROUTE))).isEqualTo(1.0);
        assertThat(v.get(key("trace.requests", SERVICE, "/pay"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.errors", SERVICE, "/pay"))).isEqualTo(1.0);
        // 100 ms sits in le="0.1" (bounds are inclusive), 300 ms in le="0.5"; 2.5 s of /pay in le="2.5".
        assertThat(v.get(key("trace.duration.bucket", SERVICE, ROUTE, "le", "0.075"))).isEqualTo(0.0);
        assertThat(v.get(key("trace.duration.bucket", SERVICE, ROUTE, "le", "0.1"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.duration.bucket", SERVICE, ROUTE, "le", "0.25"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.duration.bucket", SERVICE, ROUTE, "le", "0.5"))).isEqualTo(2.0);
        assertThat(v.get(key("trace.duration.bucket", SERVICE, ROUTE, "le", "+Inf"))).isEqualTo(2.0);
        assertThat(v.get(key("trace.duration.sum", SERVICE, ROUTE))).isCloseTo(0.4, within(1e-9));
        assertThat(v.get(key("trace.duration.bucket", SERVICE, "/pay", "le", "1"))).isEqualTo(0.0);
        assertThat(v.get(key("trace.duration.bucket", SERVICE, "/pay", "le", "2.5"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.duration.quantile", SERVICE, ROUTE, "quantile", "0.99")))
                .isCloseTo(0.3, within(0.003));
        assertSegment(v, "auth", 1, 0.010);
        assertSegment(v, "storage", 1, 0.030);
        assertSegment(v, "render", 1, 0.015);
        assertSegment(v, "downstream", 1, 0.040);
        // The first request keeps 5 ms for itself; the second, without children, all of its 300 ms.
        assertSegment(v, "app", 2, 0.305);
        assertThat(receiver.stats().spansAccepted()).isEqualTo(7);
        assertThat(receiver.stats().requests().get(OtlpRequestOutcome.SUCCESS)).isPositive();
    }

    @Test
    void sdkExporterWithGzipOverAnUpgradedConnectionLosesNoBatch() {
        // Batches of at most two spans make several exports in a row; the first carries the h2c upgrade. (The simple
        // processor would export all seven at once, and the JDK sender rejects more than five concurrent exports.)
        exportWithSdk("gzip", exporter -> BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(2).build());

        Map<SeriesKey, Double> v = flushAfterBreakdownDelay();

        OtlpReceiverStats stats = receiver.stats();
        assertThat(stats.requests().get(OtlpRequestOutcome.SUCCESS)).as("%s", stats).isGreaterThanOrEqualTo(4);
        assertThat(stats.requests().get(OtlpRequestOutcome.BAD_REQUEST)).isZero();
        assertThat(stats.spansAccepted()).isEqualTo(7);
        assertThat(v.get(key("trace.requests", SERVICE, ROUTE))).isEqualTo(2.0);
        assertSegment(v, "storage", 1, 0.030);
        assertSegment(v, "downstream", 1, 0.040);
        assertSegment(v, "app", 2, 0.305);
    }

    @Test
    void handWrittenOtlpJsonIsAcceptedWithPartialSuccessForUnusableSpans() throws Exception {
        String body = """
                {"resourceSpans": [{
                  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "inventory"}}]},
                  "schemaUrl": "https://opentelemetry.io/schemas/1.30.0",
                  "scopeSpans": [{"scope": {"name": "manual", "version": "1"}, "spans": [
                    {"traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "eee19b7ec3c1b173",
                     "parentSpanId": "eee19b7ec3c1b174", "name": "SELECT stock", "kind": 3,
                     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                     "attributes": [{"key": "db.system.name", "value": {"stringValue": "postgresql"}}]},
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
                     "name": "GET /stock/{sku}", "kind": 2, "futureField": true,
                     "startTimeUnixNano": "%d", "endTimeUnixNano": %d,
                     "attributes": [{"key": "http.route", "value": {"stringValue": "/stock/{sku}"}},
                                    {"key": "http.response.status_code", "value": {"intValue": "503"}}],
                     "status": {"code": 0}},
                    {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b175",
                     "name": "broken", "kind": 1, "startTimeUnixNano": "%d", "endTimeUnixNano": "%d"}
                  ]}]
                }]}
                """.formatted(BASE_NANOS + ms(20), BASE_NANOS + ms(60), BASE_NANOS, BASE_NANOS + ms(80),
                BASE_NANOS + ms(10), BASE_NANOS);

        HttpResponse<byte[]> response = post("application/json", null, body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonObject json = new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(json.getJsonObject("partialSuccess").getString("rejectedSpans")).isEqualTo("1");
        assertThat(json.getJsonObject("partialSuccess").getString("errorMessage")).isEqualTo(
                "1 span(s) rejected: span 'broken' (trace 5b8efff798038103d269b633813fc60c) ends before it starts");

        Map<SeriesKey, Double> v = flushAfterBreakdownDelay();
        assertThat(v.get(key("trace.requests", "inventory", "/stock/{sku}"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.errors", "inventory", "/stock/{sku}"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.duration.bucket", "inventory", "/stock/{sku}", "le", "0.075"))).isEqualTo(0.0);
        assertThat(v.get(key("trace.duration.bucket", "inventory", "/stock/{sku}", "le", "0.1"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.segment.duration.sum", "inventory", "/stock/{sku}", "segment", "storage")))
                .isCloseTo(0.040, within(1e-9));
        assertThat(v.get(key("trace.segment.duration.sum", "inventory", "/stock/{sku}", "segment", "app")))
                .isCloseTo(0.040, within(1e-9));
        assertThat(receiver.stats().spansRejected()).isEqualTo(1);
        assertThat(receiver.stats().requests().get(OtlpRequestOutcome.PARTIAL_SUCCESS)).isEqualTo(1);
    }

    @Test
    void protobufPartialSuccessIsAProtobufResponse() throws Exception {
        byte[] body = OtlpSpans.request("shop", OtlpSpans.server("0000000000000001", "/a", 50, 10)).toByteArray();

        HttpResponse<byte[]> response = post("application/x-protobuf", null, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-protobuf");
        ExportTraceServiceResponse parsed = ExportTraceServiceResponse.parseFrom(response.body());
        assertThat(parsed.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(parsed.getPartialSuccess().getErrorMessage()).contains("ends before it starts");
    }

    @Test
    void badPayloadsGetOtlpErrorResponsesAndTheReceiverKeepsWorking() throws Exception {
        byte[] good = OtlpSpans.request("shop", OtlpSpans.server("0000000000000001", "/a", 0, 10)).toByteArray();

        assertStatus(post("application/x-protobuf", null, "this is not protobuf".getBytes(StandardCharsets.UTF_8)),
                400, "application/x-protobuf", "invalid OTLP protobuf ExportTraceServiceRequest: ");
        assertStatus(post("application/json", null, "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8)),
                400, "application/json", "invalid OTLP JSON ExportTraceServiceRequest: ");
        assertStatus(post("application/json", null, """
                {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "zz", "spanId": "eee19b7ec3c1b174"}]}]}]}
                """.getBytes(StandardCharsets.UTF_8)), 400, "application/json",
                "invalid OTLP JSON: resourceSpans[0].scopeSpans[0].spans[0].traceId 'zz' is not hexadecimal");
        byte[] gzipped = gzip(good);
        assertStatus(post("application/x-protobuf", "gzip", Arrays.copyOf(gzipped, gzipped.length - 6)),
                400, "application/x-protobuf", "invalid gzip OTLP request body (Content-Encoding: gzip): ");
        assertStatus(post("application/x-protobuf", "gzip", good), 400, "application/x-protobuf",
                "invalid gzip OTLP request body (Content-Encoding: gzip): ");
        assertStatus(post("text/plain", null, good), 415, "application/x-protobuf",
                "OTLP/HTTP receiver: unsupported Content-Type 'text/plain'; use application/x-protobuf or application/json");
        assertStatus(post("application/x-protobuf", "br", good), 415, "application/x-protobuf",
                "OTLP/HTTP receiver: unsupported Content-Encoding 'br'; use gzip or none");
        assertStatus(send(HttpRequest.newBuilder(uri("/v1/metrics")).header("content-type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(good))), 404, "application/x-protobuf",
                "OTLP/HTTP receiver: no such path '/v1/metrics'; traces go to POST /v1/traces");
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(uri("/v1/traces")).GET());
        assertStatus(get, 405, "application/x-protobuf",
                "OTLP/HTTP receiver: method GET not allowed on /v1/traces; use POST");
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        byte[] large = new byte[SMALL_LIMIT + 1];
        new Random(1).nextBytes(large);
        assertStatus(post("application/x-protobuf", null, large), 413, "application/x-protobuf",
                "OTLP request body exceeds " + SMALL_LIMIT + " bytes; send smaller batches");
        assertStatus(post("application/json", "gzip", gzip(new byte[SMALL_LIMIT + 1])), 413, "application/json",
                "OTLP request body inflates to more than " + SMALL_LIMIT + " bytes");

        HttpResponse<byte[]> ok = post("application/x-protobuf", null, good);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(ok.body())).isEqualTo(
                ExportTraceServiceResponse.getDefaultInstance());
        Map<OtlpRequestOutcome, Long> requests = receiver.stats().requests();
        assertThat(requests).containsEntry(OtlpRequestOutcome.BAD_REQUEST, 5L)
                .containsEntry(OtlpRequestOutcome.UNSUPPORTED_MEDIA_TYPE, 2L)
                .containsEntry(OtlpRequestOutcome.NOT_FOUND, 1L)
                .containsEntry(OtlpRequestOutcome.METHOD_NOT_ALLOWED, 1L)
                .containsEntry(OtlpRequestOutcome.TOO_LARGE, 2L)
                .containsEntry(OtlpRequestOutcome.SUCCESS, 1L);
    }

    @Test
    void closingFlushesOnceMore() throws Exception {
        post("application/x-protobuf", null,
                OtlpSpans.request("shop", OtlpSpans.server("0000000000000001", "/a", 0, 10)).toByteArray());

        receiver.close().await(TIMEOUT.toSeconds(), SECONDS);
        OtlpHttpReceiver closed = receiver;
        receiver = null;

        assertThat(sink.latest()).containsEntry(key("trace.requests", "shop", "/a"), 1.0);
        assertThat(closed.stats().spansAccepted()).isEqualTo(1);
    }

    /**
     * Two requests on one route (100 ms with auth, db, render and HTTP client children; 300 ms, failed) and one on
     * /pay (2.5 s, HTTP 503), all from explicit timestamps.
     */
    private void exportWithSdk(String compression, Function<OtlpHttpSpanExporter, SpanProcessor> processor) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + receiver.port() + "/v1/traces").setCompression(compression)
                .setTimeout(TIMEOUT).build();
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE)));
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(processor.apply(exporter)).build()) {
            Tracer tracer = provider.get("dcsuite-otlp-it");
            Span first = serverSpan(tracer, ROUTE, 0);
            Context parent = Context.root().with(first);
            child(tracer, parent, "auth.verify", SpanKind.INTERNAL, 0, 10, "enduser.id", "u1");
            child(tracer, parent, "SELECT orders", SpanKind.CLIENT, 10, 40, "db.system", "postgresql");
            child(tracer, parent, "render order", SpanKind.INTERNAL, 40, 55, "template", "order.html");
            child(tracer, parent, "GET", SpanKind.CLIENT, 55, 95, "http.request.method", "GET");
            first.end(BASE_NANOS + ms(100), NANOSECONDS);
            Span second = serverSpan(tracer, ROUTE, 1_000);
            second.setStatus(StatusCode.ERROR, "boom");
            second.end(BASE_NANOS + ms(1_300), NANOSECONDS);
            Span pay = serverSpan(tracer, "/pay", 2_000);
            pay.setAttribute("http.response.status_code", 503L);
            pay.end(BASE_NANOS + ms(4_500), NANOSECONDS);
            CompletableResultCode flushed = provider.forceFlush().join(TIMEOUT.toSeconds(), SECONDS);
            assertThat(flushed.isSuccess()).as("SDK export to the receiver").isTrue();
        }
    }

    private static Span serverSpan(Tracer tracer, String route, long startMs) {
        return tracer.spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER).setNoParent()
                .setStartTimestamp(BASE_NANOS + ms(startMs), NANOSECONDS)
                .setAttribute("http.request.method", "GET").setAttribute("http.route", route).startSpan();
    }

    private static void child(Tracer tracer, Context parent, String name, SpanKind kind, long startMs, long endMs,
            String attribute, String value) {
        tracer.spanBuilder(name).setParent(parent).setSpanKind(kind)
                .setStartTimestamp(BASE_NANOS + ms(startMs), NANOSECONDS).setAttribute(attribute, value).startSpan()
                .end(BASE_NANOS + ms(endMs), NANOSECONDS);
    }

    private Map<SeriesKey, Double> flushAfterBreakdownDelay() {
        clock.advance(OtlpHttpReceiver.DEFAULT_FLUSH_INTERVAL);
        receiver.flush();
        return sink.latest();
    }

    private static void assertSegment(Map<SeriesKey, Double> v, String segment, int count, double seconds) {
        assertThat(v.get(key("trace.segment.duration.count", SERVICE, ROUTE, "segment", segment)))
                .as("count of segment %s", segment).isEqualTo((double) count);
        assertThat(v.get(key("trace.segment.duration.sum", SERVICE, ROUTE, "segment", segment)))
                .as("sum of segment %s", segment).isCloseTo(seconds, within(1e-9));
    }

    private HttpResponse<byte[]> post(String contentType, String contentEncoding, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(OtlpHttpReceiver.TRACES_PATH))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            b.header("content-encoding", contentEncoding);
        }
        return send(b);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + receiver.port() + path);
    }

    /** Checks the HTTP status and the {@code google.rpc.Status} body, decoded from the response's encoding. */
    private static void assertStatus(HttpResponse<byte[]> response, int httpStatus, String contentType,
            String messagePrefix) throws IOException {
        assertThat(response.statusCode()).isEqualTo(httpStatus);
        assertThat(response.headers().firstValue("content-type")).hasValue(contentType);
        int code;
        String message;
        if (contentType.equals("application/json")) {
            JsonObject json = new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
            code = json.getInteger("code");
            message = json.getString("message");
        } else {
            CodedInputStream in = CodedInputStream.newInstance(response.body());
            code = 0;
            message = "";
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (tag >>> 3) {
                    case 1 -> code = in.readInt32();
                    case 2 -> message = in.readString();
                    default -> in.skipField(tag);
                }
            }
        }
        assertThat(code).isEqualTo(httpStatus == 404 || httpStatus == 405 ? RpcStatus.UNIMPLEMENTED
                : RpcStatus.INVALID_ARGUMENT);
        assertThat(message).startsWith(messagePrefix);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static long ms(long millis) {
        return MILLISECONDS.toNanos(millis);
    }
}
