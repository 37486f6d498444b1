package org.dcsuite.simulator.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcsuite.simulator.state.PduState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated PDU read and switched by an independent SNMP implementation: net-snmp's command-line tools over
 * SNMPv2c and SNMPv3 authPriv (SHA/AES). Skipped with a notice when net-snmp is not installed, except under
 * {@code CI=true}, where that fails.
 */
class SimSnmpNetSnmpIT {

    private static final List<String> TOOLS = List.of("snmpget", "snmpwalk", "snmpbulkwalk", "snmpset");

    private final SimSnmpFixtures.Controls controls = new SimSnmpFixtures.Controls(SimSnmpFixtures.pdu());
    private SimSnmpAgent agent;

    @BeforeAll
    static void requireNetSnmp() {
        List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
        if (!missing.isEmpty()) {
            String message = "net-snmp tools missing: " + missing + " (apt-get install snmp)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            System.err.println("SKIPPED SimSnmpNetSnmpIT: " + message);
            Assumptions.abort(message);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @BeforeEach
    void start() {
        agent = SimSnmpFixtures.withCredentials(SimSnmpAgent.pdu("pdu-1", controls.state::get, controls)).start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private record Result(int exit, String out) {
    }

    private Result run(String tool, List<String> security, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tool, "-On", "-Oqv", "-r", "0", "-t", "2"));
        cmd.addAll(security);
        cmd.add("127.0.0.1:" + agent.port());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // No MIB files: numeric OIDs only, and no warnings about missing MIBs in the output.
        pb.environment().put("MIBS", "");
        pb.environment().put("MIBDIRS", "/nonexistent");
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(tool + " did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    private static List<String> v2c(String community) {
        return List.of("-v2c", "-c", community);
    }

    private static List<String> v3(String auth) {
        return List.of("-v3", "-l", "authPriv", "-u", SimSnmpFixtures.USER, "-a", "SHA", "-A", auth, "-x", "AES", "-X",
                SimSnmpFixtures.PRIV_PASS);
    }

    private static String oid(Object column, String index) {
        return column + "." + index;
    }

    @Test
    void snmpgetReadsTheRawPdu2MibValues() throws Exception {
        PduState pdu = controls.state.get();
        Result r = run("snmpget", v2c(SimSnmpFixtures.READ_COMMUNITY), "1.3.6.1.2.1.1.2.0",
                oid(SimSnmpPduMib.INLET_VALUE, "1.1.5"), oid(SimSnmpPduMib.OUTLET_VALUE, "1.1.1"),
                oid(SimSnmpPduMib.OUTLET_DECIMALS, "1.1.1"), oid(SimSnmpPduMib.OUTLET_NAME, "1.2"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "." + SimSnmpPduMib.SYS_OBJECT_ID,
                String.valueOf(Math.round(pdu.powerW())),
                String.valueOf(Math.round(pdu.outlets().get(0).currentA() * 1000)),
                "3",
                "\"" + pdu.outlets().get(1).name() + "\"");
    }

    @Test
    void snmpwalkAndSnmpbulkwalkSeeTheSameTable() throws Exception {
        int rows = controls.state.get().outlets().size() * 6;
        Result walk = run("snmpwalk", v2c(SimSnmpFixtures.READ_COMMUNITY), SimSnmpPduMib.OUTLET_VALUE.toString());
        Result bulk = run("snmpbulkwalk", v2c(SimSnmpFixtures.READ_COMMUNITY), "-Cr7",
                SimSnmpPduMib.OUTLET_VALUE.toString());
        assertThat(walk.exit()).as(walk.out()).isZero();
        assertThat(walk.out().lines()).hasSize(rows);
        assertThat(bulk.out()).isEqualTo(walk.out());
        // A walk of everything ends cleanly at endOfMibView.
        Result all = run("snmpbulkwalk", v2c(SimSnmpFixtures.READ_COMMUNITY), "-Cr50", ".1");
        assertThat(all.exit()).as(all.out()).isZero();
        assertThat(all.out().lines().count()).isGreaterThan(rows);
    }

    @Test
    void snmpsetOverV2cSwitchesAnOutletThroughDeviceControls() throws Exception {
        String switching = oid(SimSnmpPduMib.SWITCHING_OPERATION, "1.1");
        Result set = run("snmpset", v2c(SimSnmpFixtures.WRITE_COMMUNITY), switching, "i", "0");
        assertThat(set.exit()).as(set.out()).isZero();
        assertThat(controls.calls).containsExactly("pdu-1/1=off");
        assertThat(run("snmpget", v2c(SimSnmpFixtures.READ_COMMUNITY), switching).out()).isEqualTo("0");
        // The read community may not SET.
        assertThat(run("snmpset", v2c(SimSnmpFixtures.READ_COMMUNITY), switching, "i", "1").out())
                .contains("noAccess");
        assertThat(controls.calls).containsExactly("pdu-1/1=off");
    }

    @Test
    void snmpV3AuthPrivReadsAndSets() throws Exception {
        Result get = run("snmpget", v3(SimSnmpFixtures.AUTH_PASS), "1.3.6.1.2.1.1.5.0");
        assertThat(get.exit()).as(get.out()).isZero();
        assertThat(get.out()).isEqualTo("\"" + controls.state.get().name() + "\"");
        Result set = run("snmpset", v3(SimSnmpFixtures.AUTH_PASS), oid(SimSnmpPduMib.SWITCHING_OPERATION, "1.3"),
                "i", "1");
        assertThat(set.exit()).as(set.out()).isZero();
        assertThat(controls.calls).containsExactly("pdu-1/3=on");
        Result wrong = run("snmpget", v3("not-the-passphrase"), "1.3.6.1.2.1.1.5.0");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.out()).containsIgnoringCase("authentication failure");
    }
}
