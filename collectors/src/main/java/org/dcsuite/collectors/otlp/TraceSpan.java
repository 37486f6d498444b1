package org.dcsuite.collectors.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One received span, reduced to what the SLI aggregation needs. Attributes stay the decoded protobuf list (spans
 * carry few) and are searched on demand, so ingesting a span copies nothing.
 *
 * @param traceId      16 bytes
 * @param spanId       8 bytes
 * @param parentSpanId 8 bytes, or empty for a root span
 * @param service      the resource's {@code service.name}
 * @param site         the resource's {@code dcsuite.site}, or empty when it has none
 * @param name         the span name
 * @param kind         the span kind as segment rules name it ({@code server}, {@code client}, ...)
 * @param startNanos   start, epoch nanoseconds
 * @param endNanos     end, epoch nanoseconds, not before the start
 * @param statusError  whether the span's status is ERROR
 * @param attributes   the span's attributes
 */
record TraceSpan(ByteString traceId, ByteString spanId, ByteString parentSpanId, String service, String site,
        String name, String kind, long startNanos, long endNanos, boolean statusError, List<KeyValue> attributes) {

    /** The kind of spans whose kind is missing or unknown. */
    static final String UNSPECIFIED_KIND = "unspecified";

    static TraceSpan of(String service, String site, Span span) {
        return new TraceSpan(span.getTraceId(), span.getSpanId(), span.getParentSpanId(), service, site, span.getName(),
                kindName(span.getKindValue()), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR, span.getAttributesList());
    }

    /**
     * Whether the span starts a unit of work in its service: a server or consumer span, or a span without parent.
     */
    boolean isEntry() {
        return kind.equals("server") || kind.equals("consumer") || parentSpanId.isEmpty();
    }

    long durationNanos() {
        return endNanos - startNanos;
    }

    /** The attribute's value, or null when the span does not carry it. */
    AnyValue attribute(String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }

    /** The attribute's value as text (numbers and booleans printed, arrays joined by commas), or null. */
    String attributeText(String key) {
        AnyValue value = attribute(key);
        return value == null ? null : text(value);
    }

    /** The attribute as an integer when it is one or is a decimal string, else -1. */
    long attributeLong(String key) {
        AnyValue value = attribute(key);
        if (value == null) {
            return -1;
        }
        return switch (value.getValueCase()) {
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> (long) value.getDoubleValue();
            case STRING_VALUE -> {
                try {
                    yield Long.parseLong(value.getStringValue().trim());
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
            default -> -1;
        };
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(TraceSpan::text)
                    .collect(Collectors.joining(","));
            default -> "";
        };
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case Span.SpanKind.SPAN_KIND_INTERNAL_VALUE -> "internal";
            case Span.SpanKind.SPAN_KIND_SERVER_VALUE -> "server";
            case Span.SpanKind.SPAN_KIND_CLIENT_VALUE -> "client";
            case Span.SpanKind.SPAN_KIND_PRODUCER_VALUE -> "producer";
            case Span.SpanKind.SPAN_KIND_CONSUMER_VALUE -> "consumer";
            default -> UNSPECIFIED_KIND;
        };
    }

    /** Hex of an id, for error messages, as the OTLP JSON encoding writes it. */
    static String hex(ByteString id) {
        StringBuilder sb = new StringBuilder(id.size() * 2);
        for (int i = 0; i < id.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%02x", id.byteAt(i)));
        }
        return sb.toString();
    }
}
