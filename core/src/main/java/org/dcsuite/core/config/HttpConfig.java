package org.dcsuite.core.config;

import java.util.List;

/**
 * The {@code http} section of {@code dcsuite.yaml}.
 *
 * @param port      the API and metrics port; 0 picks a free port (tests)
 * @param apiTokens bearer tokens accepted on {@code /api} and {@code /metrics}; empty means {@code dcsuite run} generates one and keeps it in an {@code api-token} file beside the store
 */
public record HttpConfig(int port, List<Secret> apiTokens) {

    public static final int DEFAULT_PORT = 8081;

    /** Port 8081, no tokens. */
    public static final HttpConfig DEFAULT = new HttpConfig(DEFAULT_PORT, List.of());

    public HttpConfig {
        Ports.check("http.port", port);
        apiTokens = List.copyOf(apiTokens);
    }
}
