package org.dcsuite.core.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code dashboard} section of {@code dcsuite.yaml}: the web UI {@code dcsuite run} serves.
 *
 * @param port           the UI's HTTP port; 0 picks a free one (tests)
 * @param sessionTimeout how long an idle session stays logged in
 * @param users          who may log in, with their role and password hash
 */
public record DashboardConfig(int port, Duration sessionTimeout, List<DashboardUser> users) {

    public static final int DEFAULT_PORT = 8080;
    /** Thirty minutes idle, as most consoles do; NOC screens stay logged in because live push keeps them active. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);
    /** Port 8080, 30-minute sessions, no users (nobody can log in until users are configured). */
    public static final DashboardConfig DEFAULT = new DashboardConfig(DEFAULT_PORT, DEFAULT_SESSION_TIMEOUT, List.of());

    public DashboardConfig {
        Ports.check("dashboard.port", port);
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        users = List.copyOf(users);
        Set<String> names = new HashSet<>();
        for (DashboardUser u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("duplicate user '" + u.name() + "'");
            }
        }
    }
}
