package org.dcsuite.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tracing} section of {@code dcsuite.yaml}: dcsuite's own spans (poll cycles, store writes), exported
 * over OTLP/HTTP when an endpoint is given. Off by default.
 *
 * @param otlpEndpoint where spans go, e.g. {@code http://tempo:4318/v1/traces}; empty turns tracing off
 * @param serviceName  the {@code service.name} resource attribute
 */
public record TracingConfig(Optional<URI> otlpEndpoint, String serviceName) {

    public static final String DEFAULT_SERVICE_NAME = "dcsuite";
    public static final TracingConfig DEFAULT = new TracingConfig(Optional.empty(), DEFAULT_SERVICE_NAME);

    public TracingConfig {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        Objects.requireNonNull(serviceName, "serviceName");
    }

    public boolean enabled() {
        return otlpEndpoint.isPresent();
    }
}
