package org.dcsuite.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dcsuite.app.http.ApiTokenFile;
import org.dcsuite.app.http.EnergyApi;
import org.dcsuite.app.http.EngineApis;
import org.dcsuite.app.http.SloApi;
import org.dcsuite.app.server.DcsuiteServer;
import org.dcsuite.app.server.ServerStartException;
import org.dcsuite.app.server.ServerSettings;
import org.dcsuite.app.bus.VertxTelemetryBus;
import org.dcsuite.app.run.RunningCollectors;
import org.dcsuite.app.run.SelfTracing;
import org.dcsuite.app.run.SloEvaluationCycle;
import org.dcsuite.collectors.otlp.OtlpHttpReceiver;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.config.DashboardConfig;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.dcsuite.core.config.ReceiversConfig;
import org.dcsuite.core.config.RedfishEventReceiverConfig;
import org.dcsuite.core.config.SnmpTrapReceiverConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.dashboard.DashboardServer;
import org.dcsuite.dashboard.DashboardSettings;
import org.dcsuite.energy.config.EnergyConfigReader;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.report.EnergyService;
import org.dcsuite.simulator.DemoConfiguration;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.dcsuite.simulator.control.SimControlServer;
import org.dcsuite.simulator.control.SimControlToken;
import org.dcsuite.simulator.traffic.TrafficGenerator;
import org.dcsuite.simulator.traffic.TrafficPlan;
import org.dcsuite.simulator.traffic.TrafficPlanReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code dcsuite run}: polls the configuration's devices into the store and serves it over HTTP until Ctrl-C
 * or SIGTERM. Without a configuration it runs the bundled demo fleet, simulated in the same process.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Polls every device of the configuration through its driver into the store, serves the dashboard "
                        + "(http://localhost:" + DashboardConfig.DEFAULT_PORT + ", login with dashboard.users) and the "
                        + "HTTP API: GET /health, GET /metrics (Prometheus text format), the Prometheus query API "
                        + "(/api/v1/query, /api/v1/query_range, /api/v1/series, /api/v1/labels, "
                        + "/api/v1/label/NAME/values), so Grafana can use dcsuite as a Prometheus data source, and "
                        + "GET /api/v1/events.",
                "It also receives SNMP traps and informs (UDP " + SnmpTrapReceiverConfig.DEFAULT_PORT + "), Redfish "
                        + "events (HTTP " + RedfishEventReceiverConfig.DEFAULT_PORT + ", subscribing each Redfish "
                        + "device) and OTLP/HTTP traces (" + OtlpReceiverConfig.DEFAULT_PORT + ", POST /v1/traces), "
                        + "stores events with their device and turns spans into trace SLI series.",
                "Without --config it runs the bundled demo fleet (3 sites, 152 devices) and simulates it on "
                        + "loopback in the same process, so the real drivers poll a living fleet, and plays its "
                        + "simulated applications (traffic.yaml) into the OTLP receiver, so its trace SLOs have data; "
                        + "the demo's dashboard users are listed in README.md.",
                "Settings come from the command line, else the configuration folder, else the defaults."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped by Ctrl-C or SIGTERM after finishing in-flight requests",
                "1:invalid configuration, or start-up failed (port in use, store locked by another process)",
                "2:the command line is wrong (unknown flag, unsupported store URL, port out of range)"},
        footer = {
                "%nAuthentication: /api/** and /metrics need 'Authorization: Bearer TOKEN'; /health does not. "
                        + "Tokens are http.api_tokens in dcsuite.yaml. When none are configured, dcsuite creates a "
                        + "random token on first start in the file api-token next to the DuckDB database "
                        + "(./data/api-token for PostgreSQL), readable only by its owner, reuses it on later starts "
                        + "and logs the file's path, never the token.",
                "%nExample: curl -H \"Authorization: Bearer $(cat data/api-token)\" "
                        + "'http://localhost:8081/api/v1/query_range?query=hw.power&start=now-1h&end=now&step=60'"})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Configuration folder holding dcsuite.yaml and sites/ (default: the bundled demo fleet)")
    Path config;

    @Option(names = "--simulate", negatable = true,
            description = "Also simulate the configuration's devices on 127.0.0.1 (default: on for the bundled "
                    + "demo, off with --config, where the devices are real)")
    Boolean simulate;

    @Option(names = "--demo-ports", paramLabel = "fixed|free", defaultValue = "fixed",
            description = "The bundled demo's device ports: fixed (the documented ones, default) or free ones, so "
                    + "a second demo runs beside the first")
    String demoPorts;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulated fleet (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    StoreOption store;

    @Option(names = "--port", paramLabel = "N",
            description = "HTTP port; 0 picks a free one (default: http.port from the configuration, else "
                    + ServerSettings.DEFAULT_PORT + ")")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServerSettings.DEFAULT_BIND_ADDRESS,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface)")
    String bind;

    @Option(names = "--control-port", paramLabel = "N", defaultValue = "" + SimControlServer.DEFAULT_PORT,
            description = "With a simulated fleet: port of the simulator's fault-injection API on 127.0.0.1; 0 picks a "
                    + "free one (default ${DEFAULT-VALUE})")
    int controlPort;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "With a simulated fleet: where to write that API's bearer token, owner-only (default "
                    + "~/.dcsuite/simulator-control.token, where 'dcsuite simulate fault' looks)")
    Path controlTokenFile;

    @Option(names = "--ui-port", paramLabel = "N",
            description = "Dashboard port; 0 picks a free one (default: dashboard.port, else "
                    + DashboardConfig.DEFAULT_PORT + ")")
    Integer uiPort;

    @Option(names = "--otlp-port", paramLabel = "N",
            description = "OTLP/HTTP trace receiver port; 0 picks a free one (default: receivers.otlp.port, else "
                    + OtlpReceiverConfig.DEFAULT_PORT + ")")
    Integer otlpPort;

    @Option(names = "--trap-port", paramLabel = "N",
            description = "SNMP trap and inform UDP port; 0 picks a free one (default: receivers.snmp_traps.port, "
                    + "else " + SnmpTrapReceiverConfig.DEFAULT_PORT + ")")
    Integer trapPort;

    @Option(names = "--redfish-events-port", paramLabel = "N",
            description = "Redfish event listener port; 0 picks a free one (default: receivers.redfish_events.port, "
                    + "else " + RedfishEventReceiverConfig.DEFAULT_PORT + ")")
    Integer redfishEventsPort;

    @Override
    public Integer call() throws InterruptedException {
        Path[] demoFolder = new Path[1];
        try {
            return serve(demoFolder);
        } catch (RuntimeException e) {
            TemporaryFolders.deleteQuietly(demoFolder[0]);
            throw e;
        }
    }

    private Integer serve(Path[] demoFolder) throws InterruptedException {
        boolean freeDemoPorts = switch (demoPorts) {
            case "fixed" -> false;
            case "free" -> true;
            default -> throw new UsageException("--demo-ports: unknown value '" + demoPorts + "': use fixed or free");
        };
        if (freeDemoPorts && config != null) {
            throw new UsageException("--demo-ports free applies to the bundled demo, not to --config " + config);
        }
        DcsuiteConfig configuration;
        Path folder = config;
        Path demo = null;
        if (folder == null) {
            try {
                demo = Files.createTempDirectory("dcsuite-demo");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the demo configuration to a temporary folder", e);
            }
            demoFolder[0] = demo;
            folder = DemoConfiguration.writeTo(demo);
            if (freeDemoPorts) {
                DemoConfiguration.moveToFreePorts(folder);
            }
        }
        List<EnergySiteConfig> energySites;
        SloDefinitions sloDefinitions;
        Optional<TrafficPlan> demoTraffic = Optional.empty();
        try {
            configuration = ConfigLoader.load(folder);
            Set<String> siteIds = configuration.sites().stream().map(Site::id).collect(Collectors.toSet());
            energySites = EnergyConfigReader.load(configuration.directory(), Optional.of(siteIds));
            sloDefinitions = SloDefinitions.load(configuration.directory());
            if (config == null) {
                demoTraffic = Optional.of(TrafficPlanReader.load(configuration.directory(), siteIds));
            }
        } catch (ConfigException e) {
            var err = spec.commandLine().getErr();
            err.println("dcsuite run: invalid configuration in " + folder + ":");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            err.flush();
            TemporaryFolders.deleteQuietly(demo);
            return ExitCodes.FAILED;
        }
        LOG.info("configuration {}: {}", config == null ? "bundled demo" : config.toAbsolutePath(),
                configuration.summary());
        boolean runSimulator = simulate != null ? simulate : config == null;
        int httpPort = port != null ? port : configuration.http().port();
        if (controlPort < 0 || controlPort > 65535) {
            throw new UsageException("--control-port " + controlPort + " is out of range 0-65535");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new UsageException("--port " + httpPort + " is out of range 0-65535");
        }
        Clock clock = Clock.systemUTC();
        StoreSettings storeSettings = new StoreSettings(store.url(configuration.store().url()),
                configuration.store().retention(), clock);

        TelemetryStore telemetryStore = TelemetryStores.open(storeSettings);
        LOG.info("store: {}", telemetryStore.describeLocation());
        List<Secret> tokens;
        try {
            tokens = apiTokens(configuration, storeSettings);
        } catch (RuntimeException e) {
            telemetryStore.close();
            throw e;
        }
        Optional<EnergyService> energy = energySites.isEmpty() ? Optional.empty()
                : Optional.of(new EnergyService(energySites, configuration.sites(), telemetryStore, clock));
        SloEngine sloEngine = new SloEngine(telemetryStore, sloDefinitions);
        DcsuiteServer server = DcsuiteServer.start(telemetryStore, new ServerSettings(clock, bind, httpPort, tokens,
                ServerSettings.DEFAULT_SHUTDOWN_TIMEOUT), new EngineApis(
                        energy.map(EnergyApi::of).orElse(EnergyApi.unconfigured()),
                        sloDefinitions.isEmpty() ? SloApi.unconfigured()
                                : SloApi.of(sloDefinitions, sloEngine, telemetryStore)));
        SelfTracing tracing = SelfTracing.start(configuration.tracing());
        TelemetryBus bus = VertxTelemetryBus.on(server.vertx());
        RunningCollectors collectors;
        try {
            collectors = RunningCollectors.start(
                    new RunningCollectors.Settings(withReceiverPorts(configuration), telemetryStore,
                            tokenDirectory(storeSettings.url()).resolve("spool"), runSimulator, seed, controlPort,
                            controlTokenFile == null ? SimControlToken.DEFAULT_FILE : controlTokenFile.toAbsolutePath(),
                            clock),
                    new RunningCollectors.Services(server.vertx(), server.meterRegistry(), bus, tracing.tracer()));
        } catch (RuntimeException e) {
            tracing.close();
            server.close();
            throw e;
        }
        // The demo's applications are simulated with its devices; with --no-simulate, they are elsewhere too.
        Optional<TrafficGenerator> traffic = runSimulator
                ? demoTraffic.flatMap(plan -> startDemoTraffic(plan, configuration, collectors, clock))
                : Optional.empty();
        DashboardServer dashboard;
        try {
            DashboardConfig ui = configuration.dashboard();
            int dashboardPort = uiPort != null ? uiPort : ui.port();
            dashboard = DashboardServer.start(DashboardSettings.from(
                            new DashboardConfig(dashboardPort, ui.sessionTimeout(), ui.users()), bind, clock,
                            config == null),
                    configuration, telemetryStore, bus, energy, sloDefinitions);
            LOG.info("dashboard on http://{}:{}/{}", bind.equals("0.0.0.0") ? "localhost" : bind, dashboard.port(),
                    ui.users().isEmpty() ? " (no dashboard.users configured: nobody can log in; create password "
                            + "hashes with 'dcsuite hash-password')" : "");
        } catch (IOException | RuntimeException e) {
            traffic.ifPresent(TrafficGenerator::close);
            collectors.close();
            tracing.close();
            server.close();
            throw new ServerStartException("dashboard: " + e.getMessage()
                    + " (choose another port with --ui-port or dashboard.port)", e);
        }
        SloEvaluationCycle sloCycle = sloDefinitions.isEmpty() ? null
                : SloEvaluationCycle.start(sloEngine, sloDefinitions, telemetryStore, clock, server.meterRegistry());
        Path demoCopy = demo;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Inputs stop and the writers flush before the server closes the store.
            dashboard.close();
            traffic.ifPresent(TrafficGenerator::close);
            collectors.close();
            if (sloCycle != null) {
                sloCycle.close();
            }
            tracing.close();
            server.close();
            TemporaryFolders.deleteQuietly(demoCopy);
            // A signal would otherwise end the JVM with 130 or 143; a requested stop is a clean exit.
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "dcsuite-shutdown"));
        server.awaitClosed();
        return ExitCodes.OK;
    }

    /**
     * Plays the demo's simulated applications live into this run's own OTLP receiver, at the port it bound (so
     * {@code --otlp-port 0} works too); empty, saying why, when the receiver is disabled.
     */
    private Optional<TrafficGenerator> startDemoTraffic(TrafficPlan plan, DcsuiteConfig configuration,
            RunningCollectors collectors, Clock clock) {
        OptionalInt otlp = collectors.otlpPort();
        if (otlp.isEmpty()) {
            LOG.info("demo traffic: not started, because the OTLP receiver is disabled (receivers.otlp.enabled: "
                    + "false) and nothing would turn the applications' spans into trace SLIs");
            return Optional.empty();
        }
        Map<String, ZoneId> zones = configuration.sites().stream().collect(Collectors.toMap(Site::id, Site::timeZone));
        URI endpoint = URI.create("http://127.0.0.1:" + otlp.getAsInt() + OtlpHttpReceiver.TRACES_PATH);
        TrafficGenerator traffic = TrafficGenerator.exportingTo(endpoint, plan, zones, seed, clock.instant());
        traffic.playLive(clock);
        LOG.info("demo traffic: {} simulated services exporting spans to {} (seed {})", traffic.services(), endpoint,
                seed);
        return Optional.of(traffic);
    }

    /** The configuration with the receiver ports given on the command line. */
    private DcsuiteConfig withReceiverPorts(DcsuiteConfig c) {
        ReceiversConfig r = c.receivers();
        OtlpReceiverConfig otlp = r.otlp();
        SnmpTrapReceiverConfig traps = r.snmpTraps();
        RedfishEventReceiverConfig events = r.redfishEvents();
        try {
            if (otlpPort != null) {
                otlp = new OtlpReceiverConfig(otlp.enabled(), otlpPort, otlp.segments());
            }
            if (trapPort != null) {
                traps = new SnmpTrapReceiverConfig(traps.enabled(), traps.bindAddress(), trapPort, traps.communities());
            }
            if (redfishEventsPort != null) {
                events = new RedfishEventReceiverConfig(events.enabled(), events.bindAddress(), redfishEventsPort,
                        events.advertiseHost(), events.subscribe());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("receivers.otlp.port", "--otlp-port")
                    .replace("receivers.snmp_traps.port", "--trap-port")
                    .replace("receivers.redfish_events.port", "--redfish-events-port"));
        }
        return new DcsuiteConfig(c.directory(), c.store(), c.http(), new ReceiversConfig(otlp, traps, events),
                c.tracing(), c.dashboard(), c.collectors(), c.sites());
    }

    private static List<Secret> apiTokens(DcsuiteConfig configuration, StoreSettings storeSettings) {
        if (!configuration.http().apiTokens().isEmpty()) {
            LOG.info("API authentication: {} token(s) from the configuration", configuration.http().apiTokens().size());
            return configuration.http().apiTokens();
        }
        Path file = tokenDirectory(storeSettings.url()).resolve(ApiTokenFile.FILE_NAME);
        Secret token = ApiTokenFile.loadOrCreate(file);
        LOG.info("API authentication: no http.api_tokens configured, using the token in {}", file);
        return List.of(token);
    }

    /** Next to the DuckDB database file; {@code ./data} for in-memory and PostgreSQL stores. */
    static Path tokenDirectory(String storeUrl) {
        String path = storeUrl.startsWith("duckdb:") ? storeUrl.substring("duckdb:".length()) : "";
        if (!path.isEmpty() && !path.equals(":memory:")) {
            Path parent = Path.of(path).toAbsolutePath().normalize().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of("data").toAbsolutePath().normalize();
    }
}
