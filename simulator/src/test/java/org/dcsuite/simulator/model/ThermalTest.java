package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.CoolingState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThermalTest {

    private MutableClock clock;
    private SimulatedFleet fleet;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(TestSites.MIDNIGHT);
        fleet = new SimulatedFleet(List.of(TestSites.site()), 3, clock);
        clock.advance(Duration.ofHours(15));
    }

    @Test
    void inletTemperatureHoldsNearTheSetpointInNormalOperation() {
        for (String server : TestSites.servers()) {
            assertThat(fleet.server(server).inletC()).isBetween(20.0, 22.0);
        }
        CoolingState crac = fleet.cooling("crac-1");
        assertThat(crac.supplyC()).isBetween(19.5, 20.5);
        assertThat(crac.returnC()).isGreaterThan(crac.supplyC() + 5);
        assertThat(crac.alarms()).isEmpty();
    }

    @Test
    void inletRisesAfterACoolingFailureAtARealisticRateAndFallsAfterRecovery() {
        double before = fleet.server("r01-srv-1").inletC();
        TestSites.COOLERS.forEach(id -> fleet.failCooling(id, FaultWindow.lasting(Duration.ofMinutes(10))));
        CoolingState failed = fleet.cooling("crac-1");
        assertThat(failed.running()).isFalse();
        assertThat(failed.coolingPowerW()).isZero();
        assertThat(failed.alarms()).contains(CoolingState.Alarm.COMPRESSOR_FAULT);

        clock.advance(Duration.ofMinutes(10));
        double hot = fleet.server("r01-srv-1").inletC();
        double ratePerMinute = (hot - before) / 10;
        assertThat(ratePerMinute).isBetween(0.2, 2.0);

        // The timed failure ended by itself; the units pull the room back down.
        assertThat(fleet.cooling("crac-1").running()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        double recovering = fleet.server("r01-srv-1").inletC();
        clock.advance(Duration.ofMinutes(40));
        double recovered = fleet.server("r01-srv-1").inletC();
        assertThat(recovering).isLessThan(hot);
        assertThat(recovered).isLessThan(recovering).isCloseTo(before, org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void oneUnitLeftCannotCarryThePeakSoTheRoomWarmsSlowly() {
        double before = fleet.server("r02-srv-2").inletC();
        double crac1Before = fleet.cooling("crac-1").heatRemovedW();
        fleet.failCooling("crac-2", FaultWindow.untilCleared());
        clock.advance(Duration.ofMinutes(10));
        double after = fleet.server("r02-srv-2").inletC();
        assertThat(after).isGreaterThan(before);
        assertThat(fleet.cooling("crac-1").heatRemovedW()).isGreaterThan(1.2 * crac1Before);
        // Within the hour the remaining unit runs flat out, fans at their 1500 rpm maximum, and the room keeps warming.
        clock.advance(Duration.ofMinutes(50));
        assertThat(fleet.cooling("crac-1").fanRpm()).isCloseTo(1500, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(fleet.server("r02-srv-2").inletC()).isGreaterThan(after);
        fleet.clearFaults("crac-2");
        assertThat(fleet.cooling("crac-2").running()).isTrue();
    }

    @Test
    void aWrittenSetpointMovesTheSupplyTemperatureTowardItOverMinutes() {
        double start = fleet.cooling("crac-1").supplyC();
        TestSites.COOLERS.forEach(id -> fleet.setCoolingSetpoint(id, 24));
        assertThat(fleet.cooling("crac-1").setpointC()).isEqualTo(24);
        clock.advance(Duration.ofMinutes(2));
        double twoMinutes = fleet.cooling("crac-1").supplyC();
        clock.advance(Duration.ofMinutes(13));
        double fifteenMinutes = fleet.cooling("crac-1").supplyC();
        assertThat(twoMinutes).isGreaterThan(start + 0.2).isLessThan(23.0);
        assertThat(fifteenMinutes).isGreaterThan(twoMinutes).isBetween(23.5, 24.5);
        // The room's air and equipment follow the supply air with a time constant of about 12 minutes.
        assertThat(fleet.server("r01-srv-1").inletC()).isGreaterThan(22.0);
    }

    @Test
    void setpointsOutsideTheRangeAreRejected() {
        assertThatThrownBy(() -> fleet.setCoolingSetpoint("crac-1", CoolingState.SETPOINT_MIN_C - 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crac-1");
        assertThatThrownBy(() -> fleet.setCoolingSetpoint("crac-1", CoolingState.SETPOINT_MAX_C + 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fleet.setCoolingSetpoint("nope", 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warmerOutsideAirLowersTheCop() {
        assertThat(CoolingModel.cop(30)).isLessThan(CoolingModel.cop(15)).isLessThan(CoolingModel.cop(0));
        assertThat(CoolingModel.cop(60)).isEqualTo(2.0);
    }
}
