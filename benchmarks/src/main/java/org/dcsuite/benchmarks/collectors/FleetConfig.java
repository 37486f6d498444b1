package org.dcsuite.benchmarks.collectors;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a benchmark fleet as a configuration folder: sites of 76 devices (4 racks x 16 Redfish servers, 8 SNMP
 * PDUs, an SNMP UPS, 2 Modbus CRACs and a Modbus SunSpec meter), the mix of {@code SimulatorBenchmark}, every
 * device on its own free loopback port below the ephemeral range.
 */
final class FleetConfig {

    static final int DEVICES_PER_SITE = 76;
    private static final int RACKS = 4;
    private static final int SERVERS = 16;

    /** The first port tried; Linux hands out ephemeral ports from 32768 up. */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_767;

    private int next = FIRST_PORT;

    /** Writes {@code sites} sites into {@code dir}, which becomes a configuration folder. */
    void write(Path dir, int sites) throws IOException {
        Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        for (int s = 1; s <= sites; s++) {
            StringBuilder y = new StringBuilder();
            y.append("version: dcsuite/v1\nsite:\n  id: s").append(s).append("\n  time_zone: UTC\n  devices:\n");
            y.append("    - { id: s").append(s).append("-meter, kind: meter, endpoint: \"modbus://127.0.0.1:")
                    .append(tcp()).append("?unit=1\", profile: sunspec-meter }\n");
            y.append("  rooms:\n    - id: room\n      devices:\n");
            y.append("        - { id: s").append(s).append("-ups, kind: ups, endpoint: \"snmp://127.0.0.1:")
                    .append(udp()).append("\", profile: ups-mib, credentials: { community: bench } }\n");
            for (int c = 1; c <= 2; c++) {
                y.append("        - { id: s").append(s).append("-crac-").append(c)
                        .append(", kind: cooling, endpoint: \"modbus://127.0.0.1:").append(tcp())
                        .append("?unit=1\", profile: generic-crac }\n");
            }
            y.append("      racks:\n");
            for (int r = 1; r <= RACKS; r++) {
                y.append("        - id: r").append(r).append("\n          devices:\n");
                for (String feed : new String[] {"A", "B"}) {
                    y.append("            - { id: s").append(s).append("-r").append(r).append("-pdu-")
                            .append(feed.toLowerCase(Locale.ROOT)).append(", kind: pdu, feed: ").append(feed)
                            .append(", endpoint: \"snmp://127.0.0.1:").append(udp())
                            .append("\", profile: raritan-pdu2, credentials: { community: bench } }\n");
                }
                for (int n = 1; n <= SERVERS; n++) {
                    y.append("            - { id: s").append(s).append("-r").append(r).append("-srv-").append(n)
                            .append(", kind: server, endpoint: \"redfish://127.0.0.1:").append(tcp())
                            .append("\", credentials: { username: bench, password: bench-pw } }\n");
                }
            }
            Files.writeString(dir.resolve("sites/s" + s + ".yaml"), y.toString());
        }
    }

    /**
     * A free TCP port below the kernel's ephemeral range, so no socket opened meanwhile (the simulator's own
     * clients, other processes) can take it before the simulator binds it.
     */
    private int tcp() throws IOException {
        while (true) {
            if (next > LAST_PORT) {
                throw new IOException("no free port left between " + FIRST_PORT + " and " + LAST_PORT);
            }
            int port = next++;
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // Taken: try the next one.
            }
        }
    }

    private int udp() throws IOException {
        while (true) {
            if (next > LAST_PORT) {
                throw new IOException("no free port left between " + FIRST_PORT + " and " + LAST_PORT);
            }
            int port = next++;
            try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // Taken: try the next one.
            }
        }
    }
}
