package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static List<Object> allStates(SimulatedFleet fleet) {
        return fleet.deviceIds().stream().<Object>map(id -> switch (fleet.kind(id).orElseThrow()) {
            case SERVER -> fleet.server(id);
            case PDU -> fleet.pdu(id);
            case UPS -> fleet.ups(id);
            case COOLING -> fleet.cooling(id);
            case METER -> fleet.meter(id);
            case OTHER -> throw new AssertionError(id);
        }).toList();
    }

    @Test
    void theSameSeedAndClockReadingsGiveEqualStatesAndAnotherSeedDiffers() {
        MutableClock c1 = new MutableClock(TestSites.MIDNIGHT);
        MutableClock c2 = new MutableClock(TestSites.MIDNIGHT);
        MutableClock c3 = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet a = new SimulatedFleet(List.of(TestSites.site()), 99, c1);
        SimulatedFleet b = new SimulatedFleet(List.of(TestSites.site()), 99, c2);
        SimulatedFleet other = new SimulatedFleet(List.of(TestSites.site()), 100, c3);
        for (int i = 0; i < 6; i++) {
            Duration d = Duration.ofMinutes(37).plusMillis(250);
            c1.advance(d);
            c2.advance(d);
            c3.advance(d);
            assertThat(allStates(a)).isEqualTo(allStates(b));
            assertThat(allStates(other)).isNotEqualTo(allStates(a));
        }
    }

    @Test
    void statesDoNotDependOnHowOftenTheModelIsRead() {
        MutableClock often = new MutableClock(TestSites.MIDNIGHT);
        MutableClock once = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet a = new SimulatedFleet(List.of(TestSites.site()), 1, often);
        SimulatedFleet b = new SimulatedFleet(List.of(TestSites.site()), 1, once);
        for (int i = 0; i < 600; i++) {
            often.advance(Duration.ofMillis(7300));
            a.server("r01-srv-1");
        }
        once.advance(Duration.ofMillis(7300 * 600));
        assertThat(allStates(b)).isEqualTo(allStates(a));
    }
}
