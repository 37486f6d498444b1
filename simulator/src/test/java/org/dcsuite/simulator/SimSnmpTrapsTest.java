package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver;
import org.dcsuite.simulator.control.SimFaultInjector;
import org.dcsuite.simulator.control.SimFaultRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a running simulator reach the drivers' real SNMP trap receiver as the notifications UPS-MIB
 * and PDU2-MIB define, named and graded by the receiver, with sysUpTime.0 and snmpTrapOID.0 first.
 */
class SimSnmpTrapsTest {

    private static final String SYS_UP_TIME = "1.3.6.1.2.1.1.3.0";
    private static final String TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0";
    private static final String ALARM_DESCR_PREFIX = "1.3.6.1.2.1.33.1.6.2.1.2.";
    private static final String OCP_STATE_L1_CURRENT = "1.3.6.1.4.1.13742.6.5.3.3.1.3.1.1.1";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T10:00:00Z"));
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private SnmpTrapReceiver receiver;
    private Simulator simulator;
    private SimFaultInjector injector;

    @BeforeEach
    void start() throws Exception {
        receiver = SnmpTrapReceiver.builder().listen(InetAddress.getLoopbackAddress(), 0)
                .community(Secret.of(SimPushFixtures.COMMUNITY)).start(events::add);
        DcsuiteConfig config = SimPushFixtures.config(dir);
        simulator = Simulator.start(config, 3, clock, SimulatorOptions.builder()
                .trapDestination(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.port()))
                .conditionScanInterval(SimPushFixtures.SCAN).build());
        injector = SimFaultInjector.of(simulator, config, clock);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void upsOnBatteryAndBackOnUtility() throws Exception {
        injector.inject("test", request(SimPushFixtures.UPS, "on_battery"));
        DeviceEvent onBattery = await("upsTrapOnBattery");
        assertThat(onBattery.severity()).contains("Warning");
        assertThat(onBattery.source()).startsWith("snmp://127.0.0.1:");
        // The receiver's details do not keep varbind order; SimTrapdIT checks that these two come first.
        assertThat(onBattery.details()).containsKey(SYS_UP_TIME).containsEntry(TRAP_OID, "1.3.6.1.2.1.33.2.1")
                .containsKey("1.3.6.1.2.1.33.1.2.3.0")
                .containsEntry("1.3.6.1.2.1.33.1.2.2.0", "0")
                .containsEntry("1.3.6.1.2.1.33.1.9.7.0", "2");
        assertThat(Integer.parseInt(onBattery.details().get("1.3.6.1.2.1.33.1.2.3.0"))).isPositive();

        injector.clear("test", SimPushFixtures.UPS);
        DeviceEvent back = await("upsTrapAlarmEntryRemoved");
        assertThat(alarmDescr(back)).isEqualTo("1.3.6.1.2.1.33.1.6.3.2");
    }

    @Test
    void upsLowBatteryIsAnAlarmEntryAddedThenRemoved() throws Exception {
        injector.inject("test", request(SimPushFixtures.UPS, "on_battery"));
        await("upsTrapOnBattery");
        // A lightly loaded UPS lasts hours, not its ten minutes at rated load; five simulated hours empty it.
        clock.advance(Duration.ofHours(5));
        DeviceEvent low = await("upsTrapAlarmEntryAdded");
        assertThat(alarmDescr(low)).isEqualTo("1.3.6.1.2.1.33.1.6.3.3");

        injector.clear("test", SimPushFixtures.UPS);
        SimPushFixtures.eventually("low battery and on battery removed", () -> events.stream()
                .filter(e -> e.type().equals("upsTrapAlarmEntryRemoved")).map(SimSnmpTrapsTest::alarmDescr).toList()
                .containsAll(List.of("1.3.6.1.2.1.33.1.6.3.2", "1.3.6.1.2.1.33.1.6.3.3")));
    }

    @Test
    void pduOverloadStartsAndEndsWithItsScheduledWindow() throws Exception {
        injector.inject("test", SimFaultRequest.parse(Map.of("device", SimPushFixtures.PDU, "fault", "overload",
                "phase", "L1", "for", "5m"), clock));
        DeviceEvent over = await("overCurrentProtectorSensorStateChange");
        assertThat(over.severity()).contains("Warning");
        assertThat(over.details()).containsEntry(OCP_STATE_L1_CURRENT, "5")
                .containsEntry("1.3.6.1.4.1.13742.6.3.4.3.1.2.1.1", "C1");

        clock.advance(Duration.ofMinutes(6));
        SimPushFixtures.eventually("overload cleared", () -> events.stream()
                .anyMatch(e -> "4".equals(e.details().get(OCP_STATE_L1_CURRENT))
                        && e.severity().equals(Optional.of("OK"))));
    }

    private SimFaultRequest request(String device, String fault) {
        return SimFaultRequest.parse(Map.of("device", device, "fault", fault), clock);
    }

    private DeviceEvent await(String type) throws InterruptedException {
        SimPushFixtures.eventually("an event of type " + type + " in " + events,
                () -> events.stream().anyMatch(e -> e.type().equals(type)));
        Optional<DeviceEvent> e = events.stream().filter(x -> x.type().equals(type)).findFirst();
        return e.orElseThrow();
    }

    private static String alarmDescr(DeviceEvent e) {
        return e.details().entrySet().stream().filter(x -> x.getKey().startsWith(ALARM_DESCR_PREFIX))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }
}
