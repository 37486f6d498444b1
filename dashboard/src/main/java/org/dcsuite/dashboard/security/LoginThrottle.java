package org.dcsuite.dashboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts login failures per key (a user name or a client address) and locks a key after
 * {@link #FAILURES_BEFORE_LOCK} failures, for a time that doubles with every further failure, up to
 * {@link #MAX_LOCK}. Slows password guessing against one account and from one address without letting an
 * attacker lock everyone out for long. Thread-safe.
 */
final class LoginThrottle {

    /** Failures allowed before the key is locked: a user who mistypes a few times is never locked. */
    static final int FAILURES_BEFORE_LOCK = 5;
    /** The first lock; each failure while the count is at or above the limit doubles it. */
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    /** The longest lock, so a locked-out colleague waits at most this long. */
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** A key without failures for this long is forgotten, which also bounds the memory an attacker can use. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long the key stays locked; zero when it is not locked. */
    synchronized Duration lockedFor(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), e.lockedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records one failure and returns the failure count so far. */
    synchronized int recordFailure(String key) {
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.lastFailure.plus(FORGET_AFTER).isBefore(now) && !e.lockedUntil.isAfter(now));
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.failures++;
        e.lastFailure = now;
        if (e.failures >= FAILURES_BEFORE_LOCK) {
            e.lockedUntil = now.plus(lockDuration(e.failures));
        }
        return e.failures;
    }

    /** Forgets the key's failures after a successful login. */
    synchronized void reset(String key) {
        entries.remove(key);
    }

    /** {@link #FIRST_LOCK} at the limit, doubled for each failure beyond it, capped at {@link #MAX_LOCK}. */
    static Duration lockDuration(int failures) {
        int doublings = Math.min(failures - FAILURES_BEFORE_LOCK, 20);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private static final class Entry {
        int failures;
        Instant lastFailure = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;
    }
}
