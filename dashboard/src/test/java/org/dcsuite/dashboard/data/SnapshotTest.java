package org.dcsuite.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Test
    void oneBuildServesEveryCallerUntilItIsTooOld() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        AtomicInteger builds = new AtomicInteger();
        Snapshot<Integer> snapshot = new Snapshot<>(clock, Duration.ofSeconds(5), builds::incrementAndGet);
        assertThat(snapshot.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(snapshot.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(snapshot.get()).isEqualTo(2);
        clock.set(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(snapshot.get()).as("a clock set back rebuilds").isEqualTo(3);
    }
}
