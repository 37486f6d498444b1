package org.dcsuite.core.config;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.dcsuite.core.model.Component;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DriverSettings;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Feed;
import org.dcsuite.core.model.HwType;
import org.dcsuite.core.model.Ids;
import org.dcsuite.core.model.PowerRating;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.core.model.VoltageConvention;

/**
 * Reads {@code sites/*.yaml}, one site per file, into the domain model. One reader serves all site files so
 * site and device ids are checked for uniqueness across files.
 */
final class SiteReader {

    static final List<String> TOP_LEVEL = List.of("site");

    private static final List<String> SITE_FIELDS =
            List.of("id", "name", "time_zone", "grid_region", "location", "inlet_envelope", "rooms", "devices");
    private static final List<String> ROOM_FIELDS = List.of("id", "name", "racks", "devices");
    private static final List<String> RACK_FIELDS = List.of("id", "name", "power_budget_w", "devices");
    private static final List<String> DEVICE_FIELDS = List.of("id", "name", "kind", "endpoint", "profile",
            "poll_interval", "timeout", "retries", "options", "credentials", "feed", "rating", "attributes",
            "components");
    private static final List<String> RATING_FIELDS = List.of("current_a", "voltage_v", "convention", "phases");
    private static final List<String> ENVELOPE_FIELDS = List.of("min_c", "max_c");
    private static final List<String> CREDENTIAL_FIELDS =
            List.of("community", "username", "password", "auth_passphrase", "priv_passphrase");
    private static final List<String> COMPONENT_FIELDS = List.of("id", "type", "name", "parent");

    private static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");
    /** Attributes the collectors set from the topology and the hardware conventions. */
    private static final Set<String> RESERVED_ATTRIBUTES = Set.of("site", "room", "rack", "device", "hw.id", "hw.type");

