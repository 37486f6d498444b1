package org.dcsuite.collectors.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.dcsuite.collectors.otlp.OtlpSpans.TRACE;
import static org.dcsuite.collectors.otlp.OtlpSpans.attr;
import static org.dcsuite.collectors.otlp.OtlpSpans.child;
import static org.dcsuite.collectors.otlp.OtlpSpans.error;
import static org.dcsuite.collectors.otlp.OtlpSpans.key;
import static org.dcsuite.collectors.otlp.OtlpSpans.request;
import static org.dcsuite.collectors.otlp.OtlpSpans.server;
import static org.dcsuite.collectors.otlp.OtlpSpans.span;
import static org.dcsuite.collectors.otlp.OtlpSpans.values;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dcsuite.core.config.SpanSegmentRule;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;

class SpanSliAggregatorTest {

    private static final String ROOT = "00f067aa0ba902b7";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final SpanSliAggregator aggregator = new SpanSliAggregator(clock, List.of(), SpanSliLimits.DEFAULTS);

    @Test
    void entrySpansCountRequestsErrorsAndDurationBuckets() {
        aggregator.ingest(request("shop",
                server("0000000000000001", "/a", 0, 3),
                error(server("0000000000000002", "/a", 0, 60)),
                server("0000000000000003", "/a", 0, 1_000).addAttributes(attr("http.response.status_code", 503)),
                server("0000000000000004", "/a", 0, 20_000).addAttributes(attr("http.response.status_code", 404))));

        Map<SeriesKey, Double> v = values(aggregator.flush());

        assertThat(v.get(key("trace.requests", "shop", "/a"))).isEqualTo(4.0);
        assertThat(v.get(key("trace.errors", "shop", "/a"))).isEqualTo(2.0);
        assertThat(v.get(key("trace.duration.bucket", "shop", "/a", "le", "0.005"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.duration.bucket", "shop", "/a", "le", "0.05"))).isEqualTo(1.0);
        assertThat(v.get(key("trace.duration.bucket", "shop", "/a", "le", "0.075"))).isEqualTo(2.0);
        assertThat(v.get(key("trace.duration.bucket", "shop", "/a", "le", "1"))).isEqualTo(3.0);
        assertThat(v.get(key("trace.duration.bucket", "shop", "/a", "le", "10"))).isEqualTo(3.0);
        assertThat(v.get(key("trace.duration.bucket", "shop", "/a", "le", "+Inf"))).isEqualTo(4.0);
        assertThat(v.get(key("trace.duration.count", "shop", "/a"))).isEqualTo(4.0);
        assertThat(v.get(key("trace.duration.sum", "shop", "/a"))).isCloseTo(21.063, withinPercentage(1e-9));
        assertThat(v.get(key("trace.duration.quantile", "shop", "/a", "quantile", "0.5")))
                .isCloseTo(0.060, withinPercentage(1));
        assertThat(v.get(key("trace.duration.quantile", "shop", "/a", "quantile", "0.95")))
                .isCloseTo(20.0, withinPercentage(1));
    }

    @Test
    void routeFallsBackToUrlTemplateThenSpanNameAndServiceToUnknown() {
        aggregator.ingest(request(null,
                span(TRACE, "0000000000000001", null, "GET", SpanKind.SPAN_KIND_SERVER, 0, 1)
                        .addAttributes(attr("url.template", "/items/{id}")),
                span(TRACE, "0000000000000002", null, "nightly job", SpanKind.SPAN_KIND_INTERNAL, 0, 1),
                span(TRACE, "0000000000000003", "0000000000000002", "step", SpanKind.SPAN_KIND_INTERNAL, 0, 1),
                span(TRACE, "0000000000000004", "0000000000000002", "orders", SpanKind.SPAN_KIND_CONSUMER, 0, 1)));

        Map<SeriesKey, Double> v = values(aggregator.flush());

        assertThat(v).containsEntry(key("trace.requests", "unknown_service", "/items/{id}"), 1.0)
                .containsEntry(key("trace.requests", "unknown_service", "nightly job"), 1.0)
                .containsEntry(key("trace.requests", "unknown_service", "orders"), 1.0)
                .doesNotContainKey(key("trace.requests", "unknown_service", "step"));
    }

    @Test
    void childrenBeforeTheParentAreMappedToSegmentsAndTheRestIsApp() {
        // Children end before their parent, so an exporter sends them first, in the same batch or an earlier one.
        aggregator.ingest(request("shop",
                child("0000000000000002", ROOT, "SELECT orders", SpanKind.SPAN_KIND_CLIENT, 10, 40)
                        .addAttributes(attr("db.system", "postgresql")),
                child("0000000000000003", ROOT, "auth.verify", SpanKind.SPAN_KIND_INTERNAL, 0, 10),
                child("0000000000000004", ROOT, "compute", SpanKind.SPAN_KIND_INTERNAL, 40, 70),
                child("0000000000000005", "0000000000000004", "render page", SpanKind.SPAN_KIND_INTERNAL, 50, 65),
                child("0000000000000006", "0000000000000002", "connect", SpanKind.SPAN_KIND_INTERNAL, 10, 12)));
        aggregator.ingest(request("shop", server(ROOT, "/orders", 0, 100)));
        clock.advance(SpanSliLimits.DEFAULT_BREAKDOWN_DELAY);

        Map<SeriesKey, Double> v = values(aggregator.flush());

        assertSegment(v, "storage", 0.030);
        assertSegment(v, "auth", 0.010);
        assertSegment(v, "render", 0.015);
        // The connect span inside the storage span is part of storage, not counted twice; compute is app.
        assertThat(v).doesNotContainKey(key("trace.segment.duration.count", "shop", "/orders", "segment", "connect"));
        assertSegment(v, "app", 0.045);
    }

    @Test
    void childrenArrivingAfterTheParentWithinTheDelayStillCount() {
        aggregator.ingest(request("shop", server(ROOT, "/orders", 0, 100)));
        clock.advance(Duration.ofSeconds(2));
        aggregator.ingest(request("shop", child("0000000000000002", ROOT, "GET", SpanKind.SPAN_KIND_CLIENT, 20, 80)
                .addAttributes(attr("http.request.method", "GET"))));

        Map<SeriesKey, Double> early = values(aggregator.flush());
        assertThat(early).containsEntry(key("trace.requests", "shop", "/orders"), 1.0);
        assertThat(early).doesNotContainKey(key("trace.segment.duration.count", "shop", "/orders", "segment", "app"));

        clock.advance(Duration.ofSeconds(3));
        Map<SeriesKey, Double> v = values(aggregator.flush());
        assertSegment(v, "downstream", 0.060);
        assertSegment(v, "app", 0.040);
    }

    @Test
    void parallelChildrenAreSummedAndAppFloorsAtZero() {
        aggregator.ingest(request("shop",
                child("0000000000000002", ROOT, "q1", SpanKind.SPAN_KIND_CLIENT, 0, 80)
                        .addAttributes(attr("db.system", "postgresql")),
                child("0000000000000003", ROOT, "q2", SpanKind.SPAN_KIND_CLIENT, 0, 80)
                        .addAttributes(attr("db.system", "postgresql")),
                // A child outlasting its parent is clipped to the parent's interval.
                child("0000000000000004", ROOT, "q3", SpanKind.SPAN_KIND_CLIENT, 90, 500)
                        .addAttributes(attr("db.system", "postgresql")),
                server(ROOT, "/orders", 0, 100)));
        clock.advance(SpanSliLimits.DEFAULT_BREAKDOWN_DELAY);

        Map<SeriesKey, Double> v = values(aggregator.flush());

        assertSegment(v, "storage", 0.170);
        assertSegment(v, "app", 0.0);
    }

    @Test
    void userRulesWinOverDefaults() {
        SpanSegmentRule cache = new SpanSegmentRule("cache", Optional.empty(), Optional.empty(),
                Optional.of("db.system"), Optional.of(Pattern.compile("redis")));
        SpanSliAggregator withRules = new SpanSliAggregator(clock, List.of(cache), SpanSliLimits.DEFAULTS);
        withRules.ingest(request("shop",
                child("0000000000000002", ROOT, "GET", SpanKind.SPAN_KIND_CLIENT, 0, 5)
                        .addAttributes(attr("db.system", "redis")),
                child("0000000000000003", ROOT, "SELECT", SpanKind.SPAN_KIND_CLIENT, 5, 25)
                        .addAttributes(attr("db.system", "postgresql")),
                server(ROOT, "/orders", 0, 100)));
        clock.advance(SpanSliLimits.DEFAULT_BREAKDOWN_DELAY);

        Map<SeriesKey, Double> v = values(withRules.flush());

        assertSegment(v, "cache", 0.005);
        assertSegment(v, "storage", 0.020);
        assertSegment(v, "app", 0.075);
    }

    @Test
    void routesBeyondTheCapFoldIntoOther() {
        SpanSliAggregator capped = new SpanSliAggregator(clock, List.of(), SpanSliLimits.DEFAULTS.withMaxRoutes(2));
        capped.ingest(request("shop",
                server("0000000000000001", "/a", 0, 1),
                server("0000000000000002", "/b", 0, 1),
                server("0000000000000003", "/c", 0, 1),
                server("0000000000000004", "/d", 0, 1),
                server("0000000000000005", "/a", 0, 1)));

        Map<SeriesKey, Double> v = values(capped.flush());

        assertThat(v).containsEntry(key("trace.requests", "shop", "/a"), 2.0)
                .containsEntry(key("trace.requests", "shop", "/b"), 1.0)
                .containsEntry(key("trace.requests", "shop", "other"), 2.0)
                .doesNotContainKey(key("trace.requests", "shop", "/c"));
        assertThat(capped.foldedSpans()).isEqualTo(2);
    }

    @Test
    void theResourceSiteLabelsEverySeriesAndKeepsSitesApart() {
        aggregator.ingest(request("checkout", "edge-lyon",
                child("0000000000000002", ROOT, "SELECT", SpanKind.SPAN_KIND_CLIENT, 10, 40)
                        .addAttributes(attr("db.system", "postgresql")),
                server(ROOT, "/orders", 0, 100)));
        aggregator.ingest(request("checkout", "edge-oslo", server("0000000000000003", "/orders", 0, 10),
                server("0000000000000004", "/orders", 0, 10)));
        // An empty site is no site, as an empty service.name is no service.
        aggregator.ingest(request("checkout", "", server("0000000000000005", "/orders", 0, 10)));
        clock.advance(SpanSliLimits.DEFAULT_BREAKDOWN_DELAY);

        Map<SeriesKey, Double> v = values(aggregator.flush());

        assertThat(v).containsEntry(key("trace.requests", "checkout", "/orders").with("site", "edge-lyon"), 1.0)
                .containsEntry(key("trace.requests", "checkout", "/orders").with("site", "edge-oslo"), 2.0)
                .containsEntry(key("trace.requests", "checkout", "/orders"), 1.0)
                .containsEntry(key("trace.errors", "checkout", "/orders").with("site", "edge-oslo"), 0.0)
                .containsEntry(key("trace.duration.bucket", "checkout", "/orders", "le", "+Inf")
                        .with("site", "edge-oslo"), 2.0)
                .containsEntry(key("trace.segment.duration.count", "checkout", "/orders", "segment", "storage")
                        .with("site", "edge-lyon"), 1.0);
        assertThat(v.get(key("trace.segment.duration.sum", "checkout", "/orders", "segment", "storage")
                .with("site", "edge-lyon"))).isCloseTo(0.030, org.assertj.core.api.Assertions.within(1e-9));
        // Lyon's storage segment stays in Lyon's series: the request without a site had only its own time.
        assertThat(v.keySet().stream().filter(k -> k.label("site").isEmpty()).map(k -> k.label("segment")).distinct())
                .containsExactlyInAnyOrder("", "app");
        assertThat(aggregator.routeCount()).isEqualTo(3);
    }

    @Test
    void foldedRoutesKeepTheirSite() {
        SpanSliAggregator capped = new SpanSliAggregator(clock, List.of(), SpanSliLimits.DEFAULTS.withMaxRoutes(1));
        capped.ingest(request("checkout", "edge-lyon", server("0000000000000001", "/a", 0, 1)));
        capped.ingest(request("checkout", "edge-oslo", server("0000000000000002", "/a", 0, 1)));

        assertThat(values(capped.flush()))
                .containsEntry(key("trace.requests", "checkout", "/a").with("site", "edge-lyon"), 1.0)
                .containsEntry(key("trace.requests", "checkout", "other").with("site", "edge-oslo"), 1.0);
    }

    @Test
    void countersStayCumulativeAndIdleSeriesStopAfterAnHour() {
        aggregator.ingest(request("shop", server("0000000000000001", "/a", 0, 1)));
        clock.advance(Duration.ofMinutes(30));
        aggregator.ingest(request("shop", server("0000000000000002", "/b", 0, 1)));
        assertThat(values(aggregator.flush())).containsEntry(key("trace.requests", "shop", "/a"), 1.0);

        clock.advance(Duration.ofMinutes(20));
        aggregator.ingest(request("shop", server("0000000000000003", "/b", 0, 1)));
        Map<SeriesKey, Double> v = values(aggregator.flush());
        assertThat(v).containsEntry(key("trace.requests", "shop", "/a"), 1.0)
                .containsEntry(key("trace.requests", "shop", "/b"), 2.0);
        // The last-minute window of /a is empty, so its quantiles are no longer emitted.
        assertThat(v).doesNotContainKey(key("trace.duration.quantile", "shop", "/a", "quantile", "0.5"));

        clock.advance(Duration.ofMinutes(11));
        v = values(aggregator.flush());
        assertThat(v).doesNotContainKey(key("trace.requests", "shop", "/a"))
                .containsEntry(key("trace.requests", "shop", "/b"), 2.0);
        assertThat(v.keySet()).noneMatch(k -> k.label("route").equals("/a"));
        assertThat(aggregator.routeCount()).isEqualTo(1);
    }

    @Test
    void spansBeyondThePerTraceCapCountAsApp() {
        io.opentelemetry.proto.trace.v1.Span.Builder[] spans =
                new io.opentelemetry.proto.trace.v1.Span.Builder[SpanSliAggregator.MAX_SPANS_PER_TRACE + 1];
        for (int i = 0; i < spans.length - 1; i++) {
            spans[i] = child(String.format("%016x", i + 16), "00000000000000ff", "filler", SpanKind.SPAN_KIND_INTERNAL,
                    0, 1);
        }
        spans[spans.length - 1] = child("0000000000000002", ROOT, "SELECT", SpanKind.SPAN_KIND_CLIENT, 0, 50)
                .addAttributes(attr("db.system", "postgresql"));
        aggregator.ingest(request("shop", spans));
        aggregator.ingest(request("shop", server(ROOT, "/orders", 0, 100)));
        clock.advance(SpanSliLimits.DEFAULT_BREAKDOWN_DELAY);

        Map<SeriesKey, Double> v = values(aggregator.flush());

        assertThat(v).doesNotContainKey(key("trace.segment.duration.count", "shop", "/orders", "segment", "storage"));
        assertSegment(v, "app", 0.100);
    }

    @Test
    void unusableSpansAreRejectedWithReasonsAndTheRestKept() {
        SpanSliAggregator.IngestResult result = aggregator.ingest(request("shop",
                server("0000000000000001", "/a", 100, 50),
                server("0000000000000002", "/a", 0, 1).setTraceId(com.google.protobuf.ByteString.copyFrom(new byte[3])),
                server("0000000000000003", "/a", 0, 1)));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.problems()).contains("span 'GET /a' (trace " + TRACE + ") ends before it starts")
                .contains("trace id of 3 bytes, not 16");
        assertThat(values(aggregator.flush())).containsEntry(key("trace.requests", "shop", "/a"), 1.0);
    }

    private static void assertSegment(Map<SeriesKey, Double> v, String segment, double seconds) {
        assertThat(v.get(key("trace.segment.duration.count", "shop", "/orders", "segment", segment)))
                .as("count of segment %s", segment).isEqualTo(1.0);
        assertThat(v.get(key("trace.segment.duration.sum", "shop", "/orders", "segment", segment)))
                .as("sum of segment %s", segment).isCloseTo(seconds, org.assertj.core.api.Assertions.within(1e-9));
    }
}
