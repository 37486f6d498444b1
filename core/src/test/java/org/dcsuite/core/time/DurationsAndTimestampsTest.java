package org.dcsuite.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsAndTimestampsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void durationsInPrometheusSyntax() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    }

    @Test
    void badDurationsSayWhatIsAccepted() {
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageStartingWith("invalid duration '5 minutes'");
        assertThatThrownBy(() -> Durations.parse("30m1h")).hasMessageContaining("largest to smallest");
        assertThatThrownBy(() -> Durations.parsePositive("0s")).hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("empty duration");
    }

    @Test
    void timesInEveryAcceptedForm() {
        assertThat(Timestamps.parse("2026-11-24T10:00:00Z", clock)).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(Timestamps.parse("2026-11-24T11:00:00+01:00", clock)).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(Timestamps.parse("1764000000", clock)).isEqualTo(Instant.ofEpochSecond(1_764_000_000L));
        assertThat(Timestamps.parse("1764000000.123", clock)).isEqualTo(Instant.ofEpochMilli(1_764_000_000_123L));
        assertThat(Timestamps.parse("now", clock)).isEqualTo(clock.instant());
        assertThat(Timestamps.parse("now-1h", clock)).isEqualTo(clock.instant().minusSeconds(3600));
        assertThatThrownBy(() -> Timestamps.parse("yesterday", clock)).hasMessageStartingWith("invalid time 'yesterday'");
    }

    @Test
    void mutableClockMovesOnlyWhenTold() {
        Instant start = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(300));
    }
}
