package org.dcsuite.collectors.otlp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.DemoConfiguration;
import org.dcsuite.simulator.traffic.TrafficGenerator;
import org.dcsuite.simulator.traffic.TrafficPlanReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's simulated applications exporting over OTLP/HTTP protobuf, through the OpenTelemetry SDK, to the real
 * receiver on a loopback port: the series it derives carry each service's site, route and segments.
 */
class OtlpSimulatedTrafficIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** 14:00 in Lyon and Oslo, the demo's daily peak; 07:00 in Dallas. */
    private static final Instant START = Instant.parse("2026-11-24T13:00:00Z");
    /** The demo's services at each site, as traffic.yaml declares them. */
    private static final Map<String, Set<String>> SERVICES = Map.of("edge-lyon", Set.of("checkout", "catalog"),
            "edge-oslo", Set.of("checkout", "search"), "edge-dallas", Set.of("checkout", "catalog"));
    private static final Set<String> ROUTES = Set.of("/cart", "/checkout", "/orders/{id}", "/products",
            "/products/{id}", "/search", "/suggest");

    @TempDir
    Path work;

    private final MutableClock clock = new MutableClock(START);
    private final RecordingSink sink = new RecordingSink();
    private Vertx vertx;
    private OtlpHttpReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = OtlpHttpReceiver.builder(vertx, new OtlpReceiverConfig(true, 0, List.of()), sink)
                .bindAddress("127.0.0.1").clock(clock).flushInterval(Duration.ofHours(1))
                .start().await(TIMEOUT.toSeconds(), SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close().await(TIMEOUT.toSeconds(), SECONDS);
        vertx.close().await(TIMEOUT.toSeconds(), SECONDS);
    }

    @Test
    void oneMinuteOfDemoTrafficBecomesSeriesByServiceSiteAndRoute() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(work));
        Map<String, ZoneId> zones = demo.sites().stream().collect(Collectors.toMap(Site::id, Site::timeZone));
        long requests;
        long failed;
        try (TrafficGenerator traffic = TrafficGenerator.exportingTo(
                URI.create("http://127.0.0.1:" + receiver.port() + OtlpHttpReceiver.TRACES_PATH),
                TrafficPlanReader.load(work, zones.keySet()), zones, 1, START)) {
            traffic.playUntil(START.plus(Duration.ofMinutes(1)));
            assertThat(traffic.flush(TIMEOUT)).as("export to the receiver").isTrue();
            requests = traffic.requests();
            failed = traffic.failedRequests();
        }
        clock.advance(OtlpHttpReceiver.DEFAULT_FLUSH_INTERVAL);
        receiver.flush();
        Map<SeriesKey, Double> v = sink.latest();

        assertThat(receiver.stats().spansRejected()).isZero();
        Map<SeriesKey, Double> counters = v.entrySet().stream()
                .filter(e -> e.getKey().metric().equals("trace.requests"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(counters.keySet()).allSatisfy(k -> {
            assertThat(SERVICES.get(k.label("site"))).as("%s", k).contains(k.label("service"));
            assertThat(k.label("route")).isIn(ROUTES);
        });
        assertThat(counters.keySet()).extracting(k -> k.label("site") + " " + k.label("service")).containsOnly(
                "edge-lyon checkout", "edge-lyon catalog", "edge-oslo checkout", "edge-oslo search",
                "edge-dallas checkout", "edge-dallas catalog");
        assertThat(counters.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo((double) requests);
        assertThat(sum(v, "trace.errors")).isEqualTo((double) failed);
        // Checkout in Lyon at its peak: 8/s on average over the day, 12/s at 14:00.
        assertThat(sum(v, "trace.requests", "edge-lyon", "checkout")).isBetween(600.0, 850.0);
        assertThat(sum(v, "trace.requests", "edge-dallas", "catalog")).isBetween(700.0, 1_000.0);

        // Every request of Lyon's checkout was broken down into its segments, and app is always one of them.
        double lyonCheckout = sum(v, "trace.requests", "edge-lyon", "checkout");
        for (String segment : List.of("dns", "auth", "storage", "downstream", "app")) {
            assertThat(sum(v, "trace.segment.duration.count", "edge-lyon", "checkout", "segment", segment))
                    .as(segment).isEqualTo(lyonCheckout);
        }
        assertThat(sum(v, "trace.segment.duration.count", "edge-dallas", "catalog", "segment", "render"))
                .isEqualTo(sum(v, "trace.requests", "edge-dallas", "catalog"));
        assertThat(v.keySet()).filteredOn(k -> k.label("service").equals("search"))
                .extracting(k -> k.label("segment")).containsOnly("", "dns", "storage", "app");
        // Storage of Oslo's search: a median of 20 ms, so a sum near 20 ms a request.
        double searchStorage = sum(v, "trace.segment.duration.sum", "edge-oslo", "search", "segment", "storage")
                / sum(v, "trace.segment.duration.count", "edge-oslo", "search", "segment", "storage");
        assertThat(searchStorage).isBetween(0.020, 0.035);
    }

    /** The sum over routes of one metric, optionally of one site and service and one more label. */
    private static double sum(Map<SeriesKey, Double> v, String metric, String... labels) {
        return v.entrySet().stream().filter(e -> e.getKey().metric().equals(metric)
                && (labels.length < 1 || e.getKey().label("site").equals(labels[0]))
                && (labels.length < 2 || e.getKey().label("service").equals(labels[1]))
                && (labels.length < 4 || e.getKey().label(labels[2]).equals(labels[3])))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
