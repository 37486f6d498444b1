package org.dcsuite.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.dcsuite.core.config.TracingConfig;
import org.junit.jupiter.api.Test;

class SelfTracingTest {

    @Test
    void withoutAnEndpointTracingIsANoOp() {
        try (SelfTracing tracing = SelfTracing.start(TracingConfig.DEFAULT)) {
            Span span = tracing.tracer().spanBuilder("collector.poll").startSpan();
            assertThat(span.getSpanContext().isValid()).isFalse();
            span.end();
        }
    }

    @Test
    void withAnEndpointSpansReachItOverOtlpHttpWithTheServiceName() throws Exception {
        List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            InputStream in = new ByteArrayInputStream(body);
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            received.add(ExportTraceServiceRequest.parseFrom(in));
            byte[] ok = new byte[0];
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
            try (SelfTracing tracing = SelfTracing.start(new TracingConfig(Optional.of(endpoint), "dcsuite-test"))) {
                Span span = tracing.tracer().spanBuilder("store.append").startSpan();
                span.setAttribute("samples", 42L);
                span.end();
            }

            assertThat(received).hasSize(1);
            var resourceSpans = received.get(0).getResourceSpans(0);
            assertThat(resourceSpans.getResource().getAttributesList())
                    .anySatisfy(kv -> {
                        assertThat(kv.getKey()).isEqualTo("service.name");
                        assertThat(kv.getValue().getStringValue()).isEqualTo("dcsuite-test");
                    });
            var span = resourceSpans.getScopeSpans(0).getSpans(0);
            assertThat(span.getName()).isEqualTo("store.append");
            assertThat(resourceSpans.getScopeSpans(0).getScope().getName()).isEqualTo(SelfTracing.SCOPE);
        } finally {
            server.stop(0);
        }
    }
}