    /** Where an id was first defined, to point at it from a duplicate. */
    private record Origin(String file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    private final SecretResolver secrets;
    private final Map<String, Origin> siteIds = new HashMap<>();
    private final Map<String, Origin> deviceIds = new HashMap<>();

    SiteReader(SecretResolver secrets) {
        this.secrets = secrets;
    }

    /** Empty when the site is invalid; the problems are in the file. */
    Optional<Site> read(Fields root) {
        Optional<YamlNode> node = root.node("site");
        if (node.isEmpty()) {
            root.missing("site", "");
            return Optional.empty();
        }
        Optional<Fields> f = Fields.of(root.file(), "site", node.get(), SITE_FIELDS);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields site = f.get();
        Optional<String> id = id(site, "site id", siteIds);
        Optional<ZoneId> zone = site.requiredText("time_zone", "an IANA time zone such as Europe/Paris").flatMap(z -> {
            try {
                return Optional.of(ZoneId.of(z));
            } catch (DateTimeException e) {
                site.problem("time_zone", "unknown time zone '" + z + "': use an IANA name such as Europe/Paris or UTC");
                return Optional.empty();
            }
        });
        String name = site.text("name").orElse(id.orElse(""));
        Optional<String> grid = site.text("grid_region");
        Optional<String> location = site.text("location");
        Optional<TemperatureEnvelope> envelope = site.child("inlet_envelope", ENVELOPE_FIELDS)
                .map(SiteReader::envelope).orElse(Optional.of(TemperatureEnvelope.ASHRAE_RECOMMENDED));
        Map<String, Origin> roomIds = new HashMap<>();
        Map<String, Origin> rackIds = new HashMap<>();
        List<Room> rooms = items(site, "rooms", (path, n) -> room(site.file(), path, n, roomIds, rackIds));
        List<Device> devices = items(site, "devices", (path, n) -> device(site.file(), path, n));
        if (id.isEmpty() || zone.isEmpty() || envelope.isEmpty()) {
            return Optional.empty();
        }
        return build(site, () -> new Site(id.get(), name, zone.get(), grid, location, envelope.get(), rooms,
                devices));
    }

    private Optional<Room> room(ConfigFile file, String path, YamlNode node, Map<String, Origin> roomIds,
                                Map<String, Origin> rackIds) {
        Optional<Fields> f = Fields.of(file, path, node, ROOM_FIELDS);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields room = f.get();
        Optional<String> id = id(room, "room id", roomIds);
        String name = room.text("name").orElse(id.orElse(""));
        List<Rack> racks = items(room, "racks", (p, n) -> rack(file, p, n, rackIds));
        List<Device> devices = items(room, "devices", (p, n) -> device(file, p, n));
        return id.flatMap(i -> build(room, () -> new Room(i, name, racks, devices)));
    }

    private Optional<Rack> rack(ConfigFile file, String path, YamlNode node, Map<String, Origin> rackIds) {
        Optional<Fields> f = Fields.of(file, path, node, RACK_FIELDS);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields rack = f.get();
        Optional<String> id = id(rack, "rack id", rackIds);
        String name = rack.text("name").orElse(id.orElse(""));
        OptionalDouble budget = rack.positiveNumber("power_budget_w");
        List<Device> devices = items(rack, "devices", (p, n) -> device(file, p, n));
        return id.flatMap(i -> build(rack, () -> new Rack(i, name, budget, devices)));
    }

    private Optional<Device> device(ConfigFile file, String path, YamlNode node) {
        Optional<Fields> f = Fields.of(file, path, node, DEVICE_FIELDS);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields d = f.get();
        Optional<String> id = id(d, "device id", deviceIds);
        String name = d.text("name").orElse(id.orElse(""));
        Optional<DeviceKind> kind = d.requiredText("kind", "one of " + DeviceKind.configNames()).flatMap(k -> {
            Optional<DeviceKind> known = DeviceKind.fromConfigName(k);
            if (known.isEmpty()) {
                d.problem("kind", "unknown kind '" + k + "': use " + DeviceKind.configNames());
            }
            return known;
        });
        Optional<Endpoint> endpoint = d.requiredText("endpoint", "e.g. snmp://10.0.0.5:161").flatMap(e -> {
            try {
                return Optional.of(Endpoint.parse(e));
            } catch (IllegalArgumentException ex) {
                d.problem("endpoint", ex.getMessage());
                return Optional.empty();
            }
        });
        Optional<String> profile = d.text("profile")
                .filter(p -> {
                    boolean ok = PROFILE.matcher(p).matches();
                    if (!ok) {
                        d.problem("profile", "invalid profile name '" + p
                                + "': use lowercase letters, digits, '.', '-' and '_'");
                    }
                    return ok;
                });
        var pollInterval = d.duration("poll_interval");
        Optional<Duration> timeout = d.duration("timeout");
        OptionalLong retries = d.integer("retries", 0, 10);
        Map<String, String> options = d.node("options").map(n -> options(d, n, secrets.directory())).orElse(Map.of());
        Optional<Feed> feed = d.text("feed").flatMap(v -> {
            Optional<Feed> known = Feed.fromConfigName(v);
            if (known.isEmpty()) {
                d.problem("feed", "unknown feed '" + v + "': use A or B");
            }
            return known;
        });
        Optional<Fields> ratingFields = d.child("rating", RATING_FIELDS);
        Optional<PowerRating> rating = ratingFields.flatMap(SiteReader::rating);
        kind.filter(k -> ratingFields.isPresent() && !PowerRating.appliesTo(k)).ifPresent(k -> d.problem("rating",
                "a rating applies only to pdu and ups devices, not " + k.configName() + ": remove it"));
        Credentials credentials = d.child("credentials", CREDENTIAL_FIELDS)
                .map(c -> credentials(c, endpoint.map(Endpoint::protocol))).orElse(Credentials.NONE);
        Map<String, String> attributes = d.node("attributes").map(n -> attributes(d, n)).orElse(Map.of());
        Map<String, Origin> componentIds = new HashMap<>();
        List<Component> components = items(d, "components", (p, n) -> component(file, p, n, componentIds));
        boolean parentsKnown = checkParents(d);
        boolean ratingValid = ratingFields.isEmpty()
                || rating.isPresent() && kind.map(PowerRating::appliesTo).orElse(true);
        if (id.isEmpty() || kind.isEmpty() || endpoint.isEmpty() || !parentsKnown || !ratingValid) {
            return Optional.empty();
        }
        DriverSettings driver = new DriverSettings(timeout,
                retries.isPresent() ? OptionalInt.of((int) retries.getAsLong()) : OptionalInt.empty(), options);
        return build(d, () -> new Device(id.get(), name, kind.get(), endpoint.get(), profile, pollInterval,
                credentials, feed, rating, attributes, components, driver));
    }

    /**
     * Reads {@code rating}: current and voltage are required because no default is safe (a wrong rating hides an
     * overload); convention defaults to line-to-neutral and phases to 1.
     */
    private static Optional<PowerRating> rating(Fields r) {
        if (r.node("current_a").isEmpty()) {
            r.missing("current_a", "the rated current per phase in A, e.g. 16");
        }
        if (r.node("voltage_v").isEmpty()) {
            r.missing("voltage_v", "the nominal voltage in V, e.g. 230");
        }
        OptionalDouble current = r.positiveNumber("current_a");
        OptionalDouble voltage = r.positiveNumber("voltage_v");
        Optional<VoltageConvention> convention = r.text("convention").map(c -> {
            Optional<VoltageConvention> known = VoltageConvention.fromConfigName(c);
            if (known.isEmpty()) {
                r.problem("convention", "unknown convention '" + c + "': use " + VoltageConvention.configNames());
            }
            return known;
        }).orElse(Optional.of(VoltageConvention.LINE_TO_NEUTRAL));
        OptionalLong phases = r.integer("phases", Long.MIN_VALUE, Long.MAX_VALUE);
        boolean phasesValid = r.node("phases").isEmpty() || phases.isPresent();
        if (phases.isPresent() && PowerRating.ALLOWED_PHASES.stream().noneMatch(p -> p == phases.getAsLong())) {
            r.problem("phases", "must be 1 (single phase) or 3 (three phase), got " + phases.getAsLong());
            phasesValid = false;
        }
        if (current.isEmpty() || voltage.isEmpty() || convention.isEmpty() || !phasesValid) {
            return Optional.empty();
        }
        int n = (int) phases.orElse(1);
        return build(r, () -> new PowerRating(current.getAsDouble(), voltage.getAsDouble(), convention.get(), n));
    }

    /** {@code 18} rather than {@code 18.0}, so a message quotes numbers the way they are usually written. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Reads {@code inlet_envelope}; a bound left out keeps ASHRAE's recommended value. */
    private static Optional<TemperatureEnvelope> envelope(Fields e) {
        OptionalDouble min = e.number("min_c");
        OptionalDouble max = e.number("max_c");
        if (e.node("min_c").isPresent() && min.isEmpty() || e.node("max_c").isPresent() && max.isEmpty()) {
            return Optional.empty();
        }
        double lo = min.orElse(TemperatureEnvelope.ASHRAE_RECOMMENDED.minC());
        double hi = max.orElse(TemperatureEnvelope.ASHRAE_RECOMMENDED.maxC());
        if (!(lo < hi)) {
            e.problem(max.isPresent() ? "max_c" : "min_c", "the envelope must have min_c below max_c, got min_c "
                    + plain(lo) + " and max_c " + plain(hi));
            return Optional.empty();
        }
        return Optional.of(new TemperatureEnvelope(lo, hi));
    }

    private Credentials credentials(Fields c, Optional<Protocol> protocol) {
        Credentials creds = new Credentials(c.secret("community", secrets), c.secret("username", secrets),
                c.secret("password", secrets), c.secret("auth_passphrase", secrets),
                c.secret("priv_passphrase", secrets));
        // Checked on which keys are written, not on resolved values, so an unset variable gives one error.
        boolean community = c.node("community").isPresent();
        boolean username = c.node("username").isPresent();
        boolean password = c.node("password").isPresent();
        boolean auth = c.node("auth_passphrase").isPresent();
        boolean priv = c.node("priv_passphrase").isPresent();
        if (protocol.isEmpty()) {
            return creds;
        }
        switch (protocol.get()) {
            case MODBUS -> {
                if (!c.mapping().entries().isEmpty()) {
                    c.file().problem(c.mapping(), c.path(), "modbus has no authentication: remove credentials");
                }
            }
            case SNMP -> {
                if (password) {
                    c.problem("password", "snmp uses community (v2c) or username with auth_passphrase and "
                            + "priv_passphrase (v3), not password");
                }
                if (community && username) {
                    c.problem("username", "use community (SNMPv2c) or username (SNMPv3), not both");
                }
                if (auth && !username) {
                    c.problem("auth_passphrase", "needs username (SNMPv3)");
                }
                if (priv && !auth) {
                    c.problem("priv_passphrase", "needs auth_passphrase (SNMPv3 privacy requires authentication)");
                }
            }
            case REDFISH, HTTPS -> {
                for (String key : List.of("community", "auth_passphrase", "priv_passphrase")) {
                    if (c.node(key).isPresent()) {
                        c.problem(key, "applies only to snmp endpoints");
                    }
                }
                if (password != username) {
                    c.problem(password ? "password" : "username", "username and password go together");
                }
            }
        }
        return creds;
    }

    private static Map<String, String> attributes(Fields d, YamlNode node) {
        String path = d.path("attributes");
        if (!(node instanceof YamlNode.Mapping map)) {
            d.problem("attributes", "expected a mapping of names to values, got " + node.kind());
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : map.entries().values()) {
            String field = path + "." + e.key();
            if (!ATTRIBUTE.matcher(e.key()).matches()) {
                d.file().problem(e.line(), e.column(), field,
                        "invalid attribute name: use letters, digits, '_' and '.', not starting with a digit");
            } else if (RESERVED_ATTRIBUTES.contains(e.key())) {
                d.file().problem(e.line(), e.column(), field, "set from the topology; choose another name");
            } else if (!(e.value() instanceof YamlNode.Scalar s) || s.isNull()) {
                d.file().problem(e.value(), field, "expected a value, got " + e.value().kind());
            } else {
                out.put(e.key(), s.text());
            }
        }
        return out;
    }

    /** Options naming files ({@code *_file}) are resolved against the configuration folder, like secrets. */
    private static Map<String, String> options(Fields d, YamlNode node, java.nio.file.Path directory) {
        String path = d.path("options");
        if (!(node instanceof YamlNode.Mapping map)) {
            d.problem("options", "expected a mapping of driver options, e.g. { snmp.version: \"3\" }, got " + node.kind());
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (YamlNode.Entry e : map.entries().values()) {
            String field = path + "." + e.key();
            if (!DriverSettings.isValidOptionKey(e.key())) {
                d.file().problem(e.line(), e.column(), field,
                        "invalid option key: use protocol.name in lowercase, e.g. snmp.version (see the driver's README)");
            } else if (!(e.value() instanceof YamlNode.Scalar s) || s.isNull()) {
                d.file().problem(e.value(), field, "expected a value, got " + e.value().kind());
            } else if (e.key().endsWith("_file")) {
                out.put(e.key(), directory.resolve(s.text()).normalize().toString());
            } else {
                out.put(e.key(), s.text());
            }
        }
        return out;
    }

    private Optional<Component> component(ConfigFile file, String path, YamlNode node, Map<String, Origin> ids) {
        Optional<Fields> f = Fields.of(file, path, node, COMPONENT_FIELDS);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields c = f.get();
        Optional<String> id = id(c, "component id", ids);
        Optional<HwType> type = c.requiredText("type", "a hw.type such as fan or power_supply").flatMap(t -> {
            Optional<HwType> known = HwType.fromAttributeValue(t);
            if (known.isEmpty()) {
                c.problem("type", "unknown hw.type '" + t + "': use " + HwType.attributeValues());
            }
            return known;
        });
        String name = c.text("name").orElse(id.orElse(""));
        Optional<String> parent = c.text("parent");
        if (id.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return build(c, () -> new Component(id.get(), type.get(), name, parent));
    }

    /** Parents are checked against every declared id, so a component with another error is no false orphan. */
    private static boolean checkParents(Fields d) {
        List<YamlNode> nodes = d.node("components").filter(YamlNode.Sequence.class::isInstance)
                .map(n -> ((YamlNode.Sequence) n).items()).orElse(List.of());
        Set<String> declared = new HashSet<>();
        for (YamlNode n : nodes) {
            scalar(n, "id").ifPresent(s -> declared.add(s.text()));
        }
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            Optional<YamlNode.Scalar> parent = scalar(nodes.get(i), "parent");
            if (parent.isPresent() && !declared.contains(parent.get().text())) {
                d.file().problem(parent.get(), d.path("components") + "[" + i + "].parent", "unknown component '"
                        + parent.get().text() + "': parents must be components of the same device");
                ok = false;
            }
        }
        return ok;
    }

    private static Optional<YamlNode.Scalar> scalar(YamlNode node, String key) {
        if (node instanceof YamlNode.Mapping m && m.entries().get(key) != null
                && m.entries().get(key).value() instanceof YamlNode.Scalar s && !s.isNull()) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** Reads a required id: valid form and unique in the scope given by {@code seen}. */
    private static Optional<String> id(Fields f, String what, Map<String, Origin> seen) {
        Optional<String> id = f.requiredText("id", "");
        if (id.isEmpty()) {
            return id;
        }
        if (!Ids.isValid(id.get())) {
            f.problem("id", "invalid " + what + " '" + id.get()
                    + "': use lowercase letters, digits, '-' and '_', starting with a letter or digit");
            return Optional.empty();
        }
        YamlNode at = f.node("id").orElseThrow();
        Origin first = seen.putIfAbsent(id.get(), new Origin(f.file().name(), at.line(), at.column()));
        if (first != null) {
            f.problem("id", "duplicate " + what + " '" + id.get() + "': first defined at " + first);
            return Optional.empty();
        }
        return id;
    }

    private interface ItemReader<T> {
        Optional<T> read(String path, YamlNode node);
    }

    private static <T> List<T> items(Fields f, String key, ItemReader<T> reader) {
        List<T> out = new ArrayList<>();
        f.list(key).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                reader.read(f.path(key) + "[" + i + "]", items.get(i)).ifPresent(out::add);
            }
        });
        return out;
    }

    /** Model constructors check invariants too; report rather than throw if one slips past the reader. */
    private static <T> Optional<T> build(Fields f, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            f.file().problem(f.mapping(), f.path(), e.getMessage());
            return Optional.empty();
        }
    }
}
