package org.dcsuite.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void locksAfterTheLimitWithAGrowingDelayUpToTheMaximum() {
        for (int i = 1; i < LoginThrottle.FAILURES_BEFORE_LOCK; i++) {
            throttle.recordFailure("user:a");
            assertThat(throttle.lockedFor("user:a")).isZero();
        }
        throttle.recordFailure("user:a");
        assertThat(throttle.lockedFor("user:a")).isEqualTo(LoginThrottle.FIRST_LOCK);
        throttle.recordFailure("user:a");
        assertThat(throttle.lockedFor("user:a")).isEqualTo(LoginThrottle.FIRST_LOCK.multipliedBy(2));
        assertThat(LoginThrottle.lockDuration(100)).isEqualTo(LoginThrottle.MAX_LOCK);
        assertThat(throttle.lockedFor("user:b")).isZero();
    }

    @Test
    void theLockExpiresAndSuccessForgetsFailures() {
        for (int i = 0; i < LoginThrottle.FAILURES_BEFORE_LOCK; i++) {
            throttle.recordFailure("address:10.0.0.1");
        }
        clock.advance(LoginThrottle.FIRST_LOCK.plus(Duration.ofSeconds(1)));
        assertThat(throttle.lockedFor("address:10.0.0.1")).isZero();
        throttle.reset("address:10.0.0.1");
        assertThat(throttle.recordFailure("address:10.0.0.1")).isEqualTo(1);
    }

    @Test
    void oldEntriesAreForgotten() {
        throttle.recordFailure("user:old");
        clock.advance(LoginThrottle.FORGET_AFTER.plus(Duration.ofMinutes(1)));
        throttle.recordFailure("user:new");
        assertThat(throttle.recordFailure("user:old")).isEqualTo(1);
    }

    @Test
    void logLinesCannotBeForged() {
        assertThat(DashboardAuthenticator.loggable("eve\nINFO fake")).isEqualTo("eve?INFO fake");
        assertThat(DashboardAuthenticator.loggable("x".repeat(100))).hasSize(67);
    }
}
