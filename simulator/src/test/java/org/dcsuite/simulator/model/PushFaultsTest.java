package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ServerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults added for pushed notifications: a PDU overload and a stopped server fan, physically consistent. */
class PushFaultsTest {

    private MutableClock clock;
    private SimulatedFleet fleet;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(TestSites.MIDNIGHT);
        fleet = new SimulatedFleet(List.of(TestSites.site()), 11, clock);
        clock.advance(Duration.ofHours(10));
    }

    @Test
    void anOverloadDrawsNinetyFivePercentOfTheBreakerThroughTheUps() {
        double upsBefore = fleet.ups(TestSites.UPS).outputPowerW();
        fleet.overloadPdu("r01-pdu-a", Optional.of("L1"), FaultWindow.lasting(Duration.ofMinutes(5)));
        PduState pdu = fleet.pdu("r01-pdu-a");
        PduState.Phase l1 = pdu.phases().get(0);
        assertThat(l1.currentA()).isCloseTo(0.95 * l1.breakerRatingA(), within(1e-6));
        assertThat(pdu.phases().get(1).currentA()).isLessThan(0.8 * l1.breakerRatingA());
        double extraW = pdu.powerW() - pdu.outlets().stream().mapToDouble(PduState.Outlet::powerW).sum();
        assertThat(extraW).isPositive();
        assertThat(fleet.ups(TestSites.UPS).outputPowerW()).isCloseTo(upsBefore + extraW, within(0.05 * extraW));

        clock.advance(Duration.ofMinutes(6));
        PduState after = fleet.pdu("r01-pdu-a");
        assertThat(after.powerW()).isCloseTo(after.outlets().stream().mapToDouble(PduState.Outlet::powerW).sum(),
                within(1e-9));
    }

    @Test
    void aFailedFanStandsStillAndTheServerWarns() {
        fleet.failFan("r01-srv-1", FaultWindow.untilCleared());
        ServerState s = fleet.server("r01-srv-1");
        assertThat(s.fans().get(0).rpm()).isZero();
        assertThat(s.fans().get(1).rpm()).isPositive();
        assertThat(s.health()).isEqualTo(ServerState.Health.WARNING);

        fleet.clearFaults("r01-srv-1");
        assertThat(fleet.server("r01-srv-1").fans().get(0).rpm()).isPositive();
    }
}
