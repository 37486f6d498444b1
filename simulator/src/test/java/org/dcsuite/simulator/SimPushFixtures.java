package org.dcsuite.simulator;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;

/**
 * A small site for the push tests, every device on a free port: a UPS and two PDUs on SNMPv2c with community
 * {@link #COMMUNITY}, and one server whose BMC takes {@link #BMC_USER}/{@link #BMC_PASSWORD}.
 */
public final class SimPushFixtures {

    public static final String COMMUNITY = "push-public";
    public static final String BMC_USER = "push";
    public static final String BMC_PASSWORD = "push-bmc-pw";
    public static final String UPS = "p-ups";
    public static final String PDU = "p-r01-pdu-a";
    public static final String SERVER = "p-r01-srv-01";
    /** The bound of every "eventually": generous, since a loaded 2-core machine may be slow. */
    public static final Duration EVENTUALLY = Duration.ofSeconds(30);
    /** Scans often, so tests do not wait for the default interval. */
    public static final Duration SCAN = Duration.ofMillis(50);

    private SimPushFixtures() {
    }

    /** Writes the configuration folder into {@code dir} and loads it. */
    public static DcsuiteConfig config(Path dir) throws Exception {
        Path sites = Files.createDirectories(dir.resolve("config/sites"));
        Files.writeString(sites.getParent().resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.writeString(sites.resolve("push.yaml"), """
                version: dcsuite/v1
                site:
                  id: push
                  time_zone: Europe/Paris
                  rooms:
                    - id: room-1
                      devices:
                        - { id: %s, kind: ups, endpoint: "snmp://127.0.0.1:%d", credentials: { community: %s } }
                      racks:
                        - id: r01
                          devices:
                            - { id: %s, kind: pdu, feed: A, endpoint: "snmp://127.0.0.1:%d",
                                credentials: { community: %s } }
                            - { id: p-r01-pdu-b, kind: pdu, feed: B, endpoint: "snmp://127.0.0.1:%d",
                                credentials: { community: %s } }
                            - { id: %s, kind: server, endpoint: "redfish://127.0.0.1:%d",
                                credentials: { username: %s, password: %s } }
                """.formatted(UPS, udpPort(), COMMUNITY, PDU, udpPort(), COMMUNITY, udpPort(), COMMUNITY, SERVER,
                tcpPort(), BMC_USER, BMC_PASSWORD));
        return ConfigLoader.load(sites.getParent());
    }

    /** Polls until the condition holds, failing with {@code what} after {@link #EVENTUALLY}. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + EVENTUALLY + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int tcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int udpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
