package org.dcsuite.collectors.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dcsuite.core.config.SpanSegmentRule;

/**
 * Maps a span to the latency segment it spends its time in, trying the configured rules first and then
 * {@link #DEFAULT_RULES}; the first rule whose every condition holds wins. A span no rule maps (or one mapped to
 * {@link #APP}) is the application's own time. Immutable and thread-safe.
 */
final class SpanSegmentMapper {

    /** The segment of the entry span's own time: its duration minus the mapped descendants' durations. */
    static final String APP = "app";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

    /**
     * The built-in rules, in the order they are tried. Attribute rules come first because the semantic conventions
     * make them exact ({@code db.system}); name rules match whole words so {@code connection pool} is not
     * {@code connect}; HTTP and RPC client calls to other services come last, so a call named after a token
     * endpoint counts as {@code auth}.
     */
    static final List<SpanSegmentRule> DEFAULT_RULES = List.of(
            attribute("storage", "db.system"),
            attribute("storage", "db.system.name"),
            new SpanSegmentRule("storage", Optional.empty(), Optional.of("producer"),
                    Optional.of("messaging.system"), Optional.empty()),
            new SpanSegmentRule("storage", Optional.empty(), Optional.of("client"),
                    Optional.of("messaging.system"), Optional.empty()),
            name("dns", ".*\\b(dns|getaddrinfo|resolve|nslookup)\\b.*"),
            attribute("dns", "dns.question.name"),
            name("connect", ".*\\b(connect|tls|ssl|handshake)\\b.*"),
            name("auth", ".*\\b(auth|authn|authz|authenticate|authentication|authorize|authorization|login|logon"
                    + "|signin|token|oauth|oauth2|oidc|jwt)\\b.*"),
            name("render", ".*\\b(render|rendering|template|view)\\b.*"),
            new SpanSegmentRule("downstream", Optional.empty(), Optional.of("client"),
                    Optional.of("http.request.method"), Optional.empty()),
            new SpanSegmentRule("downstream", Optional.empty(), Optional.of("client"),
                    Optional.of("http.method"), Optional.empty()),
            new SpanSegmentRule("downstream", Optional.empty(), Optional.of("client"),
                    Optional.of("rpc.system"), Optional.empty()));

    private final List<SpanSegmentRule> rules;

    SpanSegmentMapper(List<SpanSegmentRule> userRules) {
        List<SpanSegmentRule> all = new ArrayList<>(userRules);
        all.addAll(DEFAULT_RULES);
        this.rules = List.copyOf(all);
    }

    /** The segment of the first matching rule, or {@link #APP} when none matches. */
    String segmentOf(TraceSpan span) {
        for (SpanSegmentRule rule : rules) {
            if (matches(rule, span)) {
                return rule.segment();
            }
        }
        return APP;
    }

    private static boolean matches(SpanSegmentRule rule, TraceSpan span) {
        if (rule.spanKind().isPresent() && !rule.spanKind().get().equals(span.kind())) {
            return false;
        }
        if (rule.spanName().isPresent() && !rule.spanName().get().matcher(span.name()).matches()) {
            return false;
        }
        if (rule.attribute().isPresent()) {
            String value = span.attributeText(rule.attribute().get());
            if (value == null) {
                return false;
            }
            return rule.attributeValue().isEmpty() || rule.attributeValue().get().matcher(value).matches();
        }
        return true;
    }

    private static SpanSegmentRule attribute(String segment, String attribute) {
        return new SpanSegmentRule(segment, Optional.empty(), Optional.empty(), Optional.of(attribute),
                Optional.empty());
    }

    private static SpanSegmentRule name(String segment, String regex) {
        return new SpanSegmentRule(segment, Optional.of(Pattern.compile(regex, FLAGS)), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
