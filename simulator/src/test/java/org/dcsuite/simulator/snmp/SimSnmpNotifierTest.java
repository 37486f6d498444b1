package org.dcsuite.simulator.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver;
import org.dcsuite.simulator.SimPushFixtures;
import org.dcsuite.simulator.events.SimCondition;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.events.SimConditionType;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.dcsuite.simulator.events.SimTrapDestinations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent with only an SNMPv3 user (as the demo UPSes) notifies with that user: authenticated, encrypted traps
 * under its own engine id and informs to the receiver's engine id, which the drivers' receiver accepts.
 */
class SimSnmpNotifierTest {

    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private SimSnmpAgent agent;
    private SnmpTrapReceiver receiver;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aV3OnlyAgentSendsAuthPrivTrapsAndInforms() throws Exception {
        SimTrapDestinations destinations = new SimTrapDestinations();
        agent = SimSnmpAgent.ups("ups-1", () -> SimSnmpFixtures.ups(true))
                .user(SimSnmpUser.authPriv(SimSnmpFixtures.USER, "SHA", Secret.of(SimSnmpFixtures.AUTH_PASS), "AES",
                        Secret.of(SimSnmpFixtures.PRIV_PASS)))
                .notifications(destinations).start();
        receiver = SnmpTrapReceiver.builder().listen(InetAddress.getLoopbackAddress(), 0)
                .user(SimSnmpFixtures.USER, "SHA", Secret.of(SimSnmpFixtures.AUTH_PASS), "AES",
                        Secret.of(SimSnmpFixtures.PRIV_PASS))
                .senderEngineId(agent.engineId()).start(events::add);
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.port());
        SimCondition onBattery = new SimCondition("ups-1", SimConditionType.UPS_ON_BATTERY, "");

        destinations.add(new SimTrapDestination(at, false));
        agent.report(new SimConditionChange(onBattery, true, Instant.now(), 1234, 0));
        SimPushFixtures.eventually("the v3 trap", () -> !events.isEmpty());
        assertThat(events.get(0).type()).isEqualTo("upsTrapOnBattery");
        assertThat(events.get(0).message()).startsWith("SNMPv3 trap");

        destinations.clear();
        destinations.add(new SimTrapDestination(at, true));
        agent.report(new SimConditionChange(onBattery, false, Instant.now(), 1234, 0));
        SimPushFixtures.eventually("the v3 inform answered", () -> agent.informsAcknowledged() == 1);
        assertThat(events).extracting(DeviceEvent::type).contains("upsTrapAlarmEntryRemoved");
        assertThat(events.get(events.size() - 1).message()).startsWith("SNMPv3 inform");
        assertThat(receiver.dropped().values()).allMatch(n -> n == 0);
    }

    @Test
    void conditionsOfOtherDevicesAndWithoutDestinationsSendNothing() {
        agent = SimSnmpAgent.ups("ups-1", () -> SimSnmpFixtures.ups(true))
                .readCommunity(Secret.of(SimSnmpFixtures.READ_COMMUNITY)).notifications(new SimTrapDestinations())
                .start();
        agent.report(new SimConditionChange(new SimCondition("ups-1", SimConditionType.UPS_ON_BATTERY, ""), true,
                Instant.now(), 60, 0));
        agent.report(new SimConditionChange(new SimCondition("ups-2", SimConditionType.UPS_ON_BATTERY, ""), true,
                Instant.now(), 60, 0));
        assertThat(agent.notificationsSent()).isZero();
    }
}
