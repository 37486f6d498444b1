package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver.Drop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver against net-snmp's {@code snmptrap} and {@code snmpinform} (an implementation we did not write) on
 * a free loopback port. {@code snmpinform} exits 0 only when its inform was answered. "Not delivered" is shown by
 * sending a good trap right after the bad one and seeing the good one arrive first: the receiver handles
 * datagrams one at a time, in order.
 */
class SnmpTrapReceiverIT {

    private static final Path SNMPTRAP = Path.of("/usr/bin/snmptrap");
    private static final String COMMUNITY = "trap-community";
    private static final String USER = "trapuser";
    private static final String AUTH = "trapauth123";
    private static final String PRIV = "trappriv123";
    private static final String SENDER_ENGINE = "0x8000000001020304";
    /** A varbind every test trap carries with a unique value, so each test finds its own events. */
    private static final String MARKER_OID = "1.3.6.1.4.1.99999.1.1";
    /** The consumer throws on events carrying this marker value. */
    private static final String THROW = "throw-me";
    private static final long WAIT_SECONDS = 10;

    @TempDir
    static Path dir;
    static SnmpTrapReceiver receiver;
    static final BlockingQueue<DeviceEvent> EVENTS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws IOException {
        assumeInstalled();
        receiver = SnmpTrapReceiver.builder()
                .listen(InetAddress.getLoopbackAddress(), 0)
                .community(Secret.of(COMMUNITY))
                .user(USER, "SHA", Secret.of(AUTH), "AES", Secret.of(PRIV))
                .senderEngineId(SENDER_ENGINE)
                .device(InetAddress.getLoopbackAddress(), "ups-1")
                .start(event -> {
                    if (THROW.equals(event.details().get(MARKER_OID))) {
                        throw new IllegalStateException("consumer failure for the test");
                    }
                    EVENTS.add(event);
                });
        assertThat(receiver.port()).isPositive();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    static void assumeInstalled() {
        if (!Files.isExecutable(SNMPTRAP)) {
            String message = "net-snmp snmptrap not found at " + SNMPTRAP + ": install the Debian package snmp";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            org.junit.jupiter.api.Assumptions.abort(message);
        }
    }

    private record Run(int exit, String output) {
    }

    /** Runs a net-snmp tool with its own empty configuration and persistent folder, so ~/.snmp never leaks in. */
    private static Run tool(String... args) throws IOException, InterruptedException {
        Path home = dir.resolve("net-snmp");
        Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("SNMP_PERSISTENT_DIR", home.toString());
        pb.environment().put("SNMPCONFPATH", home.toString());
        pb.environment().put("MIBS", "");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String to() {
        return "127.0.0.1:" + receiver.port();
    }

    private static String marker() {
        return UUID.randomUUID().toString();
    }

    private static void v2cTrap(String community, String trapOid, String marker) throws Exception {
        Run r = tool("snmptrap", "-v", "2c", "-c", community, to(), "", trapOid, "1.3.6.1.2.1.2.2.1.1.2", "i", "2",
                MARKER_OID, "s", marker);
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private static List<String> v3(String auth, String priv) {
        return List.of("-v", "3", "-u", USER, "-l", "authPriv", "-a", "SHA", "-A", auth, "-x", "AES", "-X", priv);
    }

    private static Run v3Tool(String tool, List<String> security, String... rest) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(security);
        cmd.addAll(List.of(rest));
        return tool(cmd.toArray(String[]::new));
    }

    /** The next event, which must be the one carrying {@code marker}: nothing sent before it got through. */
    private static DeviceEvent next(String marker) throws InterruptedException {
        DeviceEvent e = EVENTS.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(e).as("an event within %d s", WAIT_SECONDS).isNotNull();
        assertThat(e.details()).as("the first event to arrive").containsEntry(MARKER_OID, marker);
        return e;
    }

    /** Sends a good trap after a bad one and checks the good one is the first to arrive. */
    private static void assertNothingDeliveredBefore() throws Exception {
        String good = marker();
        v2cTrap(COMMUNITY, "1.3.6.1.6.3.1.1.5.1", good);
        next(good);
    }

    @Test
    void v2cTrapWithTheRightCommunityIsDeliveredWithItsDevice() throws Exception {
        String m = marker();
        v2cTrap(COMMUNITY, "1.3.6.1.6.3.1.1.5.3", m);
        DeviceEvent e = next(m);
        assertThat(e.type()).isEqualTo("linkDown");
        assertThat(e.deviceId()).contains("ups-1");
        assertThat(e.source()).startsWith("snmp://127.0.0.1:");
        assertThat(e.severity()).isEmpty();
        assertThat(e.details()).containsEntry("1.3.6.1.6.3.1.1.4.1.0", "1.3.6.1.6.3.1.1.5.3")
                .containsEntry("1.3.6.1.2.1.2.2.1.1.2", "2").containsKey("1.3.6.1.2.1.1.3.0");
        assertThat(e.message()).contains("SNMPv2c trap", "linkDown", "1.3.6.1.6.3.1.1.5.3", "ups-1");
        assertThat(String.valueOf(e)).doesNotContain(COMMUNITY);
    }

    @Test
    void v2cTrapWithAWrongCommunityIsDroppedAndCounted() throws Exception {
        long before = receiver.dropped(Drop.UNKNOWN_COMMUNITY);
        v2cTrap("not-" + COMMUNITY, "1.3.6.1.6.3.1.1.5.3", marker());
        assertNothingDeliveredBefore();
        assertThat(receiver.dropped(Drop.UNKNOWN_COMMUNITY)).isEqualTo(before + 1);
    }

    @Test
    void v2cInformIsDeliveredAndAnswered() throws Exception {
        String m = marker();
        Run r = tool("snmpinform", "-v", "2c", "-c", COMMUNITY, "-t", "5", "-r", "0", to(), "",
                "1.3.6.1.2.1.33.2.1", MARKER_OID, "s", m);
        assertThat(r.exit()).as("snmpinform exits 0 only when answered: " + r.output()).isZero();
        DeviceEvent e = next(m);
        assertThat(e.type()).isEqualTo("upsTrapOnBattery");
        assertThat(e.severity()).contains("Warning");
        assertThat(e.message()).contains("SNMPv2c inform");
    }

    @Test
    void v2cInformWithAWrongCommunityIsNotAnswered() throws Exception {
        Run r = tool("snmpinform", "-v", "2c", "-c", "not-" + COMMUNITY, "-t", "1", "-r", "0", to(), "",
                "1.3.6.1.2.1.33.2.1", MARKER_OID, "s", marker());
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("Timeout");
        assertNothingDeliveredBefore();
    }

    @Test
    void v1TrapsAreConvertedAsRfc3584Says() throws Exception {
        String m = marker();
        // Enterprise-specific trap 5 of APC's enterprise, then the generic linkUp (3).
        Run r = tool("snmptrap", "-v", "1", "-c", COMMUNITY, to(), "1.3.6.1.4.1.318", "127.0.0.1", "6", "5", "",
                MARKER_OID, "s", m);
        assertThat(r.exit()).as(r.output()).isZero();
        DeviceEvent e = next(m);
        assertThat(e.type()).isEqualTo("1.3.6.1.4.1.318.0.5");
        assertThat(e.details()).containsEntry("1.3.6.1.6.3.1.1.4.3.0", "1.3.6.1.4.1.318")
                .containsEntry("1.3.6.1.6.3.18.1.3.0", "127.0.0.1");
        assertThat(e.message()).contains("SNMPv1 trap");
        assertThat(e.deviceId()).contains("ups-1");

        String m2 = marker();
        r = tool("snmptrap", "-v", "1", "-c", COMMUNITY, to(), "1.3.6.1.4.1.318", "127.0.0.1", "3", "0", "",
                MARKER_OID, "s", m2);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(next(m2).type()).isEqualTo("linkUp");
    }

    @Test
    void v3AuthPrivTrapFromAConfiguredEngineIsDelivered() throws Exception {
        String m = marker();
        Run r = v3Tool("snmptrap", v3(AUTH, PRIV), "-e", SENDER_ENGINE, to(), "", "1.3.6.1.2.1.33.2.3",
                MARKER_OID, "s", m);
        assertThat(r.exit()).as(r.output()).isZero();
        DeviceEvent e = next(m);
        assertThat(e.type()).isEqualTo("upsTrapAlarmEntryAdded");
        assertThat(e.message()).contains("SNMPv3 trap");
        assertThat(String.valueOf(e)).doesNotContain(AUTH, PRIV);
    }

    @Test
    void v3TrapWithAWrongAuthPassphraseIsDroppedAndCounted() throws Exception {
        long before = receiver.dropped(Drop.WRONG_DIGEST);
        Run r = v3Tool("snmptrap", v3("wrong-" + AUTH, PRIV), "-e", SENDER_ENGINE, to(), "", "1.3.6.1.2.1.33.2.3",
                MARKER_OID, "s", marker());
        assertThat(r.exit()).as(r.output()).isZero();
        assertNothingDeliveredBefore();
        assertThat(receiver.dropped(Drop.WRONG_DIGEST)).isEqualTo(before + 1);
    }

    @Test
    void v3TrapFromAnEngineNotConfiguredIsDroppedAsUnknownUser() throws Exception {
        long before = receiver.dropped(Drop.UNKNOWN_USER);
        Run r = v3Tool("snmptrap", v3(AUTH, PRIV), "-e", "0x80000000010a0b0c", to(), "", "1.3.6.1.2.1.33.2.3",
                MARKER_OID, "s", marker());
        assertThat(r.exit()).as(r.output()).isZero();
        assertNothingDeliveredBefore();
        assertThat(receiver.dropped(Drop.UNKNOWN_USER)).isEqualTo(before + 1);
    }

    @Test
    void v3TrapBelowTheUsersSecurityLevelIsDroppedAndCounted() throws Exception {
        long before = receiver.dropped(Drop.UNSUPPORTED_SECURITY_LEVEL);
        // Only the user name and engine id, which are not secrets: it must not be enough.
        Run r = tool("snmptrap", "-v", "3", "-u", USER, "-l", "noAuthNoPriv", "-e", SENDER_ENGINE, to(), "",
                "1.3.6.1.2.1.33.2.3", MARKER_OID, "s", marker());
        assertThat(r.exit()).as(r.output()).isZero();
        assertNothingDeliveredBefore();
        assertThat(receiver.dropped(Drop.UNSUPPORTED_SECURITY_LEVEL)).isEqualTo(before + 1);
    }

    @Test
    void v3AuthPrivInformIsDeliveredAndAnswered() throws Exception {
        String m = marker();
        Run r = v3Tool("snmpinform", v3(AUTH, PRIV), "-t", "5", "-r", "0", to(), "", "1.3.6.1.6.3.1.1.5.5",
                MARKER_OID, "s", m);
        assertThat(r.exit()).as("snmpinform exits 0 only when answered: " + r.output()).isZero();
        DeviceEvent e = next(m);
        assertThat(e.type()).isEqualTo("authenticationFailure");
        assertThat(e.severity()).contains("Warning");
        assertThat(e.message()).contains("SNMPv3 inform");
    }

    @Test
    void malformedBerIsCountedAndTheNextTrapIsStillDelivered() throws Exception {
        long before = receiver.dropped(Drop.MALFORMED);
        byte[] garbage = {0x30, 0x7f, 0x02, 0x01, 0x01, 0x04, (byte) 0xff, 0x00, 0x13, 0x37};
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), receiver.port()));
            byte[] notBer = "hello, receiver".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(notBer, notBer.length, InetAddress.getLoopbackAddress(), receiver.port()));
        }
        assertNothingDeliveredBefore();
        assertThat(receiver.dropped(Drop.MALFORMED)).isEqualTo(before + 2);
    }

    @Test
    void aThrowingConsumerIsCountedAndTheNextTrapIsStillDelivered() throws Exception {
        long before = receiver.consumerFailures();
        v2cTrap(COMMUNITY, "1.3.6.1.6.3.1.1.5.3", THROW);
        assertNothingDeliveredBefore();
        assertThat(receiver.consumerFailures()).isEqualTo(before + 1);
        assertThat(Optional.ofNullable(EVENTS.peek())).isEmpty();
    }
}
