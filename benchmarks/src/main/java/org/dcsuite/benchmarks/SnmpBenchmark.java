package org.dcsuite.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.snmp.SnmpDriver;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * SNMP table rows per second: the driver (GETBULK walk of the ENTITY-SENSOR-MIB table plus decoding) against a raw
 * SNMP4J GETBULK loop over the same columns and net-snmp's {@code snmpbulkwalk}, all against one net-snmp
 * {@code snmpd} serving a generated sensor table through the test pass_persist script.
 *
 * <p>{@code java -jar dcsuite-benchmarks.jar snmp [ROWS] [ROUNDS]} (default 1000 rows, 5 rounds). Needs
 * /usr/sbin/snmpd, snmpbulkwalk and /usr/bin/python3.
 */
public final class SnmpBenchmark {

    private static final String TABLE = "1.3.6.1.2.1.99.1.1.1";
    private static final int MAX_REPETITIONS = 25;

    private SnmpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("dcsuite-snmp-bench");
        Path walks = Files.createDirectories(dir.resolve("w"));
        writeTable(walks.resolve("bench.snmpwalk"), rows);
        Path script = dir.resolve("pp.py");
        try (InputStream in = SnmpDriver.class.getResourceAsStream("snmp_pass_persist.py")) {
            if (in == null) {
                throw new IllegalStateException("snmp_pass_persist.py not on the class path (hardware-drivers test-jar)");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String conf = "rocommunity public 127.0.0.1\n"
                + "pass_persist .1.3.6.1.2.1.99 /usr/bin/python3 " + script + " .1.3.6.1.2.1.99 " + walks + "\n"
                + "pass_persist .1.3.6.1.2.1.47.1.1.1.1.7 /usr/bin/python3 " + script + " .1.3.6.1.2.1.47.1.1.1.1.7 "
                + walks + "\n";
        Files.writeString(dir.resolve("snmpd.conf"), conf);
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c",
                dir.resolve("snmpd.conf").toString(), "udp:127.0.0.1:" + port);
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
        Process snmpd = pb.start();
        try {
            Thread.sleep(1500);
            // Warm-up: the pass_persist script and the JIT.
            driverRound(port, rows);
            rawRound(port);
            double driver = 0;
            double raw = 0;
            double netSnmp = 0;
            for (int i = 0; i < rounds; i++) {
                driver += timed(() -> driverRound(port, rows));
                raw += timed(() -> rawRound(port));
                netSnmp += timed(() -> bulkwalk(port));
            }
            System.out.printf("SNMP GETBULK, ENTITY-SENSOR-MIB table of %d rows x 5 columns (+ entPhysicalName), "
                    + "max-repetitions %d, net-snmp snmpd + pass_persist on loopback, %d rounds%n", rows,
                    MAX_REPETITIONS, rounds);
            System.out.printf("  driver (walk + decode):      %8.0f rows/s%n", rows * rounds / driver);
            System.out.printf("  raw SNMP4J GETBULK loop:     %8.0f rows/s%n", rows * rounds / raw);
            System.out.printf("  net-snmp snmpbulkwalk:       %8.0f rows/s (5 columns, one process per walk)%n",
                    rows * rounds / netSnmp);
            System.out.printf("  driver / raw:                %8.2f (target >= 0.8)%n", raw / driver);
        } finally {
            snmpd.destroy();
            snmpd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private interface Round {
        void run() throws Exception;
    }

    private static double timed(Round r) throws Exception {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void driverRound(int port, int rows) {
        Endpoint endpoint = new Endpoint(URI.create("snmp://127.0.0.1:" + port), Protocol.SNMP, "127.0.0.1", port);
        Credentials c = new Credentials(Optional.of(Secret.of("public")), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        DeviceTarget t = new DeviceTarget("bench", endpoint, Optional.of("entity-sensor"), c, Duration.ofSeconds(5), 1,
                Map.of("snmp.max_repetitions", Integer.toString(MAX_REPETITIONS)), Clock.systemUTC());
        try (DeviceSession s = new SnmpDriver().open(t)) {
            PollResult r = s.poll();
            if (r.readings().size() != rows) {
                throw new IllegalStateException("expected " + rows + " readings, got " + r.readings().size()
                        + " and " + r.errors().size() + " errors");
            }
        }
    }

    /** The same six columns walked side by side with GETBULK, without decoding. */
    private static void rawRound(int port) throws IOException {
        List<OID> columns = new ArrayList<>();
        for (int col : new int[] {4, 1, 2, 3, 5}) {
            columns.add(new OID(TABLE + "." + col));
        }
        columns.add(new OID("1.3.6.1.2.1.47.1.1.1.1.7"));
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getLoopbackAddress(), port), new OctetString("public"));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(5000);
            List<OID> cursor = new ArrayList<>(columns);
            List<OID> active = new ArrayList<>(columns);
            while (!active.isEmpty()) {
                PDU pdu = new PDU();
                pdu.setType(PDU.GETBULK);
                pdu.setMaxRepetitions(Math.max(1, MAX_REPETITIONS / active.size()));
                for (OID c : active) {
                    pdu.add(new VariableBinding(cursor.get(columns.indexOf(c))));
                }
                PDU response = snmp.send(pdu, target).getResponse();
                if (response == null) {
                    throw new IOException("raw GETBULK timed out");
                }
                List<OID> ended = new ArrayList<>();
                List<OID> asked = List.copyOf(active);
                for (int i = 0; i < response.size(); i++) {
                    OID column = asked.get(i % asked.size());
                    VariableBinding vb = response.get(i);
                    if (ended.contains(column)) {
                        continue;
                    }
                    if (vb.isException() || !vb.getOid().startsWith(column)) {
                        ended.add(column);
                    } else {
                        cursor.set(columns.indexOf(column), vb.getOid());
                    }
                }
                active.removeAll(ended);
            }
        }
    }

    private static void bulkwalk(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("snmpbulkwalk", "-v2c", "-c", "public", "-On", "-Cr" + MAX_REPETITIONS,
                "127.0.0.1:" + port, TABLE).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.waitFor();
    }

    /** An ENTITY-SENSOR-MIB table of celsius sensors, in snmpwalk -On format. */
    private static void writeTable(Path file, int rows) throws IOException {
        StringBuilder b = new StringBuilder();
        int[][] columns = {{1, 8}, {2, 9}, {3, 1}, {4, -1}, {5, 1}};
        for (int[] col : columns) {
            for (int i = 1; i <= rows; i++) {
                int value = col[1] == -1 ? 200 + i % 100 : col[1];
                b.append('.').append(TABLE).append('.').append(col[0]).append('.').append(i).append(" = INTEGER: ")
                        .append(value).append('\n');
            }
        }
        for (int i = 1; i <= rows; i++) {
            b.append(".1.3.6.1.2.1.47.1.1.1.1.7.").append(i).append(" = STRING: \"sensor ").append(i).append("\"\n");
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
