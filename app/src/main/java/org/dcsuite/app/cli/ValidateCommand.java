package org.dcsuite.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Site;
import org.dcsuite.energy.config.EnergyConfigReader;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.slo.definition.SloFolderReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dcsuite validate}: loads a configuration folder and reports every problem at once. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
                "Checks a configuration folder (dcsuite.yaml, sites/*.yaml, energy/*.yaml and slos/*.yaml) without "
                        + "starting anything.",
                "Prints 'configuration OK: DIR: SUMMARY', or every problem on stderr, one per line, as "
                        + "FILE:LINE:COLUMN: FIELD: MESSAGE."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the configuration is valid",
                "1:the configuration has problems, or DIR does not exist or is not a folder (a missing folder "
                        + "is reported like any other problem, since there is no valid configuration to run with)",
                "2:the command line is wrong"})
public final class ValidateCommand implements Callable<Integer> {

    /** Where {@code dcsuite validate} looks when {@code --config} is not given ({@code dcsuite run} then runs with defaults). */
    public static final String DEFAULT_CONFIG_DIR = "./config";

    @Option(names = "--config", paramLabel = "DIR", defaultValue = DEFAULT_CONFIG_DIR,
            description = "The configuration folder (default ${DEFAULT-VALUE}).")
    Path directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path dir = directory.normalize();
        if (!Files.exists(dir)) {
            err.println("dcsuite validate: configuration folder " + dir + " not found (use --config DIR)");
            err.flush();
            return ExitCodes.FAILED;
        }
        if (!Files.isDirectory(dir)) {
            err.println("dcsuite validate: " + dir + " is not a folder: --config takes the folder that holds "
                    + ConfigLoader.MAIN_FILE);
            err.flush();
            return ExitCodes.FAILED;
        }
        // SLO files do not depend on the rest, so their problems are listed even when dcsuite.yaml is broken.
        List<ConfigProblem> sloProblems = new ArrayList<>();
        SloFolderReader.Contents slos = SloFolderReader.read(dir, sloProblems);
        try {
            DcsuiteConfig config = ConfigLoader.load(dir);
            List<EnergySiteConfig> energy = EnergyConfigReader.load(dir,
                    Optional.of(config.sites().stream().map(Site::id).collect(Collectors.toSet())));
            if (!sloProblems.isEmpty()) {
                throw new ConfigException(sloProblems);
            }
            List<String> driverProblems = checkDrivers(config);
            if (!driverProblems.isEmpty()) {
                driverProblems.forEach(err::println);
                err.flush();
                return ExitCodes.FAILED;
            }
            out.println("configuration OK: " + dir + ": " + config.summary()
                    + (energy.isEmpty() ? "" : ", energy for " + energy.size() + " site(s)")
                    + (slos.slos().isEmpty() ? "" : ", " + slos.slos().size() + " SLO(s)"
                            + (slos.composites().isEmpty() ? "" : " and " + slos.composites().size() + " composite(s)")));
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigException e) {
            List<ConfigProblem> problems = new ArrayList<>(e.problems());
            if (problems.stream().noneMatch(p -> p.file().startsWith(EnergyConfigReader.FOLDER))) {
                // The main files failed before energy/ was read: check it too (without the site list), so
                // one run shows every problem.
                new EnergyConfigReader(dir, Optional.empty(), System::getenv).read(problems);
            }
            if (problems.stream().noneMatch(p -> p.file().startsWith(SloFolderReader.FOLDER))) {
                problems.addAll(sloProblems);
            }
            for (ConfigProblem p : problems.stream().sorted().toList()) {
                // Problems name files relative to the folder; prefixing it makes them openable from here.
                err.println(new ConfigProblem(dir.resolve(p.file()).normalize(), p.line(), p.column(), p.field(),
                        p.message()));
            }
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /**
     * Opens every device's driver session without polling (no I/O happens before a poll), so unknown profiles
     * and invalid driver options are reported now rather than at the first poll.
     */
    private static List<String> checkDrivers(DcsuiteConfig config) {
        List<String> problems = new ArrayList<>();
        for (DeviceLocation location : config.locations()) {
            Device device = location.device();
            try (DeviceSession session = DeviceDrivers.forProtocol(device.endpoint().protocol())
                    .open(DeviceTarget.of(device, Clock.systemUTC()))) {
                // Opening is the check.
            } catch (DriverException e) {
                problems.add("site '" + location.site().id() + "': " + e.getMessage());
            }
        }
        return problems;
    }
}
