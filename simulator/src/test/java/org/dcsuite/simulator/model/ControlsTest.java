package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.DeviceControls.ResetType;
import org.dcsuite.simulator.state.ServerState;
import org.dcsuite.simulator.state.ServerState.PowerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlsTest {

    private MutableClock clock;
    private SimulatedFleet fleet;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(TestSites.MIDNIGHT);
        fleet = new SimulatedFleet(List.of(TestSites.site()), 5, clock);
        clock.advance(Duration.ofHours(9));
    }

    @Test
    void anOutletSwitchedOffMovesTheServerToItsOtherPsuAndBothOffPowerItOff() {
        fleet.setOutlet("r02-pdu-a", 3, false);
        ServerState oneFeed = fleet.server("r02-srv-3");
        assertThat(fleet.pdu("r02-pdu-a").outlets().get(2).on()).isFalse();
        assertThat(fleet.pdu("r02-pdu-a").outlets().get(2).powerW()).isZero();
        assertThat(oneFeed.powerState()).isEqualTo(PowerState.ON);
        assertThat(oneFeed.psus().get(0).powered()).isFalse();
        assertThat(oneFeed.psus().get(1).inputW()).isEqualTo(oneFeed.inputPowerW());

        fleet.setOutlet("r02-pdu-b", 3, false);
        assertThat(fleet.server("r02-srv-3").powerState()).isEqualTo(PowerState.OFF);
        assertThat(fleet.server("r02-srv-3").inputPowerW()).isZero();

        fleet.setOutlet("r02-pdu-a", 3, true);
        assertThat(fleet.server("r02-srv-3").powerState()).isEqualTo(PowerState.ON);
        assertThatThrownBy(() -> fleet.setOutlet("r02-pdu-a", 13, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outlet 13");
    }

    @Test
    void resetsPowerServersOffAndOn() {
        fleet.resetServer("r01-srv-1", ResetType.GRACEFUL_SHUTDOWN);
        ServerState off = fleet.server("r01-srv-1");
        assertThat(off.powerState()).isEqualTo(PowerState.OFF);
        assertThat(off.health()).isEqualTo(ServerState.Health.OK);
        assertThat(fleet.pdu("r01-pdu-a").outlets().get(0).powerW()).isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(PowerState.OFF);

        fleet.resetServer("r01-srv-1", ResetType.ON);
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(PowerState.ON);

        fleet.resetServer("r01-srv-1", ResetType.POWER_CYCLE);
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(PowerState.OFF);
        clock.advance(SimulatedFleet.RESTART_OFF);
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(PowerState.ON);

        fleet.resetServer("r01-srv-1", ResetType.FORCE_OFF);
        assertThat(fleet.server("r01-srv-1").powerState()).isEqualTo(PowerState.OFF);
        assertThatThrownBy(() -> fleet.resetServer("nope", ResetType.ON)).isInstanceOf(IllegalArgumentException.class);
    }
}
