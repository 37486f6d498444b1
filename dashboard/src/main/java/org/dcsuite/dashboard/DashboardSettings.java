package org.dcsuite.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.dcsuite.core.config.DashboardConfig;
import org.dcsuite.core.config.DashboardUser;

/**
 * How the dashboard is served: where it listens, who may log in and how long an idle session lives.
 *
 * @param bindAddress     the address Jetty listens on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port            the HTTP port; 0 picks a free one (see {@link DashboardServer#port()})
 * @param sessionTimeout  how long a session without requests stays logged in; an open tab keeps its session alive
 *                        through Vaadin's heartbeat, so a NOC screen stays logged in while a closed tab expires
 * @param users           who may log in, with role and password hash
 * @param clock           the time source for login lock-outs, staleness and "last poll" ages
 * @param demoCredentials shows a banner on the login page saying the configured users are public demo credentials
 */
public record DashboardSettings(String bindAddress, int port, Duration sessionTimeout, List<DashboardUser> users,
        Clock clock, boolean demoCredentials) {

    /** Every interface, as {@code dcsuite run} binds its API. */
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    public DashboardSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dashboard port " + port + " out of range 0-65535");
        }
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (sessionTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("session timeout must be at least 1 s, got " + sessionTimeout);
        }
        users = List.copyOf(users);
        Objects.requireNonNull(clock, "clock");
    }

    /** Settings from the configuration's {@code dashboard} section. */
    public static DashboardSettings from(DashboardConfig config, String bindAddress, Clock clock,
            boolean demoCredentials) {
        return new DashboardSettings(bindAddress, config.port(), config.sessionTimeout(), config.users(), clock,
                demoCredentials);
    }
}
