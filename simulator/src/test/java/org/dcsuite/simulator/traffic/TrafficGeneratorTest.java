package org.dcsuite.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator's spans as the SDK hands them to an exporter, before any wire format. */
class TrafficGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-24T13:00:00Z");
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SITE = AttributeKey.stringKey(TrafficGenerator.SITE_ATTRIBUTE);
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Test
    void eachRequestIsAServerSpanWithOneChildPerSegmentAndItsSiteOnTheResource() {
        ServiceTraffic checkout = new ServiceTraffic("checkout", 10, 0.02, List.of(new TrafficRoute("GET", "/cart", 1)),
                Map.of(TrafficSegment.DNS, latency(1, 5), TrafficSegment.CONNECT, latency(2, 6),
                        TrafficSegment.AUTH, latency(3, 9), TrafficSegment.STORAGE, latency(10, 40),
                        TrafficSegment.RENDER, latency(4, 12), TrafficSegment.DOWNSTREAM, latency(20, 80),
                        TrafficSegment.APP, latency(8, 30)));
        ServiceTraffic search = new ServiceTraffic("search", 5, 0, List.of(new TrafficRoute("GET", "/search", 1)),
                Map.of(TrafficSegment.APP, latency(5, 20)));
        TrafficPlan plan = new TrafficPlan(0, Optional.empty(), List.of(
                new SiteTraffic("edge-lyon", List.of(checkout)), new SiteTraffic("edge-oslo", List.of(search))));

        try (TrafficGenerator generator = new TrafficGenerator(plan, Map.of("edge-lyon", ZoneId.of("Europe/Paris"),
                "edge-oslo", ZoneId.of("Europe/Oslo")), 1, START, r -> SimpleSpanProcessor.create(exporter))) {
            generator.playUntil(START.plus(Duration.ofMinutes(2)));
            List<SpanData> spans = exporter.getFinishedSpanItems();

            List<SpanData> entries = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
            assertThat(entries).hasSize((int) generator.requests());
            assertThat(generator.services()).isEqualTo(2);
            Map<String, Long> bySite = entries.stream()
                    .collect(Collectors.groupingBy(s -> s.getResource().getAttribute(SITE), Collectors.counting()));
            // Two minutes at 10/s and 5/s.
            assertThat(bySite.get("edge-lyon")).isBetween(1_050L, 1_350L);
            assertThat(bySite.get("edge-oslo")).isBetween(500L, 700L);
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.getParentSpanContext().isValid()).isFalse();
                assertThat(e.getAttributes().get(ROUTE)).isIn("/cart", "/search");
                assertThat(e.getName()).isEqualTo("GET " + e.getAttributes().get(ROUTE));
                long status = e.getAttributes().get(STATUS);
                assertThat(e.getStatus().getStatusCode())
                        .isEqualTo(status >= 500 ? StatusCode.ERROR : StatusCode.UNSET);
            });
            assertThat(entries).filteredOn(e -> e.getAttributes().get(STATUS) >= 500).hasSize(
                    (int) generator.failedRequests()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getResource().getAttribute(SERVICE)).isEqualTo("checkout"));

            SpanData request = entries.stream().filter(e -> "checkout".equals(e.getResource().getAttribute(SERVICE)))
                    .findFirst().orElseThrow();
            List<SpanData> children = spans.stream()
                    .filter(s -> s.getParentSpanId().equals(request.getSpanId())).toList();
            assertThat(children).extracting(SpanData::getName).containsExactly("dns lookup", "tls handshake",
                    "auth check", "SELECT checkout", "render page", "GET");
            assertThat(children.get(3).getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(children.get(3).getAttributes().get(AttributeKey.stringKey("db.system.name")))
                    .isEqualTo("postgresql");
            assertThat(children.get(5).getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(children.get(5).getAttributes().get(AttributeKey.stringKey("http.request.method")))
                    .isEqualTo("GET");
            // The children follow one another inside the entry span, which also holds the service's own time.
            for (int i = 1; i < children.size(); i++) {
                assertThat(children.get(i).getStartEpochNanos()).isEqualTo(children.get(i - 1).getEndEpochNanos());
            }
            assertThat(children.getFirst().getStartEpochNanos()).isGreaterThanOrEqualTo(request.getStartEpochNanos());
            assertThat(children.getLast().getEndEpochNanos()).isLessThanOrEqualTo(request.getEndEpochNanos());
            assertThat(request.getStartEpochNanos()).isGreaterThanOrEqualTo(START.getEpochSecond() * 1_000_000_000L);
            assertThat(spans.stream().filter(s -> "search".equals(s.getResource().getAttribute(SERVICE))))
                    .allMatch(s -> s.getKind() == SpanKind.SERVER);
        }
    }

    private static SegmentLatency latency(long medianMs, long p99Ms) {
        return new SegmentLatency(Duration.ofMillis(medianMs), Duration.ofMillis(p99Ms));
    }
}
