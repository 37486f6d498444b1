package org.dcsuite.simulator.redfish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of one BMC: random tokens, an idle timeout and a limit on simultaneous sessions, as real BMCs
 * have, so a client that forgets to delete its sessions is noticed in a demo instead of in a data centre.
 * Tokens live only here and in the login answer; they are never logged.
 */
final class SimRedfishSessions {

    /** One session; {@code lastUsed} is refreshed by every authenticated request. */
    static final class Session {
        final String id;
        final String token;
        final String userName;
        final Instant created;
        volatile Instant lastUsed;

        Session(String id, String token, String userName, Instant created) {
            this.id = id;
            this.token = token;
            this.userName = userName;
            this.created = created;
            this.lastUsed = created;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration timeout;
    private final int limit;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    SimRedfishSessions(Clock clock, Duration timeout, int limit) {
        this.clock = clock;
        this.timeout = timeout;
        this.limit = limit;
    }

    Duration timeout() {
        return timeout;
    }

    /** A new session, or empty when the limit of live sessions is reached. */
    synchronized Optional<Session> create(String userName) {
        expire();
        if (byId.size() >= limit) {
            return Optional.empty();
        }
        Session s = new Session(random(8), random(24), userName, clock.instant());
        byId.put(s.id, s);
        return Optional.of(s);
    }

    /** The live session holding this token, refreshed; empty for an unknown or expired token. */
    Optional<Session> byToken(String token) {
        Instant now = clock.instant();
        for (Session s : byId.values()) {
            // Compared in constant time so the answer time says nothing about how much of a token was right.
            if (MessageDigest.isEqual(s.token.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                if (expired(s, now)) {
                    byId.remove(s.id);
                    return Optional.empty();
                }
                s.lastUsed = now;
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    Optional<Session> byId(String id) {
        Session s = byId.get(id);
        return s == null || expired(s, clock.instant()) ? Optional.empty() : Optional.of(s);
    }

    boolean delete(String id) {
        return byId.remove(id) != null;
    }

    /** Live sessions, oldest first. */
    List<Session> list() {
        expire();
        List<Session> all = new ArrayList<>(byId.values());
        all.sort((a, b) -> a.created.compareTo(b.created));
        return all;
    }

    private void expire() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
    }

    private boolean expired(Session s, Instant now) {
        return !s.lastUsed.plus(timeout).isAfter(now);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
