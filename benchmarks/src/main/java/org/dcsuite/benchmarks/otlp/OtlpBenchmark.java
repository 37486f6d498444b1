package org.dcsuite.benchmarks.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.collectors.otlp.OtlpHttpReceiver;
import org.dcsuite.collectors.otlp.OtlpReceiverStats;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;

/**
 * OTLP spans per second ingested over HTTP (binary protobuf, batches of 512 spans, several concurrent
 * {@code java.net.http} clients on loopback, each request answered only once its spans are aggregated) against
 * decoding the same bodies with protobuf alone on as many threads, in one run.
 * {@code java -jar dcsuite-benchmarks.jar otlp [seconds per measurement, default 3] [rounds, default 5]
 * [clients, default 4]}.
 *
 * <p>Every batch holds 64 traces of 8 spans (a server span with database, cache, HTTP client, auth and render
 * children) over 4 services and 32 routes. Each request gets fresh trace ids, written in place into a prepared body,
 * so the receiver sees new traces as in production. Both sides alternate in rounds after the same warm-up, the
 * side going first swapping each round; the medians are compared.
 */
public final class OtlpBenchmark {

    /** Spans per export request, the OpenTelemetry SDK's default batch size. */
    static final int SPANS_PER_BATCH = 512;
    private static final int SPANS_PER_TRACE = 8;
    private static final int TRACES_PER_BATCH = SPANS_PER_BATCH / SPANS_PER_TRACE;
    private static final int BODIES_PER_CLIENT = 8;
    private static final long BASE_NANOS = 1_795_478_400_000_000_000L;

