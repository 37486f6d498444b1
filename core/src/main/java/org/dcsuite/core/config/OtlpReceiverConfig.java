package org.dcsuite.core.config;

import java.util.List;

/**
 * {@code receivers.otlp}: the OTLP/HTTP receiver ({@code POST /v1/traces}) that turns spans into SLI series.
 *
 * @param enabled  whether {@code dcsuite run} listens
 * @param port     the HTTP port; 0 picks a free one (tests)
 * @param segments rules mapping spans to latency segments, tried before the built-in defaults, first match wins
 */
public record OtlpReceiverConfig(boolean enabled, int port, List<SpanSegmentRule> segments) {

    /** OTLP/HTTP's registered port. */
    public static final int DEFAULT_PORT = 4318;
    /** On, on 4318, with the built-in segment rules only. */
    public static final OtlpReceiverConfig DEFAULT = new OtlpReceiverConfig(true, DEFAULT_PORT, List.of());

    public OtlpReceiverConfig {
        Ports.check("receivers.otlp.port", port);
        segments = List.copyOf(segments);
    }
}
