package org.dcsuite.app.run;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.config.TracingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dcsuite's own spans (poll cycles, store writes): an OpenTelemetry SDK exporting over OTLP/HTTP when
 * {@code tracing.otlp_endpoint} is configured, a no-op otherwise, so instrumented code never checks.
 */
public final class SelfTracing implements AutoCloseable {

    /** Instrumentation scope of every dcsuite tracer. */
    public static final String SCOPE = "org.dcsuite";
    /**
     * Spans waiting for export. The SDK's default (2048) drops a burst silently (a fleet's poll cycles all end within
     * one interval), so it is sized for a few thousand devices' polls between exports.
     */
    static final int QUEUE_SIZE = 32_768;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SelfTracing.class);

    private final OpenTelemetry openTelemetry;
    private final Optional<OpenTelemetrySdk> sdk;

    private SelfTracing(OpenTelemetry openTelemetry, Optional<OpenTelemetrySdk> sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
    }

    /** Starts exporting to the configured endpoint, or returns a no-op when tracing is off. */
    public static SelfTracing start(TracingConfig config) {
        if (config.otlpEndpoint().isEmpty()) {
            return new SelfTracing(OpenTelemetry.noop(), Optional.empty());
        }
        String endpoint = config.otlpEndpoint().get().toString();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
        Resource resource = Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName())));
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(QUEUE_SIZE).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
        LOG.info("tracing: exporting dcsuite's spans to {} as service {}", endpoint, config.serviceName());
        return new SelfTracing(sdk, Optional.of(sdk));
    }

    /** The tracer instrumented code uses. */
    public Tracer tracer() {
        return openTelemetry.getTracer(SCOPE);
    }

    /** Exports what is queued (bounded in time), then stops. */
    @Override
    public void close() {
        sdk.ifPresent(s -> {
            var result = s.shutdown().join(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!result.isSuccess()) {
                LOG.warn("tracing: some spans could not be exported at shutdown");
            }
        });
    }
}
