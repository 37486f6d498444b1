package org.dcsuite.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.dcsuite.slo.SloStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dcsuite slo status}: every SLO's budget, burn rates and firing alert tiers at one time. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluates the SLOs of DIR/slos/*.yaml (OpenSLO v1 or native) against the store at time T: SLI, "
                        + "remaining error budget, burn rates over 5m, 30m, 1h, 2h, 6h, 1d and 3d, and the alert "
                        + "tiers firing (page, ticket with the default SRE Workbook policy).",
                "",
                "Times: RFC 3339 (2026-11-24T10:00:00Z), unix seconds, now, now-1h; T is rounded down to the "
                        + "minute. The same JSON is served by GET /api/v1/slos on a running server."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the SLOs were evaluated (also when there are none)",
                "1:the SLO files have problems, or the store failed",
                "2:the command line is wrong"})
public final class SloStatusCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR", defaultValue = ValidateCommand.DEFAULT_CONFIG_DIR,
            description = "The configuration folder holding slos/ (default ${DEFAULT-VALUE}); its dcsuite.yaml "
                    + "names the store when --store is not given.")
    Path directory;

    @Option(names = "--at", paramLabel = "TIME", defaultValue = "now",
            description = "The evaluation time (default ${DEFAULT-VALUE}).")
    String at;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    /** The time source for {@code now}; replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        boolean json = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "table" -> false;
            default -> throw new UsageException("--format: unknown format '" + format + "': use table or json");
        };
        Instant time = FlagValues.time("--at", at, clock);
        PrintWriter err = spec.commandLine().getErr();
        Path dir = directory.normalize();
        if (!Files.isDirectory(dir)) {
            err.println("dcsuite slo status: configuration folder " + dir + " not found (use --config DIR)");
            err.flush();
            return ExitCodes.FAILED;
        }
        SloDefinitions definitions;
        String storeUrl;
        try {
            definitions = SloDefinitions.load(dir);
            storeUrl = store.url(configuredStore(dir));
        } catch (ConfigException e) {
            err.println("dcsuite slo status: invalid configuration in " + dir + ":");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            err.flush();
            return ExitCodes.FAILED;
        }
        // The table and JSON label the minute every window ends at, which is what was evaluated.
        Instant evaluated = Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), 60_000L) * 60_000);
        List<SloStatus> statuses;
        try (TelemetryStore target = TelemetryStores.open(org.dcsuite.core.store.StoreSettings.of(storeUrl))) {
            statuses = new SloEngine(target, definitions).evaluate(time);
        } catch (StoreException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use by another process")) {
                throw new StoreException(e.getMessage() + "; ask the running server instead: GET /api/v1/slos",
                        e.retryable(), e);
            }
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(SloStatusJson.write(evaluated, statuses));
        } else {
            if (definitions.isEmpty()) {
                err.println("dcsuite slo status: no SLOs in " + dir.resolve("slos"));
                err.flush();
            }
            out.print(SloStatusTable.write(statuses));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The store of DIR/dcsuite.yaml, when there is one. */
    private static Optional<String> configuredStore(Path dir) throws ConfigException {
        if (!Files.isRegularFile(dir.resolve(ConfigLoader.MAIN_FILE))) {
            return Optional.empty();
        }
        return ConfigLoader.load(dir).store().url();
    }
}
