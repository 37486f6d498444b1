package org.dcsuite.collectors.otlp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/HTTP trace receiver: applications export spans to {@code POST /v1/traces} (binary protobuf or OTLP
 * JSON, optionally gzip-compressed) and the receiver turns them into per-service SLI series ({@link TraceMetrics})
 * handed to a {@link SampleSink} every flush interval. Answers follow the OTLP/HTTP specification: 200 with an
 * {@code ExportTraceServiceResponse} (with {@code partial_success} when some spans were unusable), and 400, 404,
 * 405, 413, 415 or 500 with a {@code google.rpc.Status}, each in the request's encoding. No payload can stop it:
 * decoding and aggregation run on Vert.x worker threads, never on an event loop, and every failure becomes a
 * response.
 *
 * <p>The caller owns the {@link Vertx} instance; {@link #close()} stops listening and flushes once more.
 */
public final class OtlpHttpReceiver implements MeterBinder {

    /** The OTLP/HTTP path of trace exports. */
    public static final String TRACES_PATH = "/v1/traces";
    /** Bodies above 16 MiB, before or after gunzip, are refused with 413 (the OpenTelemetry Collector's default is 20 MiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** Samples go to the sink every 10 s. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(10);
    /** Listens on every interface, as an OTLP endpoint for other hosts must. */
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpReceiver.class);
    /** The most a declared Content-Length presizes a body buffer, so declared sizes alone cannot exhaust memory. */
    private static final int MAX_PRESIZE_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final SampleSink sink;
    private final SpanSliAggregator aggregator;
    private final OtlpTraceDecoder decoder;
    private final int maxBodyBytes;
    private final AtomicLong spansAccepted = new AtomicLong();
    private final AtomicLong spansRejected = new AtomicLong();
    private final Map<OtlpRequestOutcome, AtomicLong> requests = new EnumMap<>(OtlpRequestOutcome.class);
    private HttpServer server;
    private long flushTimer;

    private OtlpHttpReceiver(Builder b) {
        this.vertx = b.vertx;
        this.sink = b.sink;
        this.maxBodyBytes = b.maxBodyBytes;
        this.aggregator = new SpanSliAggregator(b.clock, b.config.segments(),
                SpanSliLimits.DEFAULTS.withMaxRoutes(b.maxRoutes));
        this.decoder = new OtlpTraceDecoder(b.maxBodyBytes);
        for (OtlpRequestOutcome o : OtlpRequestOutcome.values()) {
            requests.put(o, new AtomicLong());
        }
    }

    /** A builder for a receiver on {@code config.port()}, writing to {@code sink}. */
    public static Builder builder(Vertx vertx, OtlpReceiverConfig config, SampleSink sink) {
        return new Builder(vertx, config, sink);
    }

    /** The port the receiver listens on (the bound one when the configuration said 0). */
    public int port() {
        return server.actualPort();
    }

    /** The receiver's counters since it started. */
    public OtlpReceiverStats stats() {
        Map<OtlpRequestOutcome, Long> byOutcome = new EnumMap<>(OtlpRequestOutcome.class);
        requests.forEach((k, v) -> byOutcome.put(k, v.get()));
        return new OtlpReceiverStats(spansAccepted.get(), spansRejected.get(), aggregator.foldedSpans(),
                aggregator.routeCount(), byOutcome);
    }

    /**
     * Registers {@code dcsuite.otlp.spans} (by {@code outcome}: accepted, rejected, folded),
     * {@code dcsuite.otlp.requests} (by {@code outcome}) and {@code dcsuite.otlp.routes}.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("dcsuite.otlp.spans", spansAccepted, AtomicLong::get).tag("outcome", "accepted")
                .description("Spans received over OTLP/HTTP").baseUnit("spans").register(registry);
        FunctionCounter.builder("dcsuite.otlp.spans", spansRejected, AtomicLong::get).tag("outcome", "rejected")
                .description("Spans received over OTLP/HTTP").baseUnit("spans").register(registry);
        FunctionCounter.builder("dcsuite.otlp.spans", aggregator, SpanSliAggregator::foldedSpans)
                .tag("outcome", "folded").description("Spans received over OTLP/HTTP").baseUnit("spans")
                .register(registry);
        requests.forEach((outcome, count) -> FunctionCounter.builder("dcsuite.otlp.requests", count, AtomicLong::get)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).description("OTLP/HTTP requests answered")
                .register(registry));
        Gauge.builder("dcsuite.otlp.routes", aggregator, SpanSliAggregator::routeCount)
                .description("(service, route) pairs with live SLI series").register(registry);
    }

    /**
     * Hands the samples of every live series to the sink now. Blocking (it waits for the aggregation's lock): call it
     * from a worker or a test, never from an event loop.
     */
    public void flush() {
        List<Sample> samples = aggregator.flush();
        if (!samples.isEmpty()) {
            sink.submit(samples);
        }
    }

    /** Stops listening, then flushes once more; the caller still owns (and closes) the Vert.x instance. */
    public Future<Void> close() {
        vertx.cancelTimer(flushTimer);
        return server.close().transform(closed -> vertx.executeBlocking(() -> {
            flush();
            return null;
        }, false)).mapEmpty();
    }

    private Future<OtlpHttpReceiver> start(String host, int port, Duration flushInterval) {
        for (MetricDescriptor d : TraceMetrics.all()) {
            sink.describe(d);
        }
        // Decompression stays off: the receiver gunzips itself, so a body upgraded to h2c is never half-handled.
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setDecompressionSupported(false);
        return vertx.createHttpServer(options).requestHandler(this::handle).listen().map(s -> {
            server = s;
            flushTimer = vertx.setPeriodic(flushInterval.toMillis(), id -> vertx.executeBlocking(() -> {
                flush();
                return null;
            }, true).onFailure(e -> LOG.warn("OTLP receiver: flushing SLI samples failed", e)));
            LOG.info("OTLP/HTTP receiver listening on {}:{}{}", host, s.actualPort(), TRACES_PATH);
            return this;
        });
    }

    private void handle(HttpServerRequest request) {
        IncomingRequest incoming = new IncomingRequest(request);
        request.handler(incoming::append);
        request.exceptionHandler(e -> LOG.debug("OTLP receiver: request from {} failed: {}", request.remoteAddress(),
                e.toString()));
        request.endHandler(v -> incoming.complete());
    }

    /** Checks the request line and headers; returns the error reply, or null when the body should be read. */
    private Reply check(HttpServerRequest request) {
        if (!TRACES_PATH.equals(request.path())) {
            return error(OtlpRequestOutcome.NOT_FOUND, OtlpEncoding.PROTOBUF, RpcStatus.UNIMPLEMENTED,
                    "OTLP/HTTP receiver: no such path '" + request.path() + "'; traces go to POST " + TRACES_PATH);
        }
        OtlpEncoding encoding = OtlpEncoding.ofContentType(request.getHeader("content-type"));
        if (request.method() != HttpMethod.POST) {
            return error(OtlpRequestOutcome.METHOD_NOT_ALLOWED, encoding == null ? OtlpEncoding.PROTOBUF : encoding,
                    RpcStatus.UNIMPLEMENTED, "OTLP/HTTP receiver: method " + request.method() + " not allowed on "
                            + TRACES_PATH + "; use POST");
        }
        if (encoding == null) {
            return error(OtlpRequestOutcome.UNSUPPORTED_MEDIA_TYPE, OtlpEncoding.PROTOBUF, RpcStatus.INVALID_ARGUMENT,
                    "OTLP/HTTP receiver: unsupported Content-Type '" + request.getHeader("content-type")
                            + "'; use application/x-protobuf or application/json");
        }
        String contentEncoding = request.getHeader("content-encoding");
        if (contentEncoding != null && !contentEncoding.equalsIgnoreCase("gzip")
                && !contentEncoding.equalsIgnoreCase("identity")) {
            return error(OtlpRequestOutcome.UNSUPPORTED_MEDIA_TYPE, encoding, RpcStatus.INVALID_ARGUMENT,
                    "OTLP/HTTP receiver: unsupported Content-Encoding '" + contentEncoding + "'; use gzip or none");
        }
        return null;
    }

    private Reply process(byte[] body, OtlpEncoding encoding, boolean gzip) {
        try {
            ExportTraceServiceRequest export = decoder.decode(body, encoding, gzip);
            SpanSliAggregator.IngestResult result = aggregator.ingest(export);
            spansAccepted.addAndGet(result.accepted());
            spansRejected.addAndGet(result.rejected());
            ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
            if (result.rejected() > 0) {
                response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(result.rejected()).setErrorMessage(result.problems()));
            }
            return new Reply(result.rejected() > 0 ? OtlpRequestOutcome.PARTIAL_SUCCESS : OtlpRequestOutcome.SUCCESS,
                    encoding, encoding.encode(response.build()));
        } catch (OtlpPayloadException e) {
            LOG.debug("OTLP receiver: {}", e.getMessage());
            return error(OtlpRequestOutcome.ofErrorStatus(e.httpStatus()), encoding, RpcStatus.INVALID_ARGUMENT,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("OTLP receiver: failed on a {} request", encoding.contentType(), e);
            return error(OtlpRequestOutcome.INTERNAL_ERROR, encoding, RpcStatus.INTERNAL,
                    "OTLP/HTTP receiver failed: " + e);
        }
    }

    private static Reply error(OtlpRequestOutcome outcome, OtlpEncoding encoding, int code, String message) {
        return new Reply(outcome, encoding, encoding.encode(new RpcStatus(code, message)));
    }

    private void send(HttpServerRequest request, Reply reply) {
        requests.get(reply.outcome()).incrementAndGet();
        var response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.outcome().httpStatus()).putHeader("content-type", reply.encoding().contentType());
        if (reply.outcome() == OtlpRequestOutcome.METHOD_NOT_ALLOWED) {
            response.putHeader("allow", "POST");
        }
        response.end(Buffer.buffer(reply.body())).onFailure(e -> LOG.debug("OTLP receiver: response to {} lost: {}",
                request.remoteAddress(), e.toString()));
    }

    private record Reply(OtlpRequestOutcome outcome, OtlpEncoding encoding, byte[] body) {
    }

    /**
     * One request's body as it arrives on the event loop. A refused request's body is read and dropped rather than
     * left unread, so the sender receives the answer and the connection stays usable.
     */
    private final class IncomingRequest {
        private final HttpServerRequest request;
        private final Reply refusal;
        private Buffer body;
        private long received;
        private boolean tooLarge;

        IncomingRequest(HttpServerRequest request) {
            this.request = request;
            this.refusal = check(request);
            if (refusal == null) {
                long declared = parseLength(request.getHeader("content-length"));
                tooLarge = declared > maxBodyBytes;
                body = tooLarge ? null : Buffer.buffer(Math.clamp(declared, 1024, MAX_PRESIZE_BYTES));
            }
        }

        void append(Buffer chunk) {
            received += chunk.length();
            if (body == null) {
                return;
            }
            if (received > maxBodyBytes) {
                tooLarge = true;
                body = null;
                return;
            }
            body.appendBuffer(chunk);
        }

        void complete() {
            if (refusal != null) {
                send(request, refusal);
                return;
            }
            OtlpEncoding encoding = Objects.requireNonNull(OtlpEncoding.ofContentType(request.getHeader("content-type")));
            if (tooLarge) {
                send(request, error(OtlpRequestOutcome.TOO_LARGE, encoding, RpcStatus.INVALID_ARGUMENT,
                        "OTLP request body exceeds " + maxBodyBytes + " bytes; send smaller batches"));
                return;
            }
            boolean gzip = "gzip".equalsIgnoreCase(request.getHeader("content-encoding"));
            Buffer complete = body;
            body = null;
            vertx.executeBlocking(() -> process(complete.getBytes(), encoding, gzip), false).onComplete(ar -> send(request,
                    ar.succeeded() ? ar.result() : error(OtlpRequestOutcome.INTERNAL_ERROR, encoding,
                            RpcStatus.INTERNAL, "OTLP/HTTP receiver failed: " + ar.cause())));
        }

        private static long parseLength(String header) {
            if (header == null) {
                return -1;
            }
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** Configures and starts a receiver. */
    public static final class Builder {
        private final Vertx vertx;
        private final OtlpReceiverConfig config;
        private final SampleSink sink;
        private Clock clock = Clock.systemUTC();
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxRoutes = SpanSliLimits.DEFAULT_MAX_ROUTES;

        private Builder(Vertx vertx, OtlpReceiverConfig config, SampleSink sink) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
            this.config = Objects.requireNonNull(config, "config");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        /** The clock of sample timestamps, quantile windows and expiry; defaults to the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The address to listen on; defaults to {@value #DEFAULT_BIND_ADDRESS}. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** How often samples go to the sink; defaults to {@link #DEFAULT_FLUSH_INTERVAL}. */
        public Builder flushInterval(Duration flushInterval) {
            if (flushInterval.isNegative() || flushInterval.toMillis() < 1) {
                throw new IllegalArgumentException("OTLP receiver flush interval must be at least 1 ms");
            }
            this.flushInterval = flushInterval;
            return this;
        }

        /** The largest body accepted, compressed or not; defaults to {@link #DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("OTLP receiver max body size must be positive");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * The cap on (service, site, route) series families before routes fold into {@code other}; defaults to 2,000.
         */
        public Builder maxRoutes(int maxRoutes) {
            if (maxRoutes < 1) {
                throw new IllegalArgumentException("OTLP receiver max routes must be positive");
            }
            this.maxRoutes = maxRoutes;
            return this;
        }

        /** Describes the SLI metrics to the sink, binds the port and starts the flush timer. */
        public Future<OtlpHttpReceiver> start() {
            return new OtlpHttpReceiver(this).start(bindAddress, config.port(), flushInterval);
        }
    }
}
