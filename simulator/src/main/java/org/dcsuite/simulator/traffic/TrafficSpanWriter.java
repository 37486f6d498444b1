package org.dcsuite.simulator.traffic;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Writes a simulated request as the spans an instrumented service would record: a SERVER entry span with
 * {@code http.route} and {@code http.response.status_code}, and one child per segment, named and attributed the way
 * the semantic conventions (and so the OTLP receiver's default segment rules) recognise it: a {@code db.system.name}
 * for storage, an HTTP client call for downstream, {@code dns}, {@code tls handshake}, {@code auth} and
 * {@code render} in span names. The service's own time is split before and after the children.
 */
final class TrafficSpanWriter {

    private TrafficSpanWriter() {
    }

    static void write(Tracer tracer, String service, SimulatedRequest request) {
        TrafficRoute route = request.route();
        long start = request.startNanos();
        Span entry = tracer.spanBuilder(route.method() + " " + route.route()).setSpanKind(SpanKind.SERVER)
                .setNoParent().setStartTimestamp(start, NANOSECONDS)
                .setAttribute("http.request.method", route.method())
                .setAttribute("http.route", route.route())
                .setAttribute("http.response.status_code", (long) request.status())
                .startSpan();
        if (request.failed()) {
            // Server spans answering 5xx have status ERROR, as the HTTP semantic conventions say.
            entry.setStatus(StatusCode.ERROR);
        }
        Context parent = Context.root().with(entry);
        long cursor = start + request.appNanos() / 2;
        for (SimulatedRequest.SegmentTime s : request.segments()) {
            child(tracer, parent, service, s.segment()).setStartTimestamp(cursor, NANOSECONDS).startSpan()
                    .end(cursor + s.nanos(), NANOSECONDS);
            cursor += s.nanos();
        }
        entry.end(start + request.durationNanos(), NANOSECONDS);
    }

    private static SpanBuilder child(Tracer tracer, Context parent, String service, TrafficSegment segment) {
        return switch (segment) {
            case DNS -> tracer.spanBuilder("dns lookup").setParent(parent).setSpanKind(SpanKind.INTERNAL)
                    .setAttribute("dns.question.name", service + "-db.internal");
            case CONNECT -> tracer.spanBuilder("tls handshake").setParent(parent).setSpanKind(SpanKind.INTERNAL);
            case AUTH -> tracer.spanBuilder("auth check").setParent(parent).setSpanKind(SpanKind.INTERNAL);
            case STORAGE -> tracer.spanBuilder("SELECT " + service).setParent(parent).setSpanKind(SpanKind.CLIENT)
                    .setAttribute("db.system.name", "postgresql").setAttribute("db.operation.name", "SELECT");
            case RENDER -> tracer.spanBuilder("render page").setParent(parent).setSpanKind(SpanKind.INTERNAL);
            case DOWNSTREAM -> tracer.spanBuilder("GET").setParent(parent).setSpanKind(SpanKind.CLIENT)
                    .setAttribute("http.request.method", "GET").setAttribute("server.address", service + "-backend");
            case APP -> throw new IllegalArgumentException("the app segment is the entry span's own time, not a child");
        };
    }
}
