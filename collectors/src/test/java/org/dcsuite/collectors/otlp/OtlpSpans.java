package org.dcsuite.collectors.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;

/** Builds OTLP protobuf spans for tests, with times in milliseconds from a fixed epoch. */
final class OtlpSpans {

    /** 2026-11-24T00:00:00Z in epoch nanoseconds. */
    static final long BASE_NANOS = 1_795_478_400_000_000_000L;
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private OtlpSpans() {
    }

    static Span.Builder span(String trace, String id, String parent, String name, Span.SpanKind kind, long startMs,
            long endMs) {
        Span.Builder b = Span.newBuilder().setTraceId(id(trace)).setSpanId(id(id)).setName(name).setKind(kind)
                .setStartTimeUnixNano(BASE_NANOS + startMs * 1_000_000L)
                .setEndTimeUnixNano(BASE_NANOS + endMs * 1_000_000L);
        if (parent != null) {
            b.setParentSpanId(id(parent));
        }
        return b;
    }

    static Span.Builder server(String id, String route, long startMs, long endMs) {
        return span(TRACE, id, null, "GET " + route, Span.SpanKind.SPAN_KIND_SERVER, startMs, endMs)
                .addAttributes(attr("http.route", route));
    }

    static Span.Builder child(String id, String parent, String name, Span.SpanKind kind, long startMs, long endMs) {
        return span(TRACE, id, parent, name, kind, startMs, endMs);
    }

    static Span.Builder error(Span.Builder span) {
        return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static ExportTraceServiceRequest request(String service, Span.Builder... spans) {
        return request(service, null, spans);
    }

    /** One resource's spans; {@code service} and {@code site} become resource attributes unless null. */
    static ExportTraceServiceRequest request(String service, String site, Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span.Builder s : spans) {
            scope.addSpans(s);
        }
        Resource.Builder resource = Resource.newBuilder();
        if (service != null) {
            resource.addAttributes(attr("service.name", service));
        }
        if (site != null) {
            resource.addAttributes(attr(TraceMetrics.SITE_ATTRIBUTE, site));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build();
    }

    static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    /** The samples as a map from series to value, in series order. */
    static Map<SeriesKey, Double> values(List<Sample> samples) {
        Map<SeriesKey, Double> map = new TreeMap<>();
        for (Sample s : samples) {
            map.put(s.series(), s.value());
        }
        return map;
    }

    static SeriesKey key(String metric, String service, String route, String... more) {
        SeriesKey key = SeriesKey.of(metric, TraceMetrics.SERVICE, service, TraceMetrics.ROUTE, route);
        for (int i = 0; i < more.length; i += 2) {
            key = key.with(more[i], more[i + 1]);
        }
        return key;
    }
}
