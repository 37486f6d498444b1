package org.dcsuite.tests.e2e;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-site fleet for end-to-end tests of the simulator: a SunSpec meter, a UPS, a CRAC, an A and a B PDU and
 * two servers, on free loopback ports, with the demo credentials. Each SNMP device has its own loopback address, as
 * real devices have their own IP, so their traps are matched to them. Every receiver listens on a free port, and
 * dcsuite's own spans go to its own OTLP receiver.
 */
final class SmallFleetConfig {

    private SmallFleetConfig() {
    }

    /** Writes the configuration folder under {@code work} and returns it. */
    static Path write(Path work) throws Exception {

        Path dir = Files.createDirectories(work.resolve("config/sites"));
        int otlpPort = tcpPort();
        Files.writeString(dir.getParent().resolve("dcsuite.yaml"), """
                version: dcsuite/v1
                receivers:
                  otlp: { port: %d }
                  snmp_traps: { bind: 127.0.0.1, port: 0 }
                  redfish_events: { bind: 127.0.0.1, port: 0, advertise_host: 127.0.0.1 }
                tracing:
                  otlp_endpoint: http://127.0.0.1:%d/v1/traces
                """.formatted(otlpPort, otlpPort));
        Files.writeString(dir.resolve("site1.yaml"), """
                version: dcsuite/v1
                site:
                  id: site1
                  time_zone: Europe/Paris
                  devices:
                    - { id: site1-meter, kind: meter, endpoint: "modbus://127.0.0.1:%d?unit=1", profile: sunspec-meter }
                  rooms:
                    - id: room-1
                      devices:
                        - { id: site1-ups, kind: ups, endpoint: "snmp://127.0.0.11:%d", profile: ups-mib,
                            credentials: { community: demo-public } }
                        - { id: site1-crac, kind: cooling, endpoint: "modbus://127.0.0.1:%d?unit=1", profile: generic-crac }
                      racks:
                        - id: r01
                          devices:
                            - { id: r01-pdu-a, kind: pdu, feed: A, endpoint: "snmp://127.0.0.12:%d", profile: raritan-pdu2,
                                credentials: { community: demo-public } }
                            - { id: r01-pdu-b, kind: pdu, feed: B, endpoint: "snmp://127.0.0.13:%d", profile: raritan-pdu2,
                                credentials: { community: demo-public } }
                            - { id: r01-srv-01, kind: server, endpoint: "redfish://127.0.0.1:%d",
                                credentials: { username: demo, password: demo-bmc } }
                            - { id: r01-srv-02, kind: server, endpoint: "redfish://127.0.0.1:%d",
                                credentials: { username: demo, password: demo-bmc } }
                """.formatted(tcpPort(), udpPort(), tcpPort(), udpPort(), udpPort(), tcpPort(), tcpPort()));
        return dir.getParent();
    }

    private static int tcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int udpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
