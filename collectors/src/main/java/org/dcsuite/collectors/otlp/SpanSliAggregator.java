package org.dcsuite.collectors.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.core.config.SpanSegmentRule;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;

/**
 * Turns spans into per-service SLI series ({@link TraceMetrics}). Every entry span (server or consumer, or without
 * parent) is one request of its (service, site, route), the site being the resource's {@code dcsuite.site} when it
 * has one: it counts as a request, as an error when its status is ERROR or a server span answered HTTP 5xx, and its
 * duration goes into a cumulative histogram and into last-minute quantiles ({@link SlidingQuantiles}: log buckets,
 * relative error at most 1%).
 *
 * <p>The latency breakdown waits {@link SpanSliLimits#breakdownDelay()} after the entry span arrives, then walks its
 * descendants found in a bounded, time-limited index of recent spans. A descendant a rule maps to a segment adds
 * its duration (clipped to the entry span's interval) to that segment and is not descended into; an unmapped one is
 * descended into; nested entry spans are not descended into. Parallel children are summed, so a segment can exceed
 * wall time. {@code app} is the entry span's duration minus the mapped time, at least 0. Each request records
 * {@code app} and every segment it had.
 *
 * <p>Thread-safe: ingestion and flushing synchronise on the aggregator.
 */
final class SpanSliAggregator {

