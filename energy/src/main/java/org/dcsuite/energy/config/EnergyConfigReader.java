package org.dcsuite.energy.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigFile;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.Fields;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.config.YamlNode;
import org.dcsuite.core.select.SeriesSelector;

/**
 * Reads {@code energy/*.yaml} from a configuration folder, one file per site, and reports every problem at
 * once as FILE:LINE:COLUMN: FIELD: MESSAGE. See {@code docs/energy.md} for the format.
 */
public final class EnergyConfigReader {

    /** The sub-folder of the configuration folder holding one file per site. */
    public static final String FOLDER = "energy";

    private static final List<String> TOP_LEVEL = List.of("energy");
    private static final List<String> ENERGY_FIELDS = List.of("site", "max_gap", "resolution", "facility", "it",
            "zones", "water", "reuse", "renewable", "carbon", "price");
    private static final List<String> GROUP_FIELDS = List.of("meters");
    private static final List<String> IT_FIELDS = List.of("category", "meters");
    private static final List<String> METER_FIELDS = List.of("series", "scale", "wraps_at");
    private static final List<String> ZONE_FIELDS = List.of("id", "name", "total", "it");
    private static final List<String> CARBON_FIELDS = List.of("grid", "onsite");
    private static final List<String> ONSITE_FIELDS = List.of("name", "factor_g_per_kwh", "meters");
    private static final List<String> SIGNAL_FIELDS = List.of("source", "value", "file", "url", "format",
            "headers", "refresh", "max_age");
    private static final List<String> PRICE_FIELDS;

    static {
        List<String> price = new ArrayList<>(SIGNAL_FIELDS);
        price.add("currency");
        PRICE_FIELDS = List.copyOf(price);
    }

    private final Path directory;
    private final Optional<Set<String>> knownSites;
    private final Function<String, String> environment;
    /** The list {@link #read} fills, so a signal can tell whether its own fields added problems. */
    private List<ConfigProblem> problems = new ArrayList<>();

    /**
     * @param directory   the configuration folder; signal files are relative to it
     * @param knownSites  the site ids of {@code sites/*.yaml}, when that folder was loaded, to check each file's
     *                    {@code site}
     * @param environment for {@code ${env:NAME}} secrets in HTTP headers
     */
    public EnergyConfigReader(Path directory, Optional<Set<String>> knownSites, Function<String, String> environment) {
        this.directory = directory.toAbsolutePath().normalize();
        this.knownSites = knownSites.map(TreeSet::new);
        this.environment = environment;
    }

    /** Reads every file of the folder's {@code energy/}; none when it does not exist. */
    public static List<EnergySiteConfig> load(Path directory, Optional<Set<String>> knownSites)
            throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<EnergySiteConfig> sites = new EnergyConfigReader(directory, knownSites, System::getenv).read(problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return sites;
    }

