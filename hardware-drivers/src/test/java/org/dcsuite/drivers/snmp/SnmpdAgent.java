package org.dcsuite.drivers.snmp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A net-snmp {@code snmpd} started for a test on a free loopback port, serving the fixture walks through
 * {@code snmp_pass_persist.py} beside v2c communities and SNMPv3 users. Skips the test loudly when snmpd is
 * not installed, and fails instead when {@code CI=true}.
 */
final class SnmpdAgent implements AutoCloseable {

    static final Path SNMPD = Path.of("/usr/sbin/snmpd");
    static final String AUTH = "authpass123";
    static final String PRIV = "privpass123";
    /** SNMPv3 users: name, net-snmp auth protocol, net-snmp priv protocol. */
    static final List<String[]> USERS = List.of(new String[] {"shaaes", "SHA", "AES"},
            new String[] {"md5des", "MD5", "DES"}, new String[] {"sha256aes256", "SHA-256", "AES-256"},
            new String[] {"sha512aes192", "SHA-512", "AES-192"}, new String[] {"sha224aes", "SHA-224", "AES"},
            new String[] {"sha384aes", "SHA-384", "AES"});
    static final List<String> FIXTURES = List.of("ups-mib", "entity-sensor", "apc-rpdu2", "raritan-pdu2");
    /** Subtrees served by the script: UPS-MIB, ENTITY-SENSOR-MIB, entPhysicalName, APC, Raritan. */
    private static final List<String> SUBTREES = List.of(".1.3.6.1.2.1.33", ".1.3.6.1.2.1.99",
            ".1.3.6.1.2.1.47.1.1.1.1.7", ".1.3.6.1.4.1.318", ".1.3.6.1.4.1.13742");

    private final Process process;
    private final int port;
    private final Path dir;

    private SnmpdAgent(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static void assumeInstalled() {
        if (!Files.isExecutable(SNMPD)) {
            String message = "net-snmp snmpd not found at " + SNMPD + ": install the Debian packages snmpd and snmp";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
    }

    /** Starts snmpd serving the fixtures plus {@code extraWalks} (file name to content). */
    static SnmpdAgent start(Path dir, List<Path> extraWalks) throws IOException, InterruptedException {
        assumeInstalled();
        Path walks = dir.resolve("w");
        Files.createDirectories(walks);
        for (String f : FIXTURES) {
            copy(f + ".snmpwalk", walks.resolve(f + ".snmpwalk"));
        }
        for (Path extra : extraWalks) {
            Files.copy(extra, walks.resolve(extra.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path script = dir.resolve("pp.py");
        copy("snmp_pass_persist.py", script);
        int port = freeUdpPort();
        StringBuilder conf = new StringBuilder();
        conf.append("rocommunity public 127.0.0.1\n");
        conf.append("rwcommunity private 127.0.0.1\n");
        for (String[] u : USERS) {
            conf.append("createUser ").append(u[0]).append(' ').append(u[1]).append(" \"").append(AUTH)
                    .append("\" ").append(u[2]).append(" \"").append(PRIV).append("\"\n");
            conf.append("rwuser ").append(u[0]).append(" priv\n");
        }
        conf.append("createUser authonly SHA \"").append(AUTH).append("\"\nrouser authonly auth\n");
        for (String subtree : SUBTREES) {
            conf.append("pass_persist ").append(subtree).append(" /usr/bin/python3 ").append(script).append(' ')
                    .append(subtree).append(' ').append(walks).append('\n');
        }
        Path confFile = dir.resolve("snmpd.conf");
        Files.writeString(confFile, conf.toString());
        ProcessBuilder pb = new ProcessBuilder(SNMPD.toString(), "-f", "-Lo", "-C", "-c", confFile.toString(),
                "udp:127.0.0.1:" + port);
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
        SnmpdAgent agent = new SnmpdAgent(pb.start(), port, dir);
        agent.awaitReady();
        return agent;
    }

    int port() {
        return port;
    }

    /** Runs a net-snmp command-line tool against this agent and returns its output. */
    String tool(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        cmd.add("127.0.0.1:" + port);
        return run(cmd);
    }

    /** {@code snmpget -v2c -c public -Oqv} of one OID: the raw value as net-snmp prints it. */
    String snmpget(String oid) throws IOException, InterruptedException {
        List<String> cmd = List.of("snmpget", "-v2c", "-c", "public", "-Oqv", "-On", "127.0.0.1:" + port, oid);
        return run(cmd).trim();
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("snmpd exited: " + Files.readString(dir.resolve("snmpd.log")));
            }
            String out = run(List.of("snmpget", "-v2c", "-c", "public", "-t", "0.5", "-r", "0", "-Oqv",
                    "127.0.0.1:" + port, "1.3.6.1.2.1.1.3.0"));
            if (!out.contains("Timeout") && !out.isBlank()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("snmpd did not answer within 15 s");
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = SnmpdAgent.class.getResourceAsStream(resource)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