    /** The service of spans whose resource has no {@code service.name}, as the OpenTelemetry SDKs name it. */
    static final String UNKNOWN_SERVICE = "unknown_service";
    private static final String SERVICE_NAME_ATTRIBUTE = "service.name";
    /** The quantiles emitted, with their label values. */
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};
    private static final List<String> QUANTILE_LABELS = List.of("0.5", "0.95", "0.99");
    /** The most span problems one partial-success message lists. */
    private static final int MAX_PROBLEMS_LISTED = 5;
    /**
     * Spans indexed per trace at most. A breakdown walks its trace's spans, so this bounds its cost when a trace is
     * huge or resent; spans beyond it count as their entry span's own time.
     */
    static final int MAX_SPANS_PER_TRACE = 1_000;
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private final Clock clock;
    private final SpanSliLimits limits;
    private final SpanSegmentMapper segments;
    private final long slotMillis;
    private final Map<RouteKey, RouteSli> routes = new HashMap<>();
    private final ArrayDeque<PendingEntry> pending = new ArrayDeque<>();
    // Insertion-ordered by first arrival; a trace's spans expire together once the newest is older than retention.
    private final LinkedHashMap<ByteString, IndexedTrace> index = new LinkedHashMap<>();
    private int indexedSpans;
    // Read without the lock by stats and meters, which may run on an event loop while a flush holds it.
    private final AtomicLong foldedSpans = new AtomicLong();
    private volatile int routeCount;

    SpanSliAggregator(Clock clock, List<SpanSegmentRule> userRules, SpanSliLimits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.segments = new SpanSegmentMapper(userRules);
        this.slotMillis = limits.window().toMillis() / limits.windowSlots();
    }

    /** What one export request yielded: spans used, spans rejected and why (a few examples). */
    record IngestResult(int accepted, int rejected, String problems) {
    }

    /** Ingests every span of one export request; unusable spans are counted and described, never thrown. */
    synchronized IngestResult ingest(ExportTraceServiceRequest request) {
        long now = clock.millis();
        int accepted = 0;
        int rejected = 0;
        List<String> problems = new ArrayList<>();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = resourceText(rs, SERVICE_NAME_ATTRIBUTE, UNKNOWN_SERVICE);
            String site = resourceText(rs, TraceMetrics.SITE_ATTRIBUTE, "");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    String problem = problem(span);
                    if (problem != null) {
                        rejected++;
                        if (problems.size() < MAX_PROBLEMS_LISTED) {
                            problems.add(problem);
                        }
                        continue;
                    }
                    accepted++;
                    accept(TraceSpan.of(service, site, span), now);
                }
            }
        }
        routeCount = routes.size();
        String message = rejected == 0 ? ""
                : rejected + " span(s) rejected: " + String.join("; ", problems) + (rejected > problems.size()
                        ? "; ..." : "");
        return new IngestResult(accepted, rejected, message);
    }

    /** Entry spans folded into {@code route="other"} by the cardinality cap so far; never blocks. */
    long foldedSpans() {
        return foldedSpans.get();
    }

    /** The (service, route) pairs currently kept, as of the last ingest or flush; never blocks. */
    int routeCount() {
        return routeCount;
    }

    /**
     * Completes the breakdowns that are due, forgets idle series and old spans, and returns the samples of every live
     * series at the clock's current time.
     */
    synchronized List<Sample> flush() {
        long now = clock.millis();
        long due = now - limits.breakdownDelay().toMillis();
        while (!pending.isEmpty() && pending.peekFirst().arrivedMillis() <= due) {
            resolve(pending.pollFirst(), now);
        }
        expireSpans(now);
        long idleBefore = now - limits.idleTimeout().toMillis();
        List<Sample> samples = new ArrayList<>();
        Iterator<Map.Entry<RouteKey, RouteSli>> it = routes.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RouteKey, RouteSli> e = it.next();
            RouteSli sli = e.getValue();
            sli.segments.values().removeIf(s -> s.lastUpdateMillis < idleBefore);
            if (sli.lastUpdateMillis < idleBefore && sli.segments.isEmpty()) {
                it.remove();
                continue;
            }
            emit(e.getKey(), sli, now, samples);
        }
        routeCount = routes.size();
        return samples;
    }

    private void accept(TraceSpan span, long now) {
        index(span, now);
        if (!span.isEntry()) {
            return;
        }
        RouteKey key = routeKey(span);
        RouteSli sli = routes.computeIfAbsent(key, k -> new RouteSli(limits, slotMillis));
        double seconds = span.durationNanos() / 1e9;
        sli.requests++;
        if (isError(span)) {
            sli.errors++;
        }
        sli.duration.record(seconds);
        sli.quantiles.record(seconds, now);
        sli.lastUpdateMillis = now;
        pending.addLast(new PendingEntry(span, key, now));
        // The breakdown queue obeys the span cap too: past it, the oldest breakdowns run early rather than late.
        while (pending.size() > limits.maxIndexedSpans()) {
            resolve(pending.pollFirst(), now);
        }
    }

    private RouteKey routeKey(TraceSpan span) {
        String route = span.attributeText("http.route");
        if (route == null || route.isEmpty()) {
            route = span.attributeText("url.template");
        }
        if (route == null || route.isEmpty()) {
            route = span.name().isEmpty() ? "unnamed" : span.name();
        }
        RouteKey key = new RouteKey(span.service(), span.site(), route);
        if (!routes.containsKey(key) && routes.size() >= limits.maxRoutes()) {
            // The service and site stay: only the route is the unbounded part, and a site's totals stay whole.
            foldedSpans.incrementAndGet();
            return new RouteKey(span.service(), span.site(), TraceMetrics.OTHER_ROUTE);
        }
        return key;
    }

    private static boolean isError(TraceSpan span) {
        if (span.statusError()) {
            return true;
        }
        if (!span.kind().equals("server")) {
            return false;
        }
        long status = span.attributeLong("http.response.status_code");
        if (status < 0) {
            status = span.attributeLong("http.status_code");
        }
        return status >= 500;
    }

    private void index(TraceSpan span, long now) {
        IndexedTrace trace = index.get(span.traceId());
        if (trace == null) {
            trace = new IndexedTrace();
            index.put(span.traceId(), trace);
        }
        trace.lastSeenMillis = now;
        if (trace.spans.size() >= MAX_SPANS_PER_TRACE) {
            return;
        }
        trace.spans.add(span);
        indexedSpans++;
        while (indexedSpans > limits.maxIndexedSpans() && !index.isEmpty()) {
            removeOldestTrace();
        }
    }

    private void expireSpans(long now) {
        long before = now - limits.spanRetention().toMillis();
        // Traces are in first-arrival order, so a trace still receiving spans may sit behind expired ones: scan all.
        Iterator<IndexedTrace> it = index.values().iterator();
        while (it.hasNext()) {
            IndexedTrace trace = it.next();
            if (trace.lastSeenMillis < before) {
                indexedSpans -= trace.spans.size();
                it.remove();
            }
        }
    }

    private void removeOldestTrace() {
        Iterator<IndexedTrace> it = index.values().iterator();
        indexedSpans -= it.next().spans.size();
        it.remove();
    }

    private void resolve(PendingEntry entry, long now) {
        TraceSpan root = entry.span();
        Map<String, Long> mapped = new TreeMap<>();
        IndexedTrace trace = index.get(root.traceId());
        if (trace != null) {
            Map<ByteString, List<TraceSpan>> children = new HashMap<>();
            for (TraceSpan s : trace.spans) {
                if (!s.parentSpanId().isEmpty()) {
                    children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
                }
            }
            ArrayDeque<TraceSpan> todo = new ArrayDeque<>(children.getOrDefault(root.spanId(), List.of()));
            // A malformed trace can contain cycles; the visited set keeps the walk finite.
            Set<ByteString> visited = new HashSet<>();
            visited.add(root.spanId());
            while (!todo.isEmpty()) {
                TraceSpan s = todo.pollFirst();
                if (!visited.add(s.spanId())) {
                    continue;
                }
                String segment = segments.segmentOf(s);
                if (!segment.equals(SpanSegmentMapper.APP)) {
                    long clipped = Math.min(s.endNanos(), root.endNanos()) - Math.max(s.startNanos(), root.startNanos());
                    mapped.merge(segment, Math.max(0, clipped), Long::sum);
                } else if (!s.isEntry()) {
                    todo.addAll(children.getOrDefault(s.spanId(), List.of()));
                }
            }
        }
        RouteSli sli = routes.get(entry.route());
        if (sli == null) {
            return;
        }
        long mappedTotal = mapped.values().stream().mapToLong(Long::longValue).sum();
        mapped.put(SpanSegmentMapper.APP, Math.max(0, root.durationNanos() - mappedTotal));
        for (Map.Entry<String, Long> e : mapped.entrySet()) {
            SegmentSli seg = sli.segments.computeIfAbsent(e.getKey(), k -> new SegmentSli(limits, slotMillis));
            double seconds = e.getValue() / 1e9;
            seg.duration.record(seconds);
            seg.quantiles.record(seconds, now);
            // Idleness counts from the request, not from when its breakdown ran.
            seg.lastUpdateMillis = Math.max(seg.lastUpdateMillis, entry.arrivedMillis());
        }
    }

    private static void emit(RouteKey key, RouteSli sli, long now, List<Sample> out) {
        Map<String, String> labels = key.labels();
        out.add(new Sample(SeriesKey.of(TraceMetrics.REQUESTS_TOTAL.name(), labels), now, sli.requests));
        out.add(new Sample(SeriesKey.of(TraceMetrics.ERRORS_TOTAL.name(), labels), now, sli.errors));
        emitHistogram(labels, sli.duration, sli.quantiles, now, TraceMetrics.DURATION_BUCKET,
                TraceMetrics.DURATION_SUM, TraceMetrics.DURATION_COUNT, TraceMetrics.DURATION_QUANTILE, out);
        for (Map.Entry<String, SegmentSli> e : new TreeMap<>(sli.segments).entrySet()) {
            Map<String, String> segLabels = new HashMap<>(labels);
            segLabels.put(TraceMetrics.SEGMENT, e.getKey());
            SegmentSli seg = e.getValue();
            emitHistogram(segLabels, seg.duration, seg.quantiles, now, TraceMetrics.SEGMENT_BUCKET,
                    TraceMetrics.SEGMENT_SUM, TraceMetrics.SEGMENT_COUNT, TraceMetrics.SEGMENT_QUANTILE, out);
        }
    }

    private static void emitHistogram(Map<String, String> labels, DurationHistogram histogram,
            SlidingQuantiles quantiles, long now, MetricDescriptor bucket, MetricDescriptor sum,
            MetricDescriptor count, MetricDescriptor quantile, List<Sample> out) {
        SeriesKey bucketKey = SeriesKey.of(bucket.name(), labels);
        long[] cumulative = histogram.cumulativeCounts();
        for (int i = 0; i < cumulative.length; i++) {
            out.add(new Sample(bucketKey.with(TraceMetrics.LE, DurationHistogram.LE_LABELS.get(i)), now,
                    cumulative[i]));
        }
        out.add(new Sample(SeriesKey.of(sum.name(), labels), now, histogram.sum()));
        out.add(new Sample(SeriesKey.of(count.name(), labels), now, histogram.count()));
        double[] values = quantiles.quantiles(QUANTILES, now);
        if (values != null) {
            SeriesKey quantileKey = SeriesKey.of(quantile.name(), labels);
            for (int i = 0; i < values.length; i++) {
                out.add(new Sample(quantileKey.with(TraceMetrics.QUANTILE, QUANTILE_LABELS.get(i)), now,
                        values[i]));
            }
        }
    }

    /** The resource's non-empty string attribute, else the fallback. */
    private static String resourceText(ResourceSpans rs, String key, String fallback) {
        for (KeyValue kv : rs.getResource().getAttributesList()) {
            if (kv.getKey().equals(key) && kv.getValue().hasStringValue()
                    && !kv.getValue().getStringValue().isEmpty()) {
                return kv.getValue().getStringValue();
            }
        }
        return fallback;
    }

    /** Why a span cannot be used, naming it, or null when it can. */
    private static String problem(Span span) {
        String what = "span '" + span.getName() + "'";
        if (span.getTraceId().size() != TRACE_ID_BYTES) {
            return what + " has a trace id of " + span.getTraceId().size() + " bytes, not 16";
        }
        what += " (trace " + TraceSpan.hex(span.getTraceId()) + ")";
        if (span.getSpanId().size() != SPAN_ID_BYTES) {
            return what + " has a span id of " + span.getSpanId().size() + " bytes, not 8";
        }
        if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != SPAN_ID_BYTES) {
            return what + " has a parent span id of " + span.getParentSpanId().size() + " bytes, not 8";
        }
        if (span.getStartTimeUnixNano() == 0) {
            return what + " has no start time";
        }
        if (Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
            return what + " ends before it starts";
        }
        if (span.getEndTimeUnixNano() < 0) {
            return what + " has an end time beyond the year 2262";
        }
        return null;
    }

    /** One series family; {@code site} is empty for spans whose resource names none, and is then no label. */
    private record RouteKey(String service, String site, String route) {
        Map<String, String> labels() {
            return site.isEmpty() ? Map.of(TraceMetrics.SERVICE, service, TraceMetrics.ROUTE, route)
                    : Map.of(TraceMetrics.SERVICE, service, TraceMetrics.SITE, site, TraceMetrics.ROUTE, route);
        }
    }

    private record PendingEntry(TraceSpan span, RouteKey route, long arrivedMillis) {
    }

    private static final class IndexedTrace {
        private final List<TraceSpan> spans = new ArrayList<>(4);
        private long lastSeenMillis;
    }

    private static final class RouteSli {
        private final DurationHistogram duration = new DurationHistogram();
        private final SlidingQuantiles quantiles;
        private final Map<String, SegmentSli> segments = new HashMap<>();
        private long requests;
        private long errors;
        private long lastUpdateMillis;

        RouteSli(SpanSliLimits limits, long slotMillis) {
            this.quantiles = new SlidingQuantiles(slotMillis, limits.windowSlots());
        }
    }

    private static final class SegmentSli {
        private final DurationHistogram duration = new DurationHistogram();
        private final SlidingQuantiles quantiles;
        private long lastUpdateMillis;

        SegmentSli(SpanSliLimits limits, long slotMillis) {
            this.quantiles = new SlidingQuantiles(slotMillis, limits.windowSlots());
        }
    }
}