    /** Reads every file, adding what is wrong to {@code problems}; returns the files that were valid. */
    public List<EnergySiteConfig> read(List<ConfigProblem> problems) {
        this.problems = problems;
        List<EnergySiteConfig> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files(problems)) {
            Path relative = directory.relativize(file);
            ConfigFile config = new ConfigFile(relative, problems);
            int before = problems.size();
            Optional<EnergySiteConfig> site = config.open(file, TOP_LEVEL).flatMap(root -> readRoot(config, root));
            if (site.isPresent() && problems.size() == before) {
                Path first = seen.putIfAbsent(site.get().site(), relative);
                if (first != null) {
                    config.problem(1, 1, "energy.site", "site '" + site.get().site() + "' is already described in "
                            + first.toString().replace('\\', '/') + ": keep one energy file per site");
                } else {
                    out.add(site.get());
                }
            }
        }
        return out;
    }

    private List<Path> files(List<ConfigProblem> problems) {
        Path folder = directory.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> yaml = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".yaml") && !name.startsWith(".")) {
                    yaml.add(f);
                } else if (name.endsWith(".yml")) {
                    problems.add(new ConfigProblem(directory.relativize(f), 0, 0, "",
                            "not read: configuration files end in .yaml; rename it"));
                }
            }
            return yaml;
        } catch (IOException e) {
            problems.add(new ConfigProblem(Path.of(FOLDER), 0, 0, "", "cannot list folder: "
                    + e.getClass().getSimpleName()));
            return List.of();
        }
    }

    private Optional<EnergySiteConfig> readRoot(ConfigFile file, Fields root) {
        int problemsBefore = problemCount();
        Optional<Fields> energyFields = root.child("energy", ENERGY_FIELDS);
        if (energyFields.isEmpty()) {
            if (root.node("energy").isEmpty()) {
                root.missing("energy", "the site's meters and signals go under 'energy:'");
            }
            return Optional.empty();
        }
        Fields e = energyFields.get();
        Optional<String> site = e.requiredText("site", "the id of a site of sites/*.yaml");
        site.ifPresent(id -> checkSite(e, id));
        Duration maxGap = e.duration("max_gap").orElse(EnergySiteConfig.DEFAULT_MAX_GAP);
        Duration resolution = e.duration("resolution").orElse(EnergySiteConfig.DEFAULT_RESOLUTION);
        if (resolution.compareTo(maxGap) > 0) {
            e.problem("resolution", "must not be longer than max_gap (" + org.dcsuite.core.time.Durations.format(maxGap)
                    + "), or gaps could hide inside one bucket");
        } else if (Duration.ofDays(1).toMillis() % resolution.toMillis() != 0) {
            e.problem("resolution", "must divide a day (1m, 5m, 15m, 1h...) so day steps fall on bucket edges");
        }
        Optional<MeterGroup> facility = requiredGroup(e, "facility", GROUP_FIELDS, "the total facility energy");
        Optional<ItCategory> category = Optional.empty();
        Optional<MeterGroup> it = Optional.empty();
        if (e.node("it").isEmpty()) {
            e.missing("it", "the IT energy meters and their category");
        } else {
            Optional<Fields> itFields = e.child("it", IT_FIELDS);
            if (itFields.isPresent()) {
                category = category(itFields.get());
                it = group(itFields.get());
            }
        }
        List<ZoneConfig> zones = zones(e);
        Optional<MeterGroup> water = optionalGroup(e, "water");
        Optional<MeterGroup> reuse = optionalGroup(e, "reuse");
        Optional<MeterGroup> renewable = optionalGroup(e, "renewable");
        Optional<SignalSpec> grid = Optional.empty();
        List<OnsiteSource> onsite = List.of();
        Optional<Fields> carbon = e.child("carbon", CARBON_FIELDS);
        if (carbon.isPresent()) {
            grid = carbon.get().child("grid", SIGNAL_FIELDS).flatMap(f -> signal(f, false));
            if (carbon.get().node("grid").isEmpty()) {
                carbon.get().missing("grid", "the grid carbon intensity in g CO2/kWh (source: csv, json, http or constant)");
            }
            onsite = onsite(carbon.get());
        }
        Optional<SignalSpec> price = Optional.empty();
        String currency = EnergySiteConfig.DEFAULT_CURRENCY;
        Optional<Fields> priceFields = e.child("price", PRICE_FIELDS);
        if (priceFields.isPresent()) {
            price = signal(priceFields.get(), true);
            currency = priceFields.get().text("currency").orElse(EnergySiteConfig.DEFAULT_CURRENCY);
            if (!currency.matches("[A-Za-z]{3}")) {
                priceFields.get().problem("currency", "expected a three-letter ISO 4217 code such as EUR, got '"
                        + currency + "'");
            }
        }
        if (problemCount() != problemsBefore || site.isEmpty() || facility.isEmpty() || category.isEmpty()
                || it.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EnergySiteConfig(Path.of(file.name()), site.get(), maxGap, resolution, facility.get(), category.get(), it.get(), zones, water, reuse,
                    renewable, grid, onsite, price, currency));
        } catch (IllegalArgumentException ex) {
            // Every rule of the record is checked above with a position; this only guards a missed one.
            file.problem(1, 1, "energy", ex.getMessage());
            return Optional.empty();
        }
    }

    private void checkSite(Fields e, String id) {
        if (knownSites.isEmpty() || knownSites.get().contains(id)) {
            return;
        }
        Set<String> known = knownSites.get();
        String hint = known.isEmpty() ? "no site is configured in sites/*.yaml"
                : "sites/*.yaml configures " + String.join(", ", known);
        e.problem("site", "unknown site '" + id + "': " + hint);
    }

    private static Optional<ItCategory> category(Fields it) {
        if (it.node("category").isEmpty()) {
            it.missing("category", "where IT energy is metered: 1 (UPS output), 2 (PDU output) or "
                    + "3 (IT equipment input)");
            return Optional.empty();
        }
        var number = it.integer("category", Long.MIN_VALUE, Long.MAX_VALUE);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ItCategory.ofNumber(number.getAsLong()));
        } catch (IllegalArgumentException ex) {
            it.problem("category", ex.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<MeterGroup> requiredGroup(Fields parent, String key, List<String> allowed, String what) {
        if (parent.node(key).isEmpty()) {
            parent.missing(key, what + " ('meters:' with at least one series)");
            return Optional.empty();
        }
        return parent.child(key, allowed).flatMap(EnergyConfigReader::group);
    }

    private static Optional<MeterGroup> optionalGroup(Fields parent, String key) {
        return parent.child(key, GROUP_FIELDS).flatMap(EnergyConfigReader::group);
    }

    private static Optional<MeterGroup> group(Fields group) {
        if (group.node("meters").isEmpty()) {
            group.missing("meters", "a list of meters such as '- series: hw.power{device=\"ups-1\"}'");
            return Optional.empty();
        }
        Optional<List<YamlNode>> items = group.list("meters");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.get().isEmpty()) {
            group.problem("meters", "must list at least one meter");
            return Optional.empty();
        }
        List<MeterSpec> meters = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < items.get().size(); i++) {
            String path = group.path("meters") + "[" + i + "]";
            Optional<MeterSpec> meter = Fields.of(group.file(), path, items.get().get(i), METER_FIELDS)
                    .flatMap(EnergyConfigReader::meter);
            valid &= meter.isPresent();
            meter.ifPresent(meters::add);
        }
        return valid ? Optional.of(new MeterGroup(meters)) : Optional.empty();
    }

    private static Optional<MeterSpec> meter(Fields m) {
        Optional<String> text = m.requiredText("series", "a series selector such as 'hw.power{device=\"ups-1\"}'");
        Optional<SeriesSelector> selector = Optional.empty();
        if (text.isPresent()) {
            try {
                selector = Optional.of(SeriesSelector.parse(text.get()));
            } catch (IllegalArgumentException ex) {
                m.problem("series", ex.getMessage());
            }
        }
        double scale = MeterSpec.DEFAULT_SCALE;
        if (m.node("scale").isPresent()) {
            OptionalDouble s = m.number("scale");
            if (s.isEmpty()) {
                return Optional.empty();
            }
            if (s.getAsDouble() == 0) {
                m.problem("scale", "must not be zero");
                return Optional.empty();
            }
            scale = s.getAsDouble();
        }
        OptionalDouble wrapsAt = m.positiveNumber("wraps_at");
        if (m.node("wraps_at").isPresent() && wrapsAt.isEmpty()) {
            return Optional.empty();
        }
        double factor = scale;
        return selector.map(sel -> new MeterSpec(sel, factor, wrapsAt));
    }

    private static List<ZoneConfig> zones(Fields e) {
        Optional<List<YamlNode>> items = e.list("zones");
        if (items.isEmpty()) {
            return List.of();
        }
        List<ZoneConfig> zones = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < items.get().size(); i++) {
            YamlNode node = items.get().get(i);
            Optional<Fields> z = Fields.of(e.file(), e.path("zones") + "[" + i + "]", node, ZONE_FIELDS);
            if (z.isEmpty()) {
                continue;
            }
            Optional<String> id = z.get().requiredText("id", "the room, zone or container id");
            if (id.isPresent() && ids.putIfAbsent(id.get(), i) != null) {
                z.get().problem("id", "duplicate zone id '" + id.get() + "' (first at zones[" + ids.get(id.get()) + "])");
                id = Optional.empty();
            }
            String name = z.get().text("name").orElse(id.orElse(""));
            Optional<MeterGroup> total = requiredGroup(z.get(), "total", GROUP_FIELDS, "the energy into the zone");
            Optional<MeterGroup> it = requiredGroup(z.get(), "it", GROUP_FIELDS, "the IT energy inside the zone");
            if (id.isPresent() && total.isPresent() && it.isPresent()) {
                zones.add(new ZoneConfig(id.get(), name, total.get(), it.get()));
            }
        }
        return zones;
    }

    private static List<OnsiteSource> onsite(Fields carbon) {
        Optional<List<YamlNode>> items = carbon.list("onsite");
        if (items.isEmpty()) {
            return List.of();
        }
        List<OnsiteSource> out = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < items.get().size(); i++) {
            Optional<Fields> o = Fields.of(carbon.file(), carbon.path("onsite") + "[" + i + "]", items.get().get(i),
                    ONSITE_FIELDS);
            if (o.isEmpty()) {
                continue;
            }
            Optional<String> name = o.get().requiredText("name", "what generates (diesel, gas turbine)");
            if (name.isPresent() && !names.add(name.get())) {
                o.get().problem("name", "duplicate on-site source '" + name.get() + "'");
                name = Optional.empty();
            }
            OptionalDouble factor = OptionalDouble.empty();
            if (o.get().node("factor_g_per_kwh").isEmpty()) {
                o.get().missing("factor_g_per_kwh", "its emission factor in g CO2 per kWh generated");
            } else {
                factor = o.get().number("factor_g_per_kwh");
                if (factor.isPresent() && factor.getAsDouble() < 0) {
                    o.get().problem("factor_g_per_kwh", "must be zero or more, got " + factor.getAsDouble());
                    factor = OptionalDouble.empty();
                }
            }
            Optional<MeterGroup> meters = group(o.get());
            if (name.isPresent() && factor.isPresent() && meters.isPresent()) {
                out.add(new OnsiteSource(name.get(), factor.getAsDouble(), meters.get()));
            }
        }
        return out;
    }

    private Optional<SignalSpec> signal(Fields s, boolean price) {
        Optional<String> sourceText = s.requiredText("source", "csv, json, http or constant");
        if (sourceText.isEmpty()) {
            return Optional.empty();
        }
        SignalSpec.Source source;
        try {
            source = SignalSpec.Source.valueOf(sourceText.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            s.problem("source", "unknown source '" + sourceText.get() + "': use csv, json, http or constant");
            return Optional.empty();
        }
        int problemsBefore = problemCount();
        for (String key : List.of("value", "file", "url", "format", "headers")) {
            if (s.node(key).isPresent() && !applies(key, source)) {
                s.problem(key, "not used with source: " + source.id());
            }
        }
        OptionalDouble value = OptionalDouble.empty();
        if (source == SignalSpec.Source.CONSTANT) {
            if (s.node("value").isEmpty()) {
                s.missing("value", price ? "the price per kWh" : "the intensity in g CO2/kWh");
            } else {
                value = s.number("value");
                if (!price && value.isPresent() && value.getAsDouble() < 0) {
                    s.problem("value", "a carbon intensity cannot be negative, got " + value.getAsDouble());
                }
            }
        }
        Optional<Path> file = Optional.empty();
        if (source == SignalSpec.Source.CSV || source == SignalSpec.Source.JSON) {
            Optional<String> name = s.requiredText("file", "a path relative to the configuration folder");
            if (name.isPresent()) {
                Path resolved = directory.resolve(name.get()).normalize();
                if (!Files.isRegularFile(resolved)) {
                    s.problem("file", "file not found: " + name.get() + " (relative to the configuration folder)");
                } else {
                    file = Optional.of(resolved);
                }
            }
        }
        Optional<String> url = Optional.empty();
        if (source == SignalSpec.Source.HTTP) {
            url = s.requiredText("url", "the provider's URL; {from} and {to} are replaced by the range")
                    .flatMap(text -> url(s, text));
        }
        Optional<SignalSpec.PayloadFormat> format = Optional.empty();
        if (source == SignalSpec.Source.JSON || source == SignalSpec.Source.HTTP) {
            Optional<String> f = source == SignalSpec.Source.HTTP
                    ? s.requiredText("format", "electricitymaps or watttime") : s.text("format");
            if (f.isPresent()) {
                try {
                    format = Optional.of(SignalSpec.PayloadFormat.valueOf(f.get().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ex) {
                    s.problem("format", "unknown format '" + f.get() + "': use electricitymaps or watttime");
                }
            } else {
                format = Optional.of(SignalSpec.PayloadFormat.ELECTRICITYMAPS);
            }
        }
        Map<String, Secret> headers = headers(s);
        Duration refresh = s.duration("refresh").orElse(SignalSpec.DEFAULT_REFRESH);
        Duration maxAge = s.duration("max_age").orElse(SignalSpec.DEFAULT_MAX_AGE);
        if (problemCount() != problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new SignalSpec(source, value, file, url, format, headers, refresh, maxAge));
    }

    private int problemCount() {
        return problems.size();
    }

    private static boolean applies(String key, SignalSpec.Source source) {
        return switch (key) {
            case "value" -> source == SignalSpec.Source.CONSTANT;
            case "file" -> source == SignalSpec.Source.CSV || source == SignalSpec.Source.JSON;
            case "url", "headers" -> source == SignalSpec.Source.HTTP;
            case "format" -> source == SignalSpec.Source.JSON || source == SignalSpec.Source.HTTP;
            default -> true;
        };
    }

    /** The URL is kept as a template: its {@code {from}} and {@code {to}} are not valid URI characters. */
    private static Optional<String> url(Fields s, String text) {
        try {
            URI uri = new URI(text.replace("{from}", "FROM").replace("{to}", "TO"));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                s.problem("url", "expected an http:// or https:// URL");
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (URISyntaxException ex) {
            s.problem("url", "invalid URL: " + ex.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, Secret> headers(Fields s) {
        Optional<YamlNode> node = s.node("headers");
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            s.problem("headers", "expected a mapping of header names to values, got " + node.get().kind());
            return Map.of();
        }
        List<String> names = List.copyOf(mapping.entries().keySet());
        Fields h = s.child("headers", names).orElseThrow();
        Map<String, Secret> out = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                h.problem(name, "not a valid HTTP header name");
                continue;
            }
            h.secret(name, directory, environment).ifPresent(v -> out.put(name, v));
        }
        return out;
    }
}
