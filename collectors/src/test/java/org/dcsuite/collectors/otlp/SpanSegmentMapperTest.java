package org.dcsuite.collectors.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.collectors.otlp.OtlpSpans.attr;
import static org.dcsuite.collectors.otlp.OtlpSpans.child;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dcsuite.core.config.SpanSegmentRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpanSegmentMapperTest {

    private static final SpanSegmentMapper DEFAULTS = new SpanSegmentMapper(List.of());

    @ParameterizedTest(name = "{0} ({1}, {2}={3}) -> {4}")
    @CsvSource(nullValues = "-", value = {
        "SELECT orders,       client,   db.system,           postgresql,  storage",
        "GET,                 client,   db.system.name,      redis,       storage",
        "orders publish,      producer, messaging.system,    kafka,       storage",
        "orders send,         client,   messaging.system,    rabbitmq,    storage",
        "DNS lookup,          internal, -,                   -,           dns",
        "getaddrinfo,         internal, -,                   -,           dns",
        "query,               client,   dns.question.name,   example.com, dns",
        "TLS handshake,       internal, -,                   -,           connect",
        "connect,             internal, -,                   -,           connect",
        "connection pool get, internal, -,                   -,           app",
        "auth.verify,         internal, -,                   -,           auth",
        "POST /oauth/token,   client,   http.request.method, POST,        auth",
        "user login,          internal, -,                   -,           auth",
        "render invoice,      internal, -,                   -,           render",
        "template.execute,    internal, -,                   -,           render",
        "GET,                 client,   http.request.method, GET,         downstream",
        "GET,                 client,   http.method,         GET,         downstream",
        "Inventory/Reserve,   client,   rpc.system,          grpc,        downstream",
        "GET,                 server,   http.request.method, GET,         app",
        "compute totals,      internal, -,                   -,           app",
    })
    void defaultRulesMapSpansBySemanticConventionsAndNames(String name, String kind, String attribute, String value,
            String segment) {
        Span.Builder span = child("00f067aa0ba902b7", "00f067aa0ba902b8", name,
                SpanKind.valueOf("SPAN_KIND_" + kind.toUpperCase(java.util.Locale.ROOT)), 0, 1);
        if (attribute != null) {
            span.addAttributes(attr(attribute, value));
        }
        assertThat(DEFAULTS.segmentOf(TraceSpan.of("svc", "", span.build()))).isEqualTo(segment);
    }

    @Test
    void userRulesComeBeforeTheDefaults() {
        SpanSegmentRule cache = new SpanSegmentRule("cache", Optional.empty(), Optional.empty(),
                Optional.of("db.system"), Optional.of(Pattern.compile("redis|memcached")));
        SpanSegmentRule payment = new SpanSegmentRule("payment", Optional.of(Pattern.compile("charge .*")),
                Optional.of("client"), Optional.empty(), Optional.empty());
        SpanSegmentMapper mapper = new SpanSegmentMapper(List.of(cache, payment));

        TraceSpan redis = TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8", "GET",
                SpanKind.SPAN_KIND_CLIENT, 0, 1).addAttributes(attr("db.system", "redis")).build());
        TraceSpan postgres = TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8", "SELECT",
                SpanKind.SPAN_KIND_CLIENT, 0, 1).addAttributes(attr("db.system", "postgresql")).build());
        TraceSpan charge = TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8", "charge card",
                SpanKind.SPAN_KIND_CLIENT, 0, 1).addAttributes(attr("http.request.method", "POST")).build());
        TraceSpan internalCharge = TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8", "charge card",
                SpanKind.SPAN_KIND_INTERNAL, 0, 1).build());

        assertThat(mapper.segmentOf(redis)).isEqualTo("cache");
        assertThat(mapper.segmentOf(postgres)).isEqualTo("storage");
        assertThat(mapper.segmentOf(charge)).isEqualTo("payment");
        assertThat(mapper.segmentOf(internalCharge)).isEqualTo("app");
    }
}
