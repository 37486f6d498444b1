package org.dcsuite.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcsuite.app.http.ApiTokenFile;
import org.dcsuite.app.server.DcsuiteServer;
import org.dcsuite.app.server.ServerSettings;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dcsuite run}: serves the store over HTTP until Ctrl-C or SIGTERM. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
                "Opens the store and serves the HTTP API: GET /health, GET /metrics (Prometheus text format) and "
                        + "the Prometheus query API (/api/v1/query_range, /api/v1/series, /api/v1/labels, "
                        + "/api/v1/label/NAME/values), so Grafana can use dcsuite as a Prometheus data source.",
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
            description = "Configuration folder holding dcsuite.yaml and sites/ (default: none, run with defaults)")
    Path config;

    @Mixin
    StoreOption store;

    @Option(names = "--port", paramLabel = "N",
            description = "HTTP port; 0 picks a free one (default: http.port from the configuration, else "
                    + ServerSettings.DEFAULT_PORT + ")")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServerSettings.DEFAULT_BIND_ADDRESS,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface)")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        DcsuiteConfig configuration;
        if (config == null) {
            configuration = DcsuiteConfig.defaults();
            LOG.info("no --config given: running with defaults, no sites or devices");
        } else {
            try {
                configuration = ConfigLoader.load(config);
            } catch (ConfigException e) {
                var err = spec.commandLine().getErr();
                err.println("dcsuite run: invalid configuration in " + config + ":");
                for (ConfigProblem p : e.problems()) {
                    err.println("  " + p);
                }
                err.flush();
                return ExitCodes.FAILED;
            }
            LOG.info("configuration {}: {}", config.toAbsolutePath(), configuration.summary());
        }
        int httpPort = port != null ? port : configuration.http().port();
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
        DcsuiteServer server = DcsuiteServer.start(telemetryStore, new ServerSettings(clock, bind, httpPort, tokens,
                ServerSettings.DEFAULT_SHUTDOWN_TIMEOUT));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // A signal would otherwise end the JVM with 130 or 143; a requested stop is a clean exit.
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "dcsuite-shutdown"));
        server.awaitClosed();
        return ExitCodes.OK;
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
