package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.drivers.snmp.SnmpReadings.error;
import static org.dcsuite.drivers.snmp.SnmpReadings.one;
import static org.dcsuite.drivers.snmp.SnmpTargets.community;
import static org.dcsuite.drivers.snmp.SnmpTargets.target;
import static org.dcsuite.drivers.snmp.SnmpTargets.user;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver against net-snmp's snmpd (an implementation we did not write), serving the fixture walks through a
 * pass_persist script. Expected values are computed from the fixtures, and net-snmp's own snmpget confirms the
 * raw values the agent serves.
 */
class SnmpDriverIT {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @TempDir
    static Path dir;
    static SnmpdAgent agent;
    private final SnmpDriver driver = new SnmpDriver();

    @BeforeAll
    static void start() throws Exception {
        agent = SnmpdAgent.start(dir, List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private PollResult poll(String profile, org.dcsuite.core.model.Credentials c, Map<String, String> options) {
        try (DeviceSession s = driver.open(target(agent.port(), profile, c, TIMEOUT, options))) {
            return s.poll();
        }
    }

    @Test
    void snmpdServesTheFixtureValuesAsWritten() throws Exception {
        for (String fixture : SnmpdAgent.FIXTURES) {
            SnmpWalkFixture f = SnmpWalkFixture.load(fixture);
            // A sample per fixture keeps the run short: first, middle and last OID.
            List<String> oids = List.copyOf(f.raw().keySet());
            for (String oid : List.of(oids.get(0), oids.get(oids.size() / 2), oids.get(oids.size() - 1))) {
                assertThat(agent.snmpget("." + oid).replace("\"", "")).as(oid).isEqualTo(f.raw().get(oid));
            }
        }
    }

    @Test
    void upsMibOverV2c() {
        SnmpWalkFixture f = SnmpWalkFixture.load("ups-mib");
        PollResult r = poll("ups-mib", community("public"), Map.of());
        assertThat(r.errors()).isEmpty();
        assertThat(one(r.readings(), "hw.battery.charge").value()).isEqualTo(f.integer("1.3.6.1.2.1.33.1.2.4.0"));
        double sum = Stream.of(1, 2, 3).mapToDouble(i -> f.integer("1.3.6.1.2.1.33.1.4.4.1.4." + i)).sum();
        assertThat(one(r.readings(), "hw.power", "hw.id", "output").value()).isEqualTo(sum);
        assertThat(one(r.readings(), "hw.current", "hw.id", "input-2").value())
                .isCloseTo(f.integer("1.3.6.1.2.1.33.1.3.3.1.4.2") / 10.0, within(1e-9));
        assertThat(one(r.readings(), "hw.status", "hw.state", "on_battery").value()).isEqualTo(1.0);
    }

    @Test
    void entitySensorOverV2cWithSmallBulksAndV1() {
        for (Map<String, String> options : List.of(Map.of("snmp.max_repetitions", "1"), Map.of("snmp.version", "1"))) {
            PollResult r = poll("entity-sensor", community("public"), options);
            assertThat(one(r.readings(), "hw.temperature", "hw.id", "sensor-1").value()).isCloseTo(23.5, within(1e-9));
            assertThat(one(r.readings(), "hw.power", "hw.id", "sensor-4").value()).isCloseTo(1230, within(1e-9));
            assertThat(error(r.errors(), "entPhySensorTable[5]").kind()).isEqualTo(DriverErrorKind.UNSUPPORTED);
        }
    }

    static Stream<Arguments> users() {
        return SnmpdAgent.USERS.stream().map(u -> Arguments.of(u[0], u[1], u[2]));
    }

    @ParameterizedTest(name = "{0}: {1}/{2}")
    @MethodSource("users")
    void raritanOverV3AuthPriv(String name, String auth, String priv) {
        SnmpWalkFixture f = SnmpWalkFixture.load("raritan-pdu2");
        PollResult r = poll("raritan-pdu2", user(name, SnmpdAgent.AUTH, SnmpdAgent.PRIV),
                Map.of("snmp.auth_protocol", auth, "snmp.priv_protocol", priv));
        double amps = f.integer("1.3.6.1.4.1.13742.6.5.4.3.1.4.1.4.1") / 1000.0;
        assertThat(one(r.readings(), "hw.current", "outlet", "4").value()).isCloseTo(amps, within(1e-9));
        assertThat(one(r.readings(), "hw.current", "outlet", "4").attributes()).containsEntry("hw.name", "srv-4");
        assertThat(r.readings().stream().filter(x -> x.metric().equals("hw.power") && x.attributes().containsKey("outlet")))
                .hasSize(7);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("srv-8"));
    }

    @Test
    void authNoPrivWorksAndTheContextOptionIsAccepted() {
        PollResult r = poll("ups-mib", user("authonly", SnmpdAgent.AUTH, null), Map.of("snmp.context", ""));
        assertThat(one(r.readings(), "hw.battery.charge").value()).isEqualTo(87.0);
    }

    @Test
    void apcOutletControlSetsTheProfilesControlOid() throws Exception {
        var c = user("shaaes", SnmpdAgent.AUTH, SnmpdAgent.PRIV);
        try (DeviceSession s = driver.open(target(agent.port(), "apc-rpdu2", c, TIMEOUT, Map.of()))) {
            PollResult r = s.poll();
            assertThat(one(r.readings(), "hw.power", "hw.id", "pdu").value()).isCloseTo(2300, within(1e-9));
            var result = s.control(new ControlRequest("outlet.power", "3", Map.of("state", "off")));
            assertThat(result.message()).contains("1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.3 = 2");
            assertThatThrownBy(() -> s.control(new ControlRequest("system.reset", "1", Map.of())))
                    .isInstanceOf(DriverException.class)
                    .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.UNSUPPORTED);
            assertThatThrownBy(() -> s.control(new ControlRequest("outlet.power", "3", Map.of("state", "dim"))))
                    .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.CONFIG);
        }
        assertThat(agent.snmpget(".1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.3")).isEqualTo("2");
    }

    @Test
    void raritanOutletControlOverV2cWriteCommunity() throws Exception {
        try (DeviceSession s = driver.open(target(agent.port(), "raritan-pdu2", community("private"), TIMEOUT,
                Map.of()))) {
            s.control(new ControlRequest("outlet.power", "6", Map.of("state", "cycle")));
        }
        assertThat(agent.snmpget(".1.3.6.1.4.1.13742.6.4.1.2.1.2.1.6")).isEqualTo("2");
        // The read-only community cannot SET: net-snmp answers noAccess/notWritable.
        try (DeviceSession s = driver.open(target(agent.port(), "raritan-pdu2", community("public"), TIMEOUT,
                Map.of()))) {
            assertThatThrownBy(() -> s.control(new ControlRequest("outlet.power", "6", Map.of("state", "on"))))
                    .isInstanceOf(DriverException.class).hasMessageContaining("dev-1");
        }
    }

    @Test
    void hostResourcesAndIfMibFromSnmpdItself() throws Exception {
        PollResult ifs = poll("if-mib", community("public"), Map.of());
        var lo = one(ifs.readings(), "hw.network.io", "hw.name", "lo", "network.io.direction", "receive");
        assertThat(lo.kind()).isEqualTo(MetricKind.COUNTER);
        assertThat(one(ifs.readings(), "hw.network.up", "hw.name", "lo").value()).isEqualTo(1.0);
        PollResult host = poll("host-resources", community("public"), Map.of());
        long processes = Long.parseLong(agent.snmpget(".1.3.6.1.2.1.25.1.6.0"));
        assertThat(one(host.readings(), "system.process.count").value()).isCloseTo(processes, within(50.0));
    }

    @Test
    void withoutAProfileStandardMibsChooseOne() {
        try (var s = (SnmpSession) driver.open(target(agent.port(), null, community("public"), TIMEOUT, Map.of()))) {
            // snmpd's sysObjectID is net-snmp's (8072), so the UPS-MIB probe (highest priority) decides.
            PollResult r = s.poll();
            assertThat(s.profile().orElseThrow().name()).isEqualTo("ups-mib");
            assertThat(one(r.readings(), "hw.battery.charge").value()).isEqualTo(87.0);
        }
    }

    @Test
    void wrongCommunityTimesOutSuggestingCredentialsAndTheSessionKeepsPolling() {
        Duration timeout = Duration.ofMillis(300);
        try (DeviceSession s = driver.open(target(agent.port(), "ups-mib", community("wrong"), timeout, Map.of()))) {
            for (int attempt = 0; attempt < 2; attempt++) {
                long start = System.nanoTime();
                assertThatThrownBy(s::poll).isInstanceOf(DriverException.class)
                        .hasMessageContaining("device 'dev-1' (snmp://127.0.0.1:" + agent.port() + ")")
                        .hasMessageContaining("community")
                        .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.TIMEOUT);
                // timeout x (retries + 1) plus generous slack: no hang.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600 + 5000));
            }
        }
        assertThat(poll("ups-mib", community("public"), Map.of()).readings()).isNotEmpty();
    }

    @Test
    void unknownUsersAreAuthErrorsAndWrongPassphrasesTimeOutNamingThem() {
        assertThatThrownBy(() -> poll("ups-mib", user("nobody", SnmpdAgent.AUTH, SnmpdAgent.PRIV), Map.of()))
                .isInstanceOf(DriverException.class).hasMessageContaining("unknown user 'nobody'")
                .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.AUTH);
        // net-snmp answers a wrong authentication passphrase with an unauthenticated usmStatsWrongDigests report
        // that SNMP4J 3.13.1 does not hand to the request, so it surfaces as a timeout naming the passphrases.
        assertThatThrownBy(() -> poll("ups-mib", user("shaaes", "wrongpass123", SnmpdAgent.PRIV), Map.of()))
                .isInstanceOf(DriverException.class).hasMessageContaining("dev-1")
                .hasMessageContaining("authentication and privacy passphrases").hasMessageNotContaining("wrongpass123")
                .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.TIMEOUT);
        // net-snmp drops what it cannot decrypt without a report, so a wrong privacy passphrase is a timeout.
        assertThatThrownBy(() -> poll("ups-mib", user("shaaes", SnmpdAgent.AUTH, "wrongpriv123"), Map.of()))
                .isInstanceOf(DriverException.class).hasMessageContaining("privacy passphrases")
                .hasMessageNotContaining("wrongpriv123")
                .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.TIMEOUT);
    }
}