    private OtlpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        if (rounds < 1 || clients < 1) {
            throw new IllegalArgumentException("rounds and clients must be at least 1");
        }
        Vertx vertx = Vertx.vertx();
        CountingSink sink = new CountingSink();
        OtlpHttpReceiver receiver = OtlpHttpReceiver.builder(vertx, new OtlpReceiverConfig(true, 0, List.of()), sink)
                .bindAddress("127.0.0.1").start().await(30, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Client> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                all.add(new Client(c, receiver.port()));
            }
            System.out.printf(Locale.ROOT, "otlp: %d clients, %d spans a request (%d KiB protobuf), %d cores%n",
                    clients, SPANS_PER_BATCH, all.getFirst().bodies.get(0).body.length / 1024,
                    Runtime.getRuntime().availableProcessors());
            run(pool, all, Duration.ofSeconds(2), true);
            run(pool, all, Duration.ofSeconds(2), false);
            double[] http = new double[rounds];
            double[] decode = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean httpFirst = r % 2 == 0;
                if (httpFirst) {
                    http[r] = run(pool, all, measure, true);
                    decode[r] = run(pool, all, measure, false);
                } else {
                    decode[r] = run(pool, all, measure, false);
                    http[r] = run(pool, all, measure, true);
                }
                System.out.printf(Locale.ROOT, "round %d: http %,.0f spans/s, protobuf decode %,.0f spans/s%n", r + 1,
                        http[r], decode[r]);
            }
            double httpMedian = median(http);
            double decodeMedian = median(decode);
            OtlpReceiverStats stats = receiver.stats();
            System.out.printf(Locale.ROOT, "median: OTLP/HTTP ingest %,.0f spans/s, protobuf decode alone %,.0f spans/s,"
                    + " ratio %.3f%n", httpMedian, decodeMedian, httpMedian / decodeMedian);
            System.out.printf(Locale.ROOT, "receiver: %,d spans accepted, %,d rejected, %d routes, requests %s;"
                    + " %,d samples flushed%n", stats.spansAccepted(), stats.spansRejected(), stats.routes(),
                    stats.requests(), sink.samples.get());
        } finally {
            pool.shutdownNow();
            receiver.close().await(30, TimeUnit.SECONDS);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** Runs every client for the duration, over HTTP or decoding only, and returns spans per second. */
    private static double run(ExecutorService pool, List<Client> clients, Duration duration, boolean http)
            throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Future<Long>> results = new ArrayList<>();
        for (Client c : clients) {
            results.add(pool.submit(() -> http ? c.post(deadline) : c.decode(deadline)));
        }
        long spans = 0;
        for (Future<Long> f : results) {
            spans += f.get();
        }
        return spans / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One sender with its own connection and its own prepared bodies. */
    private static final class Client {
        private final int id;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI uri;
        private final List<PreparedBody> bodies = new ArrayList<>();
        private long sequence;

        Client(int id, int port) {
            this.id = id;
            this.uri = URI.create("http://127.0.0.1:" + port + OtlpHttpReceiver.TRACES_PATH);
            Random random = new Random(id);
            for (int b = 0; b < BODIES_PER_CLIENT; b++) {
                bodies.add(PreparedBody.create(random));
            }
        }

        long post(long deadline) throws Exception {
            long spans = 0;
            while (System.nanoTime() < deadline) {
                PreparedBody body = bodies.get((int) (sequence % bodies.size()));
                body.renewTraceIds(id, sequence++);
                HttpRequest request = HttpRequest.newBuilder(uri).header("content-type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.body)).build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("OTLP receiver answered " + response.statusCode());
                }
                spans += SPANS_PER_BATCH;
            }
            return spans;
        }

        long decode(long deadline) throws Exception {
            long spans = 0;
            int i = 0;
            while (System.nanoTime() < deadline) {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(bodies.get(i++ % bodies.size())
                        .body);
                spans += request.getResourceSpans(0).getScopeSpans(0).getSpansCount();
            }
            return spans;
        }
    }

    /** An encoded export request and where its trace ids sit, so each send can carry new ones. */
    private record PreparedBody(byte[] body, int[] traceIdOffsets) {

        static PreparedBody create(Random random) {
            String service = "service-" + random.nextInt(4);
            List<byte[]> traceIds = new ArrayList<>();
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (int t = 0; t < TRACES_PER_BATCH; t++) {
                byte[] traceId = new byte[16];
                random.nextBytes(traceId);
                traceIds.add(traceId);
                addTrace(scope, ByteString.copyFrom(traceId), random);
            }
            byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                    .addScopeSpans(scope)).build().toByteArray();
            List<Integer> offsets = new ArrayList<>();
            for (byte[] traceId : traceIds) {
                for (int at = indexOf(body, traceId, 0); at >= 0; at = indexOf(body, traceId, at + 1)) {
                    offsets.add(at);
                }
            }
            return new PreparedBody(body, offsets.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Overwrites the first 8 bytes of every trace id with the client and sequence, keeping the encoding valid. */
        void renewTraceIds(int client, long sequence) {
            long prefix = ((long) client << 48) ^ sequence;
            for (int offset : traceIdOffsets) {
                for (int i = 0; i < 8; i++) {
                    body[offset + i] = (byte) (prefix >>> (56 - 8 * i));
                }
            }
        }

        private static void addTrace(ScopeSpans.Builder scope, ByteString traceId, Random random) {
            long start = BASE_NANOS + random.nextInt(1_000_000) * 1_000L;
            long duration = 5_000_000L + random.nextInt(200_000_000);
            ByteString root = spanId(random);
            String route = "/api/v1/resource" + random.nextInt(8) + "/{id}";
            scope.addSpans(Span.newBuilder().setTraceId(traceId).setSpanId(root).setName("GET " + route)
                    .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + duration).addAttributes(attribute("http.request.method", "GET"))
                    .addAttributes(attribute("http.route", route))
                    .addAttributes(intAttribute("http.response.status_code", random.nextInt(50) == 0 ? 503 : 200)));
            String[][] children = {
                {"auth.verify", "enduser.id", "u42"},
                {"SELECT orders", "db.system.name", "postgresql"},
                {"SELECT items", "db.system.name", "postgresql"},
                {"GET", "db.system.name", "redis"},
                {"GET", "http.request.method", "GET"},
                {"render order", "template", "order.html"},
                {"compute totals", "code.function.name", "totals"},
            };
            long step = duration / (children.length + 1);
            for (int c = 0; c < children.length; c++) {
                long childStart = start + step * c;
                scope.addSpans(Span.newBuilder().setTraceId(traceId).setSpanId(spanId(random)).setParentSpanId(root)
                        .setName(children[c][0]).setKind(c == 1 || c == 2 || c == 3 || c == 4
                                ? Span.SpanKind.SPAN_KIND_CLIENT : Span.SpanKind.SPAN_KIND_INTERNAL)
                        .setStartTimeUnixNano(childStart).setEndTimeUnixNano(childStart + step / 2)
                        .addAttributes(attribute(children[c][1], children[c][2])));
            }
        }

        private static ByteString spanId(Random random) {
            byte[] id = new byte[8];
            random.nextBytes(id);
            return ByteString.copyFrom(id);
        }

        private static KeyValue attribute(String key, String value) {
            return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
        }

        private static KeyValue intAttribute(String key, long value) {
            return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Counts samples and throws them away: the benchmark measures ingestion, not a store. */
    private static final class CountingSink implements SampleSink {
        private final AtomicLong samples = new AtomicLong();

        @Override
        public void describe(MetricDescriptor metric) {
        }

        @Override
        public void submit(List<Sample> list) {
            samples.addAndGet(list.size());
        }
    }
}
