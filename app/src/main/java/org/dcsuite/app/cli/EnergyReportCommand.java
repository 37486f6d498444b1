package org.dcsuite.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.energy.config.EnergyConfigReader;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.report.EnergyReport;
import org.dcsuite.energy.report.EnergyReportCsv;
import org.dcsuite.energy.report.EnergyReportJson;
import org.dcsuite.energy.report.EnergyReportTable;
import org.dcsuite.energy.report.EnergyService;
import org.dcsuite.energy.report.FleetReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dcsuite energy report}: one site's energy report, or every site side by side. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
                "Energy by category (kWh), water (L), CO2 (kg), cost and the KPIs PUE (labelled with its metering "
                        + "category), pPUE per zone, CUE, WUE, ERE, ERF and REF for the whole interval and per step, "
                        + "each with its coverage (share of the time all its inputs were measured) and the series "
                        + "that fed it. Unmeasured spans longer than max_gap are listed, never bridged.",
                "Without --site, every site with an energy/*.yaml file is compared over the same interval.",
                "Times: RFC 3339, unix seconds, now, now-1d; the range is rounded down to whole buckets of the "
                        + "site's resolution (1m by default). Steps of whole days start at midnight in the site's "
                        + "time zone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the report was printed (also when KPIs are absent for lack of data; see their reason)",
                "1:the configuration is invalid or the store failed",
                "2:the command line is wrong"})
public final class EnergyReportCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR", defaultValue = ValidateCommand.DEFAULT_CONFIG_DIR,
            description = "The configuration folder with sites/*.yaml and energy/*.yaml (default ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--site", paramLabel = "ID", description = "The site; without it, the fleet comparison.")
    String site;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the interval.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
            description = "End of the interval (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--step", paramLabel = "DURATION",
            description = "Also report each step of this length, e.g. 1h or 1d (default: the whole interval only).")
    String step;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    /** The time source for {@code now}; replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!Set.of("table", "json", "csv").contains(fmt)) {
            throw new UsageException("--format: unknown format '" + format + "': use table, json or csv");
        }
        Clock now = Clock.fixed(clock.instant(), ZoneOffset.UTC);
        Instant start = FlagValues.time("--from", from, now);
        Instant end = FlagValues.time("--to", to, now);
        if (!end.isAfter(start)) {
            throw new UsageException("--to " + to + " (" + end + ") is not after --from " + from + " (" + start + ")");
        }
        Optional<Duration> stepDuration = Optional.ofNullable(step).map(s -> FlagValues.positiveDuration("--step", s));
        PrintWriter err = spec.commandLine().getErr();
        Path dir = directory.normalize();
        DcsuiteConfig config;
        List<EnergySiteConfig> energy;
        try {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--config: configuration folder " + dir + " not found");
            }
            config = ConfigLoader.load(dir);
            Set<String> ids = config.sites().stream().map(Site::id).collect(Collectors.toSet());
            energy = EnergyConfigReader.load(dir, Optional.of(ids));
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(new ConfigProblem(dir.resolve(p.file()).normalize(), p.line(), p.column(), p.field(),
                        p.message()));
            }
            err.flush();
            return ExitCodes.FAILED;
        }
        if (site != null && energy.stream().noneMatch(e -> e.site().equals(site))) {
            throw new UsageException("--site: no energy configuration for site '" + site + "' in " + dir
                    + "/energy/" + (energy.isEmpty() ? "" : " (configured: "
                    + energy.stream().map(EnergySiteConfig::site).collect(Collectors.joining(", ")) + ")"));
        }
        StoreSettings settings = StoreSettings.of(store.url(config.store().url()));
        String output;
        try (TelemetryStore target = TelemetryStores.open(settings)) {
            EnergyService service = new EnergyService(energy, config.sites(), target, clock);
            if (site != null) {
                EnergyReport report = service.site(site, start, end, stepDuration);
                output = switch (fmt) {
                    case "json" -> EnergyReportJson.write(report);
                    case "csv" -> EnergyReportCsv.write(List.of(report));
                    default -> EnergyReportTable.write(report);
                };
            } else {
                FleetReport fleet = service.fleet(start, end, stepDuration);
                output = switch (fmt) {
                    case "json" -> EnergyReportJson.write(fleet);
                    case "csv" -> EnergyReportCsv.write(fleet.sites());
                    default -> EnergyReportTable.write(fleet);
                };
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.endsWith("\n") ? output : output + "\n");
        out.flush();
        return ExitCodes.OK;
    }
}
