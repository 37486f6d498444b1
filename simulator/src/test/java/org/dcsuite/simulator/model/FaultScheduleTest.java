package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    @Test
    void timedWireFaultsStartAndEndByThemselvesAndCombine() {
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        FaultSchedule faults = new FaultSchedule(clock);
        faults.down("pdu-1", FaultWindow.between(TestSites.MIDNIGHT.plusSeconds(60), Duration.ofMinutes(2)));
        faults.slow("pdu-1", Duration.ofMillis(300), FaultWindow.lasting(Duration.ofMinutes(5)));
        faults.authFailure("srv-1", FaultWindow.untilCleared());

        assertThat(faults.current("pdu-1")).isEqualTo(
                new ProtocolFaults.Active(false, Duration.ofMillis(300), false, false));
        clock.advance(Duration.ofSeconds(90));
        assertThat(faults.current("pdu-1").down()).isTrue();
        assertThat(faults.current("pdu-1").latency()).isEqualTo(Duration.ofMillis(300));
        clock.advance(Duration.ofMinutes(2));
        assertThat(faults.current("pdu-1").down()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(faults.current("pdu-1")).isEqualTo(ProtocolFaults.Active.NONE);
        assertThat(faults.current("srv-1").authFailure()).isTrue();
        assertThat(faults.current("other")).isEqualTo(ProtocolFaults.Active.NONE);
        faults.clear("srv-1");
        assertThat(faults.current("srv-1").any()).isFalse();
    }

    @Test
    void speedClockRunsFasterThanItsRealClock() {
        MutableClock real = new MutableClock(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        SpeedClock sim = new SpeedClock(TestSites.MIDNIGHT, 60, real);
        assertThat(sim.instant()).isEqualTo(TestSites.MIDNIGHT);
        real.advance(Duration.ofSeconds(90));
        assertThat(sim.instant()).isEqualTo(TestSites.MIDNIGHT.plus(Duration.ofMinutes(90)));
    }
}
