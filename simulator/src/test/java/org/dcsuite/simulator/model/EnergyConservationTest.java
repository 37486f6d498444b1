package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.Test;

class EnergyConservationTest {

    @Test
    void facilityEnergyOverADayIsItPlusLossesPlusCoolingPlusOther() {
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(List.of(TestSites.site()), 7, clock);
        double meterStart = fleet.meter(TestSites.METER).energyImportedJ();
        double pduStart = TestSites.PDUS.stream().mapToDouble(id -> fleet.pdu(id).energyJ()).sum();
        double other = fleet.otherPowerW(TestSites.SITE);
        double itJ = 0;
        double lossesJ = 0;
        double coolingJ = 0;
        double otherJ = 0;
        double pduSumJ = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            UpsState ups = fleet.ups(TestSites.UPS);
            itJ += ups.outputPowerW() * 60;
            lossesJ += ups.lossesW() * 60;
            coolingJ += TestSites.COOLERS.stream().mapToDouble(id -> fleet.cooling(id).coolingPowerW()).sum() * 60;
            otherJ += other * 60;
            pduSumJ += TestSites.PDUS.stream().mapToDouble(id -> fleet.pdu(id).powerW()).sum() * 60;
            clock.advance(Duration.ofMinutes(1));
        }
        double facilityJ = fleet.meter(TestSites.METER).energyImportedJ() - meterStart;
        double pduJ = TestSites.PDUS.stream().mapToDouble(id -> fleet.pdu(id).energyJ()).sum() - pduStart;

        assertThat(facilityJ).isCloseTo(itJ + lossesJ + coolingJ + otherJ, within(0.01 * facilityJ));
        assertThat(pduJ).isCloseTo(pduSumJ, within(0.01 * pduJ));
        assertThat(pduJ).isCloseTo(itJ, within(0.01 * pduJ));
        double pue = facilityJ / pduJ;
        assertThat(pue).isBetween(1.1, 2.0);
    }

    @Test
    void outletCountersAddUpToThePduCounter() {
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(List.of(TestSites.site()), 7, clock);
        clock.advance(Duration.ofHours(2));
        PduState pdu = fleet.pdu("r02-pdu-b");
        assertThat(pdu.energyJ()).isPositive()
                .isCloseTo(pdu.outlets().stream().mapToDouble(PduState.Outlet::energyJ).sum(), within(1e-6));
    }
}
