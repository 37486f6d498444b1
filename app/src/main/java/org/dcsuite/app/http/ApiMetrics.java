package org.dcsuite.app.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The API's own meters: {@code dcsuite.api.requests} (by endpoint, method and status) and
 * {@code dcsuite.store.query.duration} (by operation and outcome). Endpoints are a fixed set, so a client
 * requesting random paths cannot blow up the number of series.
 */
public final class ApiMetrics {

    private static final Pattern LABEL_VALUES = Pattern.compile("/api/v1/label/[^/]+/values");

    private final MeterRegistry registry;

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one finished request. */
    public void request(String path, String method, int status, long nanos) {
        Timer.builder("dcsuite.api.requests")
                .description("HTTP API requests by endpoint and status")
                .tag("endpoint", endpoint(path))
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one store call made for a request. */
    public void storeCall(String operation, boolean success, long nanos) {
        Timer.builder("dcsuite.store.query.duration")
                .description("Time spent in the telemetry store answering API requests")
                .tag("operation", operation)
                .tag("outcome", success ? "success" : "error")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    static String endpoint(String path) {
        if (path == null) {
            return "other";
        }
        return switch (path) {
            case "/health", "/metrics", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels" -> path;
            default -> LABEL_VALUES.matcher(path).matches() ? "/api/v1/label/{name}/values" : "other";
        };
    }
}
