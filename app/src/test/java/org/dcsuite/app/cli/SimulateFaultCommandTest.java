package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.DemoConfiguration;
import org.dcsuite.simulator.control.SimControlServer;
import org.dcsuite.simulator.control.SimControlToken;
import org.dcsuite.simulator.control.SimFaultInjector;
import org.dcsuite.simulator.model.FaultSchedule;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcsuite simulate fault|clear|faults} against a real control API over the demo fleet's model. */
class SimulateFaultCommandTest {

    @TempDir
    Path dir;

    private SimControlServer server;
    private FaultSchedule wire;
    private Path tokenFile;

    @BeforeEach
    void setUp() throws Exception {
        DcsuiteConfig config = ConfigLoader.load(DemoConfiguration.writeTo(dir.resolve("demo")));
        MutableClock clock = new MutableClock(Instant.parse("2025-03-10T08:00:00Z"));
        wire = new FaultSchedule(clock);
        SimFaultInjector injector = new SimFaultInjector(new SimulatedFleet(config, 1, clock), wire,
                config.sites().stream().map(Site::id).toList(), clock);
        Secret token = SimControlToken.generate();
        server = SimControlServer.start(injector, 0, token);
        tokenFile = dir.resolve("control.token");
        SimControlToken.write(tokenFile, token);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--control";
        all[args.length + 1] = server.uri().toString();
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = tokenFile.toString();
        return CliRun.of(all);
    }

    @Test
    void injectsListsAndClears() {
        CliRun fault = run("simulate", "fault", "dallas-r01-srv-01", "slow", "--latency", "2s", "--for", "5m");
        assertThat(fault.exitCode()).as(fault.err()).isZero();
        assertThat(fault.out()).isEqualTo("injected slow on dallas-r01-srv-01 from 2025-03-10T08:00:00Z until "
                + "2025-03-10T08:05:00Z (latency 2s)\n");
        assertThat(wire.current("dallas-r01-srv-01").latency()).hasSeconds(2);

        assertThat(run("simulate", "fault", "dallas-r01-pdu-a", "breaker_tripped", "--phase", "L2").exitCode()).isZero();
        CliRun list = run("simulate", "faults");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("slow on dallas-r01-srv-01")
                .contains("breaker_tripped on dallas-r01-pdu-a from 2025-03-10T08:00:00Z until cleared (phase L2)");

        CliRun clear = run("simulate", "clear", "dallas-r01-srv-01");
        assertThat(clear.exitCode()).isZero();
        assertThat(clear.out()).isEqualTo("cleared every fault of dallas-r01-srv-01\n");
        assertThat(wire.current("dallas-r01-srv-01").latency()).isZero();
        assertThat(run("simulate", "faults").out()).doesNotContain("srv-01").contains("dallas-r01-pdu-a");
    }

    @Test
    void anEmptyListSaysSo() {
        assertThat(run("simulate", "faults").out()).isEqualTo("no faults\n");
    }

    @Test
    void badFlagsAreUsageErrorsWithoutCallingTheSimulator() {
        assertUsage(CliRun.of("simulate", "fault", "x", "down", "--for", "soon", "--token-file", "/nonexistent"),
                "--for: invalid duration 'soon'");
        assertUsage(CliRun.of("simulate", "fault", "x", "explode"), "unknown fault 'explode'; use one of down, slow");
        assertUsage(CliRun.of("simulate", "fault", "x", "feed_lost", "--feed", "C"), "--feed: use A or B");
        assertUsage(CliRun.of("simulate", "fault", "x", "down", "--control", "ftp://h"), "--control: expected http");
        assertUsage(CliRun.of("simulate", "fault", "x"), "Missing required parameter: 'FAULT'");
        assertUsage(CliRun.of("simulate", "faults", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void inputTheSimulatorRejectsIsAUsageErrorNamingTheDevice() {
        CliRun r = run("simulate", "fault", "dallas-crac-1", "breaker_tripped");
        assertUsage(r, "dcsuite fault: fault: device 'dallas-crac-1' is a cooling, which accepts down, slow, garbage, "
                + "cooling_failed, stuck_sensor; not breaker_tripped");
        assertUsage(run("simulate", "clear", "nowhere"), "unknown simulated device or site 'nowhere'");
    }

    @Test
    void anUnreachableSimulatorIsOneLineAndExit1() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun r = CliRun.of("simulate", "faults", "--control", "http://127.0.0.1:" + closed,
                "--token-file", tokenFile.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).isEqualTo("dcsuite faults: no simulator control API at http://127.0.0.1:" + closed
                + " (is `dcsuite simulate` running? it prints its control URL at start; see --control)\n");
    }

    @Test
    void aMissingOrWrongTokenIsExit1WithoutShowingIt() throws Exception {
        CliRun missing = CliRun.of("simulate", "faults", "--control", server.uri().toString(),
                "--token-file", dir.resolve("absent.token").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err()).contains("no control token file").contains("absent.token");

        Secret other = SimControlToken.generate();
        Path wrong = dir.resolve("other.token");
        SimControlToken.write(wrong, other);
        CliRun refused = CliRun.of("simulate", "faults", "--control", server.uri().toString(),
                "--token-file", wrong.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("refused the token in " + wrong).doesNotContain(other.reveal());
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message);
    }
}
