package org.dcsuite.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dcsuite.core.model.Site;

/**
 * Loads a configuration folder: {@code dcsuite.yaml} plus {@code sites/*.yaml}. Every file starts with
 * {@code version: dcsuite/v1}. Everything is validated and all problems are reported together.
 *
 * <p>Folders other than {@code sites/} ({@code slos/}, {@code alerts/}, ...) are ignored until their reader
 * exists; adding one is a {@link #yamlFiles} call and a reader like {@link SiteReader}. Files not ending in
 * {@code .yaml} are ignored, except {@code .yml}, which is reported because skipping it silently would hide a
 * whole site.
 */
public final class ConfigLoader {

    /** The main file of a configuration folder. */
    public static final String MAIN_FILE = "dcsuite.yaml";
    /** One file per site. */
    public static final String SITES_FOLDER = "sites";

    private ConfigLoader() {
    }

    /** Loads and validates the folder; all problems at once. */
    public static DcsuiteConfig load(Path directory) throws ConfigException {
        return load(directory, System::getenv);
    }

    /** As {@link #load(Path)}, with the environment given, for tests. */
    static DcsuiteConfig load(Path directory, Function<String, String> environment) throws ConfigException {
        Path dir = directory.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem(Path.of("."), 0, 0, "", "configuration folder " + dir + " not found"));
            throw new ConfigException(problems);
        }
        SecretResolver secrets = new SecretResolver(dir, environment);

        SettingsReader settings = new SettingsReader(secrets);
        ConfigFile main = new ConfigFile(Path.of(MAIN_FILE), problems);
        if (Files.isRegularFile(dir.resolve(MAIN_FILE))) {
            main.open(dir.resolve(MAIN_FILE), SettingsReader.TOP_LEVEL).ifPresent(settings::read);
        } else {
            main.problem(0, 0, "", "not found: a configuration folder needs " + MAIN_FILE
                    + " starting with 'version: " + ConfigFile.VERSION + "'");
        }

        SiteReader siteReader = new SiteReader(secrets);
        List<Site> sites = new ArrayList<>();
        for (Path file : yamlFiles(dir, SITES_FOLDER, problems)) {
            ConfigFile site = new ConfigFile(dir.relativize(file), problems);
            site.open(file, SiteReader.TOP_LEVEL).flatMap(siteReader::read).ifPresent(sites::add);
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DcsuiteConfig(dir, settings.store, settings.http, settings.receivers, settings.tracing,
                settings.dashboard, settings.collectors, sites);
    }

    /** The {@code .yaml} files directly in a sub-folder, by name; none when the folder does not exist. */
    private static List<Path> yamlFiles(Path dir, String folder, List<ConfigProblem> problems) {
        Path sub = dir.resolve(folder);
        if (!Files.isDirectory(sub)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(sub)) {
            List<Path> regular = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
            List<Path> yaml = new ArrayList<>();
            for (Path f : regular) {
                String name = f.getFileName().toString();
                if (name.endsWith(".yaml")) {
                    yaml.add(f);
                } else if (name.endsWith(".yml")) {
                    problems.add(new ConfigProblem(dir.relativize(f), 0, 0, "",
                            "not read: configuration files end in .yaml; rename it"));
                }
            }
            return yaml;
        } catch (IOException e) {
            problems.add(new ConfigProblem(Path.of(folder), 0, 0, "", "cannot list folder: "
                    + e.getClass().getSimpleName()));
            return List.of();
        }
    }
}
