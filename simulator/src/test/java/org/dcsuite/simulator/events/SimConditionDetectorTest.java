package org.dcsuite.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ServerState;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.Test;

class SimConditionDetectorTest {

    @Test
    void aUpsOnBatteryIsLowUnderTwoMinutesOfRuntime() {
        assertThat(SimConditionDetector.ups(ups(false, 3000))).isEmpty();
        assertThat(SimConditionDetector.ups(ups(true, 3000)).keySet()).extracting(SimCondition::type)
                .containsExactly(SimConditionType.UPS_ON_BATTERY);
        assertThat(SimConditionDetector.ups(ups(true, 90)).keySet()).extracting(SimCondition::type)
                .containsExactly(SimConditionType.UPS_ON_BATTERY, SimConditionType.UPS_LOW_BATTERY);
    }

    @Test
    void anOverloadStartsOverEightyPercentAndClearsUnderSeventyFive() {
        SimCondition overload = new SimCondition("pdu-1", SimConditionType.PDU_OVERLOAD, "L1");
        assertThat(SimConditionDetector.pdu(pdu(12.5, false), Set.of())).isEmpty();
        assertThat(SimConditionDetector.pdu(pdu(13.2, false), Set.of())).containsOnlyKeys(overload);
        assertThat(SimConditionDetector.pdu(pdu(12.5, false), Set.of(overload))).containsOnlyKeys(overload);
        assertThat(SimConditionDetector.pdu(pdu(11.9, false), Set.of(overload))).isEmpty();
        assertThat(SimConditionDetector.pdu(pdu(0, true), Set.of()).keySet()).extracting(SimCondition::type)
                .containsExactly(SimConditionType.PDU_BREAKER_TRIPPED);
    }

    @Test
    void aServerReportsStoppedFansLostSuppliesHeatAndPowerOff() {
        ServerState sick = new ServerState("srv", "srv", ServerState.PowerState.ON, 300, 35.5, 70,
                List.of(new ServerState.Psu("psu-1", Feed.A, false, 0, 0, 0),
                        new ServerState.Psu("psu-2", Feed.B, true, 310, 290, 230)),
                List.of(new ServerState.Fan("fan-1", 0), new ServerState.Fan("fan-2", 5000)),
                ServerState.Health.CRITICAL);
        assertThat(SimConditionDetector.server(sick, Set.of()).keySet()).containsExactlyInAnyOrder(
                new SimCondition("srv", SimConditionType.SERVER_INLET_OVERTEMPERATURE, "InletTemp"),
                new SimCondition("srv", SimConditionType.SERVER_FAN_FAILED, "fan-1"),
                new SimCondition("srv", SimConditionType.SERVER_PSU_INPUT_LOST, "psu-1"));
        ServerState off = new ServerState("srv", "srv", ServerState.PowerState.OFF, 0, 22, 22,
                List.of(new ServerState.Psu("psu-1", Feed.A, true, 0, 0, 230)),
                List.of(new ServerState.Fan("fan-1", 0)), ServerState.Health.OK);
        // A fan of a server that is off stands still without having failed.
        assertThat(SimConditionDetector.server(off, Set.of()).keySet())
                .containsExactly(new SimCondition("srv", SimConditionType.SERVER_POWERED_OFF, ""));
    }

    private static UpsState ups(boolean onBattery, double runtimeS) {
        return new UpsState("ups-1", "ups-1", onBattery, 230, 50, 230, 50, 10, 2300, 40, 80, runtimeS, 25, 100);
    }

    /** L1 carries {@code amps} on a 16 A breaker. */
    private static PduState pdu(double amps, boolean tripped) {
        return new PduState("pdu-1", "pdu-1", Feed.A, amps * 230, 0,
                List.of(new PduState.Phase("L1", 230, amps, amps * 230, 16, tripped)), List.of(), List.of());
    }
}
