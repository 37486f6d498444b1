package org.dcsuite.app.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.dcsuite.core.config.Secret;

/**
 * What {@link DcsuiteServer} needs to start.
 *
 * @param clock           the time source for API defaults ({@code now}) and retention
 * @param bindAddress     the address to listen on ({@link #DEFAULT_BIND_ADDRESS}: every interface)
 * @param port            the port; 0 picks a free one
 * @param apiTokens       bearer tokens accepted on {@code /api} and {@code /metrics}; at least one
 * @param shutdownTimeout how long in-flight requests may take to finish on shutdown
 */
public record ServerSettings(Clock clock, String bindAddress, int port, List<Secret> apiTokens,
        Duration shutdownTimeout) {

    /** Every interface, as Prometheus does: the API is authenticated, and collectors run elsewhere. */
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    /** The API port; the dashboard takes 8080. */
    public static final int DEFAULT_PORT = 8081;
    /** Time given to in-flight requests on shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public ServerSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        apiTokens = List.copyOf(apiTokens);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 0-65535");
        }
        if (apiTokens.isEmpty()) {
            throw new IllegalArgumentException("at least one API token is needed");
        }
    }
}
