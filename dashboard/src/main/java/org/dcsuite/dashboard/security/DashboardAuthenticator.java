package org.dcsuite.dashboard.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dcsuite.core.config.DashboardUser;
import org.dcsuite.core.security.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a login against the configured users, with failures rate-limited per user name and per client address
 * and logged with both, never with the password. Unknown names cost as much as known ones (a dummy hash is
 * checked), so response times do not reveal which names exist.
 */
public final class DashboardAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardAuthenticator.class);
    /** Longer names are cut in log lines so a pasted password or a flood cannot fill the log. */
    private static final int MAX_LOGGED_NAME = 64;

    private final Map<String, DashboardUser> users;
    private final LoginThrottle throttle;

    public DashboardAuthenticator(List<DashboardUser> users, Clock clock) {
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(DashboardUser::name, Function.identity()));
        this.throttle = new LoginThrottle(clock);
    }

    /**
     * Verifies one attempt.
     *
     * @param name     the name as typed
     * @param password the password as typed; cleared before this returns
     * @param address  the client's address, for rate limiting and the log
     */
    public LoginResult authenticate(String name, char[] password, String address) {
        Objects.requireNonNull(password, "password");
        try {
            String user = name == null ? "" : name.trim();
            String from = address == null ? "unknown" : address;
            String userKey = "user:" + user;
            String addressKey = "address:" + from;
            Duration locked = max(throttle.lockedFor(userKey), throttle.lockedFor(addressKey));
            if (!locked.isZero()) {
                LOG.warn("dashboard login refused for user '{}' from {}: locked for {} s after repeated failures",
                        loggable(user), from, locked.toSeconds());
                return new LoginResult.Locked(locked);
            }
            DashboardUser known = users.get(user);
            PasswordHash hash = known != null ? known.passwordHash() : DummyHash.INSTANCE;
            boolean matches = hash.matches(password);
            if (known != null && matches) {
                throttle.reset(userKey);
                throttle.reset(addressKey);
                LOG.info("dashboard login of user '{}' ({}) from {}", user, known.role().id(), from);
                return new LoginResult.Success(new DashboardPrincipal(user, known.role()));
            }
            int userFailures = throttle.recordFailure(userKey);
            int addressFailures = throttle.recordFailure(addressKey);
            LOG.warn("dashboard login failed for user '{}' from {} ({} recent failures for this user, {} from this "
                    + "address)", loggable(user), from, userFailures, addressFailures);
            return new LoginResult.Rejected();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The configured users as name and role, sorted by name: what may be shown of them (never a hash). */
    public List<DashboardPrincipal> configuredUsers() {
        return users.values().stream().map(u -> new DashboardPrincipal(u.name(), u.role()))
                .sorted(Comparator.comparing(DashboardPrincipal::name)).toList();
    }

    /** Strips control characters (no forged log lines) and cuts long names. */
    static String loggable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_LOGGED_NAME ? clean : clean.substring(0, MAX_LOGGED_NAME) + "...";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Created on first use: hashing at the default strength takes a noticeable fraction of a second. */
    private static final class DummyHash {
        static final PasswordHash INSTANCE = PasswordHash.create("dcsuite-dummy-password".toCharArray());
    }
}
