package org.dcsuite.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.time.Timestamps;
import org.dcsuite.simulator.DemoConfiguration;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.simulator.control.SimControlServer;
import org.dcsuite.simulator.control.SimControlToken;
import org.dcsuite.simulator.control.SimFaultInjector;
import org.dcsuite.simulator.model.SpeedClock;
import org.dcsuite.simulator.traffic.TrafficGenerator;
import org.dcsuite.simulator.traffic.TrafficPlan;
import org.dcsuite.simulator.traffic.TrafficPlanReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcsuite simulate}: runs only the simulator and prints every device's endpoint and credentials, so
 * snmpwalk, mbpoll, curl or any monitoring system can poll it, plus the URL of its fault-injection control API and
 * the file holding that API's token (by default {@link SimControlToken#DEFAULT_FILE}, which the {@code fault},
 * {@code clear} and {@code faults} subcommands read).
 */
@Command(name = "simulate",
        description = {
                "Runs the simulated fleet only: every device of the configuration on 127.0.0.1, speaking Modbus TCP,",
                "SNMP or Redfish as real devices do, driven by one physical model. Prints each device's endpoint and",
                "credentials, then runs until Ctrl-C. Without --config it runs the bundled demo fleet.",
                "It also serves a control API on 127.0.0.1 for injecting faults: see the fault, clear and faults",
                "subcommands; the API's bearer token is written to --token-file, never printed."},
        sortOptions = false,
        subcommands = {SimulateFaultCommand.class, SimulateClearCommand.class, SimulateFaultsCommand.class})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration folder whose devices to simulate (default: the bundled demo, 3 sites)")
    Path config;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the model's randomness; the same seed gives the same fleet (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Simulated seconds per real second, e.g. 60 for a minute a second (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--start", paramLabel = "TIME",
            description = "Simulated start time, RFC 3339 or unix seconds (default: now)")
    String start;

    @Option(names = "--control-port", paramLabel = "PORT", defaultValue = "" + SimControlServer.DEFAULT_PORT,
            description = "Port of the fault-injection control API on 127.0.0.1; 0 for any free port (default ${DEFAULT-VALUE})")
    int controlPort;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Where to write the control API's random bearer token, owner-only "
                    + "(default ~/.dcsuite/simulator-control.token)")
    Path tokenFile;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Also play the simulated applications of the configuration's traffic.yaml (the bundled "
                    + "demo has one) and export their spans over OTLP/HTTP to this traces URL, e.g. "
                    + "http://127.0.0.1:4318/v1/traces; their rate follows the simulated clock, so --speed "
                    + "multiplies it")
    URI otlpEndpoint;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0) || speed > 100_000) {
            throw new UsageException("--speed: must be greater than 0 and at most 100000, got " + speed);
        }
        if (controlPort < 0 || controlPort > 65535) {
            throw new UsageException("--control-port: must be 0-65535, got " + controlPort);
        }
        if (otlpEndpoint != null && !("http".equals(otlpEndpoint.getScheme())
                || "https".equals(otlpEndpoint.getScheme()))) {
            throw new UsageException("--otlp-endpoint: an http:// or https:// URL such as "
                    + "http://127.0.0.1:4318/v1/traces, got " + otlpEndpoint);
        }
        Instant simulatedStart = start == null ? Instant.now() : Timestamps.parse(start, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = config;
        Path demo = null;
        if (dir == null) {
            demo = Files.createTempDirectory("dcsuite-demo");
            dir = DemoConfiguration.writeTo(demo);
        }
        DcsuiteConfig loaded;
        Optional<TrafficPlan> traffic = Optional.empty();
        try {
            loaded = ConfigLoader.load(dir);
            if (otlpEndpoint != null) {
                traffic = Optional.of(TrafficPlanReader.load(dir,
                        loaded.sites().stream().map(Site::id).collect(Collectors.toSet())));
            }
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(new ConfigProblem(dir.resolve(p.file()).normalize(), p.line(), p.column(), p.field(), p.message()));
            }
            err.flush();
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SpeedClock clock = new SpeedClock(simulatedStart, speed);
        Simulator simulator = Simulator.start(loaded, seed, clock);
        Path tokenPath = tokenFile == null ? SimControlToken.DEFAULT_FILE : tokenFile.toAbsolutePath();
        SimControlServer control = null;
        try {
            // The port is bound before the token file is written, so a second simulator that cannot bind the
            // default port leaves the first one's token in place.
            Secret token = SimControlToken.generate();
            control = SimControlServer.start(SimFaultInjector.of(simulator, loaded, clock), controlPort, token);
            SimControlToken.write(tokenPath, token);
        } catch (IOException | RuntimeException e) {
            if (control != null) {
                control.close();
            }
            simulator.close();
            TemporaryFolders.deleteQuietly(demo);
            throw e;
        }
        Map<String, ZoneId> zones = loaded.sites().stream().collect(Collectors.toMap(Site::id, Site::timeZone));
        Optional<TrafficGenerator> applications = traffic.map(plan -> {
            TrafficGenerator generator = TrafficGenerator.exportingTo(otlpEndpoint, plan, zones, seed, clock.instant());
            generator.playLive(clock);
            return generator;
        });
        Path demoDir = demo;
        SimControlServer controlServer = control;
        Thread hook = new Thread(() -> {
            applications.ifPresent(TrafficGenerator::close);
            controlServer.close();
            simulator.close();
            TemporaryFolders.deleteQuietly(demoDir);
            try {
                // A stale token would only make the fault commands fail later with a less helpful message.
                Files.deleteIfExists(tokenPath);
            } catch (IOException e) {
                // The next start replaces it.
            }
            stopped.countDown();
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("dcsuite simulator: " + loaded.summary() + (config == null ? " (bundled demo)" : "") + ", seed "
                + seed + ", speed " + speed + "x, simulated start " + simulatedStart);
        out.printf("%-22s %-8s %-38s %s%n", "DEVICE", "KIND", "ENDPOINT", "CREDENTIALS");
        for (Simulator.SimulatedEndpoint e : simulator.endpoints()) {
            out.printf("%-22s %-8s %-38s %s%n", e.deviceId(), e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    e.endpoint(), e.credentials());
        }
        out.println("control API: " + controlServer.uri() + " (bearer token in " + tokenPath + "; inject faults with "
                + "'dcsuite simulate fault DEVICE FAULT')");
        applications.ifPresent(a -> out.println("applications: " + a.services() + " simulated services exporting "
                + "spans to " + otlpEndpoint));
        out.println("dcsuite simulator running: " + simulator.endpoints().size() + " devices; Ctrl-C to stop");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
