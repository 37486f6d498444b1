package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.MeterState;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ServerState;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PowerChainTest {

    private MutableClock clock;
    private SimulatedFleet fleet;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(TestSites.MIDNIGHT);
        fleet = new SimulatedFleet(List.of(TestSites.site()), 42, clock);
        clock.advance(Duration.ofHours(14));
    }

    @Test
    void buildsEveryDeviceButOthersWithTheirKinds() {
        assertThat(fleet.deviceIds()).hasSize(8 + 4 + 1 + 2 + 1).doesNotContain("door-sensor");
        assertThat(fleet.kind("r01-srv-1")).contains(DeviceKind.SERVER);
        assertThat(fleet.kind("r02-pdu-b")).contains(DeviceKind.PDU);
        assertThat(fleet.kind("crac-2")).contains(DeviceKind.COOLING);
        assertThat(fleet.kind("door-sensor")).isEmpty();
        assertThatThrownBy(() -> fleet.server("r01-pdu-a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r01-pdu-a");
    }

    @Test
    void pduPowerIsTheSumOfItsOutletsAndPhasesOfTheirOutlets() {
        for (String id : TestSites.PDUS) {
            PduState pdu = fleet.pdu(id);
            assertThat(pdu.powerW()).isPositive()
                    .isCloseTo(pdu.outlets().stream().mapToDouble(PduState.Outlet::powerW).sum(), within(1e-9));
            assertThat(pdu.phases()).hasSize(3);
            for (PduState.Phase phase : pdu.phases()) {
                List<PduState.Outlet> onPhase = pdu.outlets().stream().filter(o -> o.phase().equals(phase.id())).toList();
                assertThat(phase.currentA()).isCloseTo(onPhase.stream().mapToDouble(PduState.Outlet::currentA).sum(),
                        within(1e-9));
                assertThat(phase.powerW()).isCloseTo(onPhase.stream().mapToDouble(PduState.Outlet::powerW).sum(),
                        within(1e-9));
                assertThat(phase.voltageV()).isBetween(228.0, 232.0);
                assertThat(phase.currentA()).isLessThan(0.8 * phase.breakerRatingA());
            }
            for (PduState.Outlet o : pdu.outlets()) {
                assertThat(o.currentA()).isCloseTo(o.powerW() / (pdu.phases().get(0).voltageV() * 0.95), within(1e-9));
            }
        }
    }

    @Test
    void serverPsusAreTheOutletsOfTheirRackPdus() {
        ServerState server = fleet.server("r01-srv-3");
        PduState a = fleet.pdu("r01-pdu-a");
        PduState b = fleet.pdu("r01-pdu-b");
        assertThat(server.powerState()).isEqualTo(ServerState.PowerState.ON);
        assertThat(server.psus().get(0).inputW()).isPositive().isEqualTo(a.outlets().get(2).powerW());
        assertThat(server.psus().get(1).inputW()).isPositive().isEqualTo(b.outlets().get(2).powerW());
        assertThat(a.outlets().get(2).phase()).isEqualTo("L3");
        assertThat(server.inputPowerW()).isEqualTo(server.psus().get(0).inputW() + server.psus().get(1).inputW());
        for (ServerState.Psu psu : server.psus()) {
            assertThat(psu.outputW() / psu.inputW()).isBetween(0.90, 0.94);
        }
        // Outlets beyond the rack's four servers are on but idle.
        assertThat(a.outlets()).hasSize(12);
        assertThat(a.outlets().get(4).powerW()).isZero();
    }

    @Test
    void upsOutputIsTheSumOfThePdusAndItsLossesAreFewPercent() {
        UpsState ups = fleet.ups(TestSites.UPS);
        double pdus = TestSites.PDUS.stream().mapToDouble(id -> fleet.pdu(id).powerW()).sum();
        assertThat(ups.outputPowerW()).isCloseTo(pdus, within(1e-9));
        double efficiency = ups.outputPowerW() / (ups.outputPowerW() + ups.lossesW());
        assertThat(efficiency).isBetween(0.90, 0.97);
        assertThat(ups.onBattery()).isFalse();
        assertThat(ups.batteryChargePercent()).isEqualTo(100.0);
    }

    @Test
    void meterSeesItPlusLossesPlusCoolingPlusOtherAndPueIsPlausible() {
        for (int hour = 0; hour < 24; hour += 3) {
            UpsState ups = fleet.ups(TestSites.UPS);
            double cooling = TestSites.COOLERS.stream().mapToDouble(id -> fleet.cooling(id).coolingPowerW()).sum();
            MeterState meter = fleet.meter(TestSites.METER);
            double expected = ups.outputPowerW() + ups.lossesW() + cooling + fleet.otherPowerW(TestSites.SITE);
            assertThat(meter.powerW()).isCloseTo(expected, within(1e-6));
            assertThat(meter.phases().stream().mapToDouble(MeterState.Phase::powerW).sum())
                    .isCloseTo(meter.powerW(), within(1e-6));
            assertThat(cooling).isPositive();
            double pue = meter.powerW() / ups.outputPowerW();
            assertThat(pue).isBetween(1.1, 2.0);
            clock.advance(Duration.ofHours(3));
        }
    }

    @Test
    void loadFollowsTheDailyProfile() {
        clock.set(TestSites.MIDNIGHT.plus(Duration.ofHours(3)));
        double night = fleet.ups(TestSites.UPS).outputPowerW();
        clock.set(TestSites.MIDNIGHT.plus(Duration.ofHours(15)));
        double afternoon = fleet.ups(TestSites.UPS).outputPowerW();
        assertThat(afternoon).isGreaterThan(1.3 * night);
    }
}
