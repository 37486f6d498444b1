package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.drivers.snmp.SnmpTargets.community;
import static org.dcsuite.drivers.snmp.SnmpTargets.target;
import static org.dcsuite.drivers.snmp.SnmpTargets.user;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.drivers.DeviceDriver;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.core.model.Protocol;
import org.junit.jupiter.api.Test;

/** Configuration mistakes and broken peers, each a clear error naming device and protocol, never a hang. */
class SnmpBadInputTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private final SnmpDriver driver = new SnmpDriver();

    private static DriverErrorKind kind(Throwable e) {
        return ((DriverException) e).kind();
    }

    @Test
    void theDriverIsFoundByProtocol() {
        DeviceDriver d = DeviceDrivers.forProtocol(Protocol.SNMP);
        assertThat(d).isInstanceOf(SnmpDriver.class);
        assertThat(d.profileNames()).contains("apc-rpdu2", "raritan-pdu2", "ups-mib", "entity-sensor");
    }

    @Test
    void configurationErrorsAtOpen() {
        record Case(String profile, Credentials credentials, Map<String, String> options, String message) {
        }
        var cases = java.util.List.of(
                new Case("ups-mib", community("public"), Map.of("snmp.retries", "2"), "unknown option 'snmp.retries'"),
                new Case("ups-mib", Credentials.NONE, Map.of(), "needs credentials.community"),
                new Case("no-such", community("public"), Map.of(), "unknown snmp profile 'no-such'"),
                new Case("ups-mib", community("public"), Map.of("snmp.version", "4"), "is not 1, 2c or 3"),
                new Case("ups-mib", community("public"), Map.of("snmp.max_repetitions", "0"), "must be 1-1000"),
                new Case("ups-mib", user("u", "authpass123", null), Map.of("snmp.auth_protocol", "SHA-1024"),
                        "'SHA-1024' is not one of"),
                new Case("ups-mib", user("u", "short", null), Map.of(), "at least 8 characters"),
                new Case("ups-mib", user("u", null, "privpass123"), Map.of(), "priv_passphrase needs auth_passphrase"),
                new Case("ups-mib", community("public"), Map.of("snmp.context", "x"), "applies to SNMPv3 only"),
                new Case("ups-mib", community("public"), Map.of("snmp.engine_id", "80001f8804"),
                        "snmp.engine_id applies to SNMPv3 only"),
                new Case("ups-mib", user("u", "authpass123", null), Map.of("snmp.engine_id", "80:01"),
                        "snmp.engine_id must be 5-32 octets in hex"),
                new Case("ups-mib", user("u", "authpass123", null), Map.of("snmp.engine_id", "not-hex-at-all"),
                        "snmp.engine_id must be 5-32 octets in hex"));
        for (Case c : cases) {
            assertThatThrownBy(() -> driver.open(target(161, c.profile(), c.credentials(), TIMEOUT, c.options())))
                    .as(c.message()).isInstanceOf(DriverException.class)
                    .hasMessageContaining("device 'dev-1' (snmp://127.0.0.1:161)").hasMessageContaining(c.message())
                    .hasMessageNotContaining("authpass123").hasMessageNotContaining("privpass123")
                    .extracting(SnmpBadInputTest::kind).isEqualTo(DriverErrorKind.CONFIG);
        }
    }

    @Test
    void noAgentOnThePortTimesOutWithinTheBound() throws Exception {
        // A bound socket that never answers: nothing else can take the port while the test runs.
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DeviceSession s = driver.open(target(silent.getLocalPort(), "ups-mib", community("public"), TIMEOUT,
                        Map.of()))) {
            for (int attempt = 0; attempt < 2; attempt++) {
                long start = System.nanoTime();
                assertThatThrownBy(s::poll).hasMessageContaining("device 'dev-1' (snmp://127.0.0.1:")
                        .hasMessageContaining("no SNMPv2c response").hasMessageContaining("2 attempts")
                        .extracting(SnmpBadInputTest::kind).isEqualTo(DriverErrorKind.TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600 + 5000));
            }
        }
    }

    @Test
    void anAgentAnsweringGarbageIsAProtocolError() throws Exception {
        try (DatagramSocket fake = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = Thread.ofVirtual().start(() -> answerGarbage(fake));
            try (DeviceSession s = driver.open(target(fake.getLocalPort(), "ups-mib", community("public"), TIMEOUT,
                    Map.of()))) {
                long start = System.nanoTime();
                assertThatThrownBy(s::poll).hasMessageContaining("device 'dev-1'").hasMessageContaining("malformed BER")
                        .extracting(SnmpBadInputTest::kind).isEqualTo(DriverErrorKind.PROTOCOL);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600 + 5000));
            }
            fake.close();
            responder.join(5000);
        }
    }

    /** Answers every datagram with bytes that start like a SEQUENCE and then break BER. */
    private static void answerGarbage(DatagramSocket socket) {
        byte[] buf = new byte[2048];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] garbage = {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f, 0x02, 0x01};
                socket.send(new DatagramPacket(garbage, garbage.length, p.getSocketAddress()));
            }
        } catch (SocketException closed) {
            // The test closed the socket: done.
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
