package org.dcsuite.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps spans to a latency segment ({@code dns}, {@code connect}, {@code auth}, {@code storage}, {@code render}, or
 * any name a team chooses) for the per-segment latency breakdown. A span matches when every condition given holds;
 * a rule needs at least one.
 *
 * @param segment        the segment's name, lowercase
 * @param spanName       the whole span name must match this regular expression
 * @param spanKind       {@code server}, {@code client}, {@code internal}, {@code producer} or {@code consumer}
 * @param attribute      the span must carry this attribute
 * @param attributeValue with {@code attribute}: its value (as text) must match this regular expression
 */
public record SpanSegmentRule(String segment, Optional<Pattern> spanName, Optional<String> spanKind,
        Optional<String> attribute, Optional<Pattern> attributeValue) {

    /** Span kinds as the rules name them (OTLP's {@code SPAN_KIND_*} without prefix, lowercase). */
    public static final List<String> SPAN_KINDS = List.of("server", "client", "internal",
            "producer", "consumer");
    private static final Pattern SEGMENT_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public SpanSegmentRule {
        Objects.requireNonNull(segment, "segment");
        if (!SEGMENT_NAME.matcher(segment).matches()) {
            throw new IllegalArgumentException("invalid segment name '" + segment
                    + "': use lowercase letters, digits and '_', starting with a letter");
        }
        Objects.requireNonNull(spanName, "spanName");
        Objects.requireNonNull(spanKind, "spanKind");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(attributeValue, "attributeValue");
        spanKind.filter(k -> !SPAN_KINDS.contains(k)).ifPresent(k -> {
            throw new IllegalArgumentException("unknown span kind '" + k + "': use " + String.join(", ", SPAN_KINDS));
        });
        if (attributeValue.isPresent() && attribute.isEmpty()) {
            throw new IllegalArgumentException("attribute_value needs attribute");
        }
        if (spanName.isEmpty() && spanKind.isEmpty() && attribute.isEmpty()) {
            throw new IllegalArgumentException("a segment rule needs span_name, span_kind or attribute");
        }
    }
}
