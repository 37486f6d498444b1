package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.simulator.control.SimFaultInjector;
import org.dcsuite.simulator.control.SimFaultRequest;
import org.dcsuite.simulator.events.SimCondition;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.events.SimConditionType;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.dcsuite.simulator.events.SimTrapDestinations;
import org.dcsuite.simulator.snmp.SimSnmpAgent;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's notifications as an independent manager sees them: net-snmp's snmptrapd, in the foreground,
 * printing every trap and inform it accepts with numeric OIDs.
 */
class SimTrapdIT {

    private static final String ON_BATTERY = ".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.2.1.33.2.1\t";
    private static final String ENTRY_REMOVED = ".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.2.1.33.2.4\t";

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Process trapd;
    private int port;
    private Simulator simulator;
    private SimSnmpAgent agent;

    @BeforeAll
    static void requireSnmptrapd() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(d, "snmptrapd").canExecute()) {
                return;
            }
        }
        String message = "snmptrapd missing (apt-get install snmptrapd)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println("SKIPPED SimTrapdIT: " + message);
        Assumptions.abort(message);
    }

    @BeforeEach
    void startTrapd() throws Exception {
        Path conf = Files.writeString(dir.resolve("snmptrapd.conf"),
                "authCommunity log " + SimPushFixtures.COMMUNITY + "\n");
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        trapd = new ProcessBuilder("snmptrapd", "-f", "-Lo", "-n", "-On", "-m", "", "-C", "-c", conf.toString(),
                "127.0.0.1:" + port).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(trapd.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended; the lines read so far are what the test has.
            }
        }, "snmptrapd-output");
        reader.setDaemon(true);
        reader.start();
        SimPushFixtures.eventually("snmptrapd started: " + lines,
                () -> lines.stream().anyMatch(l -> l.contains("NET-SNMP version")));
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        if (agent != null) {
            agent.close();
        }
        trapd.destroy();
        trapd.waitFor();
    }

    @Test
    void anInjectedOnBatteryFaultAndItsClearingReachSnmptrapd() throws Exception {
        DcsuiteConfig config = SimPushFixtures.config(dir);
        simulator = Simulator.start(config, 3, Clock.systemUTC(), SimulatorOptions.builder()
                .trapDestination(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .conditionScanInterval(SimPushFixtures.SCAN).build());
        SimFaultInjector injector = SimFaultInjector.of(simulator, config, Clock.systemUTC());
        injector.inject("test", SimFaultRequest.parse(Map.of("device", SimPushFixtures.UPS, "fault", "on_battery"),
                Clock.systemUTC()));
        String trap = awaitLine(ON_BATTERY);
        // SNMPv2-Trap-PDU: sysUpTime.0 first, snmpTrapOID.0 second (RFC 3416 4.2.6), then the UPS-MIB objects.
        assertThat(trap).startsWith(".1.3.6.1.2.1.1.3.0 = Timeticks: ");
        assertThat(trap.split("\t")[1]).isEqualTo(ON_BATTERY.strip());
        assertThat(trap).contains(".1.3.6.1.2.1.33.1.2.3.0 = INTEGER: ", ".1.3.6.1.2.1.33.1.2.2.0 = INTEGER: 0",
                ".1.3.6.1.2.1.33.1.9.7.0 = INTEGER: 2");

        injector.clear("test", SimPushFixtures.UPS);
        String removed = awaitLine(ENTRY_REMOVED);
        assertThat(removed).contains(".1.3.6.1.2.1.33.1.6.2.1.2.1 = OID: .1.3.6.1.2.1.33.1.6.3.2");
    }

    @Test
    void anInformIsAnsweredBySnmptrapd() throws Exception {
        SimTrapDestinations destinations = new SimTrapDestinations();
        destinations.add(new SimTrapDestination(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), true));
        UpsState ups = new UpsState("ups-9", "ups-9", true, 0, 0, 230, 50, 10, 2300, 40, 80, 900, 25, 100);
        agent = SimSnmpAgent.ups("ups-9", () -> ups).readCommunity(Secret.of(SimPushFixtures.COMMUNITY))
                .notifications(destinations).start();
        agent.report(new SimConditionChange(new SimCondition("ups-9", SimConditionType.UPS_ON_BATTERY, ""), true,
                Instant.now(), 900, 0));

        String inform = awaitLine(ON_BATTERY);
        assertThat(inform).contains(".1.3.6.1.2.1.33.1.2.3.0 = INTEGER: 15");
        SimPushFixtures.eventually("the inform acknowledged", () -> agent.informsAcknowledged() == 1);
        assertThat(agent.informsUnacknowledged()).isZero();
    }

    private String awaitLine(String containing) throws InterruptedException {
        SimPushFixtures.eventually("a snmptrapd line with " + containing.strip() + " in " + lines,
                () -> lines.stream().anyMatch(l -> l.contains(containing)));
        return lines.stream().filter(l -> l.contains(containing)).findFirst().orElseThrow();
    }
}
