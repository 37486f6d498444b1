package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ServerState;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private MutableClock clock;
    private SimulatedFleet fleet;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(TestSites.MIDNIGHT);
        fleet = new SimulatedFleet(List.of(TestSites.site()), 11, clock);
        clock.advance(Duration.ofHours(10));
    }

    private double it() {
        return TestSites.servers().stream().mapToDouble(id -> fleet.server(id).inputPowerW()).sum();
    }

    @Test
    void losingFeedAMovesTheWholeLoadToFeedB() {
        double before = it();
        fleet.loseFeed(TestSites.SITE, Feed.A, FaultWindow.lasting(Duration.ofMinutes(30)));
        double after = it();

        assertThat(fleet.pdu("r01-pdu-a").powerW()).isZero();
        assertThat(fleet.pdu("r01-pdu-a").phases()).allSatisfy(p -> assertThat(p.voltageV()).isZero());
        double rackB = fleet.pdu("r01-pdu-b").powerW();
        double rackServers = TestSites.servers().stream().filter(id -> id.startsWith("r01"))
                .mapToDouble(id -> fleet.server(id).inputPowerW()).sum();
        assertThat(rackB).isCloseTo(rackServers, within(1e-9));
        // One PSU at twice the load runs a little more efficiently: the total changes by PSU-efficiency effects only.
        assertThat(after).isCloseTo(before, within(0.02 * before));
        ServerState server = fleet.server("r02-srv-4");
        assertThat(server.powerState()).isEqualTo(ServerState.PowerState.ON);
        assertThat(server.psus().get(0).powered()).isFalse();
        assertThat(server.psus().get(1).outputW()).isPositive();
        assertThat(server.health()).isEqualTo(ServerState.Health.WARNING);

        clock.advance(Duration.ofMinutes(31));
        assertThat(fleet.pdu("r01-pdu-a").powerW()).isPositive();
        assertThat(fleet.server("r02-srv-4").psus().get(0).powered()).isTrue();
    }

    @Test
    void aTrippedPhaseDropsItsOutletsAndTheirServersFallBackToTheOtherFeed() {
        fleet.tripBreaker("r01-pdu-a", Optional.of("L2"), FaultWindow.untilCleared());
        PduState pdu = fleet.pdu("r01-pdu-a");
        PduState.Phase l2 = pdu.phases().get(1);
        assertThat(l2.breakerTripped()).isTrue();
        assertThat(l2.currentA()).isZero();
        assertThat(pdu.outlets().get(1).powerW()).isZero();
        assertThat(pdu.outlets().get(0).powerW()).isPositive();
        ServerState server2 = fleet.server("r01-srv-2");
        assertThat(server2.powerState()).isEqualTo(ServerState.PowerState.ON);
        assertThat(server2.psus().get(1).inputW()).isCloseTo(server2.inputPowerW(), within(1e-9));

        fleet.tripBreaker("r01-pdu-b", Optional.empty(), FaultWindow.lasting(Duration.ofMinutes(1)));
        assertThat(fleet.server("r01-srv-2").powerState()).isEqualTo(ServerState.PowerState.OFF);
        assertThat(fleet.server("r01-srv-2").health()).isEqualTo(ServerState.Health.CRITICAL);
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(ServerState.PowerState.ON);
        clock.advance(Duration.ofMinutes(1));
        assertThat(fleet.server("r01-srv-2").powerState()).isEqualTo(ServerState.PowerState.ON);
    }

    @Test
    void onBatteryTheChargeDrainsTheRuntimeShrinksAndTheMeterStopsSeeingTheLoad() {
        double meterBefore = fleet.meter(TestSites.METER).powerW();
        UpsState normal = fleet.ups(TestSites.UPS);
        fleet.upsOnBattery(TestSites.UPS, FaultWindow.lasting(Duration.ofHours(3)));
        UpsState start = fleet.ups(TestSites.UPS);
        assertThat(start.onBattery()).isTrue();
        assertThat(start.inputVoltageV()).isZero();
        assertThat(fleet.meter(TestSites.METER).powerW())
                .isCloseTo(meterBefore - normal.outputPowerW() - normal.lossesW(), within(0.05 * meterBefore));

        clock.advance(Duration.ofMinutes(5));
        UpsState later = fleet.ups(TestSites.UPS);
        assertThat(later.batteryChargePercent()).isLessThan(start.batteryChargePercent());
        assertThat(later.runtimeS()).isLessThan(start.runtimeS());
        double drainedJ = (start.batteryChargePercent() - later.batteryChargePercent()) / 100 * 10_000 * 600;
        assertThat(drainedJ).isCloseTo((later.outputPowerW() + later.lossesW()) * 300, within(0.1 * drainedJ));

        // A 10 kW UPS holds 10 minutes at full load, so a 3 kW load empties it within the hour: the fleet goes dark.
        clock.advance(Duration.ofHours(1));
        assertThat(fleet.ups(TestSites.UPS).batteryChargePercent()).isZero();
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(ServerState.PowerState.OFF);
        assertThat(fleet.pdu("r02-pdu-b").powerW()).isZero();

        clock.advance(Duration.ofHours(2));
        assertThat(fleet.ups(TestSites.UPS).onBattery()).isFalse();
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(ServerState.PowerState.ON);
        assertThat(fleet.ups(TestSites.UPS).batteryChargePercent()).isBetween(1.0, 99.0);
    }

    @Test
    void aCounterResetRestartsTheEnergyCountersFromZero() {
        assertThat(fleet.pdu("r01-pdu-a").energyJ()).isGreaterThan(1e6);
        fleet.resetCounters("r01-pdu-a", Optional.empty());
        fleet.resetCounters(TestSites.METER, Optional.of(clock.instant().plus(Duration.ofMinutes(5))));
        PduState reset = fleet.pdu("r01-pdu-a");
        assertThat(reset.energyJ()).isZero();
        assertThat(reset.outlets()).allSatisfy(o -> assertThat(o.energyJ()).isZero());
        double meterBefore = fleet.meter(TestSites.METER).energyImportedJ();
        assertThat(meterBefore).isGreaterThan(1e6);

        clock.advance(Duration.ofMinutes(10));
        assertThat(fleet.pdu("r01-pdu-a").energyJ()).isCloseTo(fleet.pdu("r01-pdu-a").powerW() * 600,
                within(0.05 * fleet.pdu("r01-pdu-a").energyJ()));
        assertThat(fleet.meter(TestSites.METER).energyImportedJ()).isPositive().isLessThan(meterBefore)
                .isCloseTo(fleet.meter(TestSites.METER).powerW() * 300, within(0.1 * meterBefore));
    }

    @Test
    void aStuckSensorFreezesTemperatureReadingsWhileTheRoomWarms() {
        fleet.stickSensors("r01-srv-1", FaultWindow.lasting(Duration.ofMinutes(20)));
        fleet.stickSensors("r01-pdu-a", FaultWindow.lasting(Duration.ofMinutes(20)));
        ServerState frozen = fleet.server("r01-srv-1");
        double pduSensor = fleet.pdu("r01-pdu-a").sensors().get(0).value();
        TestSites.COOLERS.forEach(id -> fleet.failCooling(id, FaultWindow.lasting(Duration.ofMinutes(10))));

        clock.advance(Duration.ofMinutes(10));
        assertThat(fleet.server("r01-srv-1").inletC()).isEqualTo(frozen.inletC());
        assertThat(fleet.server("r01-srv-1").cpuC()).isEqualTo(frozen.cpuC());
        assertThat(fleet.pdu("r01-pdu-a").sensors().get(0).value()).isEqualTo(pduSensor);
        assertThat(fleet.server("r01-srv-2").inletC()).isGreaterThan(frozen.inletC() + 2);

        clock.advance(Duration.ofMinutes(10));
        assertThat(fleet.server("r01-srv-1").inletC()).isNotEqualTo(frozen.inletC());
    }
}
