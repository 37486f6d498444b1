package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.Reading;

/**
 * A Redfish profile: the data file that maps Redfish sensors, properties and statuses to metrics (see
 * {@code redfish-generic.yaml}). Loaded and checked once; a broken file fails at class-load time in tests, not
 * during a poll.
 */
final class RedfishMapping {

    static final String GENERIC = "redfish-generic";

    /** What a mapped value becomes. */
    record MetricSpec(String name, Unit unit, MetricKind kind, double scale, Optional<String> hwType) {
    }

    record SensorRule(String readingType, Optional<String> when, String value, MetricSpec metric) {
    }

    record PropertyRule(String resource, Optional<String> array, List<String> path, Optional<String> readingUnits,
            Map<String, Double> enumValues, Optional<String> idSuffix, MetricSpec metric) {
    }

    record StatusRule(String resource, Optional<String> array, String hwType) {
    }

    /**
     * How inventory strings become the attributes of one info series per system.
     *
     * @param system            system property name to attribute name
     * @param manager           manager property name to attribute name
     * @param managerEveryPolls how many polls one read of a manager serves
     */
    record InventoryRule(String metric, Map<String, String> system, Map<String, String> manager,
            int managerEveryPolls) {
    }

    /** One metric as documented: unit, kind and every attribute it may carry. */
    record MetricInfo(String unit, String kind, TreeSet<String> attributes) {
    }

    static final String STATUS_METRIC = "hw.status";
    private static final List<String> BASE_ATTRIBUTES = List.of("hw.id", "hw.type", "hw.name", "hw.parent");

    final List<SensorRule> sensors;
    final Map<String, String> readingTypeByUnits;
    final Map<String, String> hwTypeByContext;
    final List<PropertyRule> properties;
    final List<StatusRule> status;
    final Map<String, String> health;
    final Optional<InventoryRule> inventory;

    private RedfishMapping(List<SensorRule> sensors, Map<String, String> readingTypeByUnits,
            Map<String, String> hwTypeByContext, List<PropertyRule> properties, List<StatusRule> status,
            Map<String, String> health, Optional<InventoryRule> inventory) {
        this.sensors = sensors;
        this.readingTypeByUnits = readingTypeByUnits;
        this.hwTypeByContext = hwTypeByContext;
        this.properties = properties;
        this.status = status;
        this.health = health;
        this.inventory = inventory;
    }

    private static final Map<String, RedfishMapping> LOADED = new HashMap<>();

    /** The named profile shipped with the driver; empty when there is none by that name. */
    static synchronized Optional<RedfishMapping> load(String profile) {
        if (LOADED.containsKey(profile)) {
            return Optional.of(LOADED.get(profile));
        }
        try (InputStream in = RedfishMapping.class.getResourceAsStream(profile + ".yaml")) {
            if (in == null) {
                return Optional.empty();
            }
            RedfishMapping m = parse(new ObjectMapper(new YAMLFactory()).readTree(in), profile);
            LOADED.put(profile, m);
            return Optional.of(m);
        } catch (IOException e) {
            throw new UncheckedIOException("Redfish profile " + profile + ": " + e.getMessage(), e);
        }
    }

    static RedfishMapping parse(JsonNode root, String name) {
        List<String> problems = new ArrayList<>();
        List<SensorRule> sensors = new ArrayList<>();
        for (JsonNode n : root.path("sensors")) {
            sensors.add(new SensorRule(text(n, "reading_type", problems), optional(n, "when"),
                    n.path("value").asText("Reading"), metric(n, problems)));
        }
        List<PropertyRule> properties = new ArrayList<>();
        for (JsonNode n : root.path("properties")) {
            Map<String, Double> enumValues = new LinkedHashMap<>();
            n.path("enum").properties().forEach(e -> enumValues.put(e.getKey(), e.getValue().asDouble()));
            properties.add(new PropertyRule(text(n, "resource", problems), optional(n, "array"),
                    Arrays.asList(text(n, "value", problems).split("\\.")), optional(n, "reading_units"),
                    Map.copyOf(enumValues), optional(n, "id_suffix"), metric(n, problems)));
        }
        List<StatusRule> status = new ArrayList<>();
        for (JsonNode n : root.path("status")) {
            status.add(new StatusRule(text(n, "resource", problems), optional(n, "array"),
                    text(n, "hw_type", problems)));
        }
        RedfishMapping m = new RedfishMapping(List.copyOf(sensors), strings(root.path("reading_type_by_units")),
                strings(root.path("hw_type_by_physical_context")), List.copyOf(properties), List.copyOf(status),
                strings(root.path("health")), inventory(root.path("inventory"), problems));
        // One metric name, one unit and kind: otherwise two series of one metric would not add up.
        Map<String, MetricSpec> seen = new HashMap<>();
        for (MetricSpec s : m.specs()) {
            MetricSpec first = seen.putIfAbsent(s.name(), s);
            if (first != null && (!first.unit().equals(s.unit()) || first.kind() != s.kind())) {
                problems.add("metric " + s.name() + " is mapped with unit/kind " + first.unit() + "/" + first.kind()
                        + " and " + s.unit() + "/" + s.kind());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Redfish profile " + name + ": " + String.join("; ", problems));
        }
        return m;
    }

    private List<MetricSpec> specs() {
        List<MetricSpec> all = new ArrayList<>();
        sensors.forEach(r -> all.add(r.metric()));
        properties.forEach(r -> all.add(r.metric()));
        return all;
    }

    /** Every metric this profile can produce, for the README's Metrics section. */
    TreeMap<String, MetricInfo> metrics() {
        TreeMap<String, MetricInfo> out = new TreeMap<>();
        for (SensorRule r : sensors) {
            add(out, r.metric(), List.of());
        }
        for (PropertyRule r : properties) {
            add(out, r.metric(), r.path().contains("*") ? List.of("phase") : List.of());
        }
        inventory.ifPresent(r -> {
            TreeSet<String> attributes = new TreeSet<>(List.of("hw.id", "hw.type", "hw.name"));
            attributes.addAll(r.system().values());
            attributes.addAll(r.manager().values());
            out.put(r.metric(), new MetricInfo(Unit.ONE.code(), "gauge", attributes));
        });
        if (!status.isEmpty()) {
            add(out, new MetricSpec(STATUS_METRIC, Unit.ONE, MetricKind.GAUGE, 1, Optional.empty()),
                    List.of("hw.state"));
        }
        return out;
    }

    private static void add(TreeMap<String, MetricInfo> out, MetricSpec s, List<String> extra) {
        MetricInfo info = out.computeIfAbsent(s.name(), k -> new MetricInfo(s.unit().code(),
                s.kind().name().toLowerCase(Locale.ROOT), new TreeSet<>(BASE_ATTRIBUTES)));
        info.attributes().addAll(extra);
    }

    // ---- Applying the rules ----------------------------------------------------------------------------

    /** Where readings and point errors of one poll go. */
    static final class Out {
        final List<Reading> readings = new ArrayList<>();
        final List<PointError> errors = new ArrayList<>();
        final Instant time;

        Out(Instant time) {
            this.time = time;
        }

        void error(String point, DriverErrorKind kind, String message) {
            errors.add(new PointError(point, kind, message));
        }
    }

    /** A resource or legacy array member being mapped: its id, display name and parent, for attributes. */
    record Component(String id, String name, String parent) {
    }

    /** Whether a resource's Status.State says it has nothing to read; reported once as a point error. */
    static boolean inactive(JsonNode resource, Component c, Out out) {
        String state = resource.path("Status").path("State").asText("");
        if (state.equals("Absent") || state.equals("Disabled") || state.equals("UnavailableOffline")) {
            out.error(c.id(), DriverErrorKind.UNSUPPORTED, c.id() + " ('" + c.name() + "') is " + state
                    + ": skipped");
            return true;
        }
        return false;
    }

    void sensor(JsonNode sensor, Component c, Out out) {
        if (inactive(sensor, c, out)) {
            return;
        }
        String type = sensor.path("ReadingType").asText("");
        if (type.isEmpty()) {
            type = readingTypeByUnits.getOrDefault(sensor.path("ReadingUnits").asText(""), "");
        }
        String context = sensor.path("PhysicalContext").asText("");
        String contextType = hwTypeByContext.getOrDefault(context, hwTypeByContext.getOrDefault("default",
                "enclosure"));
        for (SensorRule r : sensors) {
            if (!r.readingType().equals(type) || r.when().map(w -> !sensor.has(w)).orElse(false)) {
                continue;
            }
            emit(sensor.get(r.value()), r.value(), r.metric(), r.metric().hwType().orElse(contextType), c,
                    Map.of(), c.id(), Map.of(), out);
        }
    }

    void properties(String resourceType, JsonNode resource, Component c, Out out) {
        for (PropertyRule r : properties) {
            if (r.resource().equals(resourceType) && r.array().isEmpty()) {
                apply(r, resource, c, out);
            }
        }
        status(resourceType, resource, c, Optional.empty(), out);
    }

    /** Maps the members of a legacy array (Power.Voltages, Thermal.Fans, ...). */
    void arrays(String resourceType, JsonNode resource, String resourceId, String parent, Out out) {
        TreeSet<String> arrays = new TreeSet<>();
        properties.stream().filter(r -> r.resource().equals(resourceType)).forEach(r -> r.array().ifPresent(arrays::add));
        status.stream().filter(r -> r.resource().equals(resourceType)).forEach(r -> r.array().ifPresent(arrays::add));
        for (String array : arrays) {
            JsonNode members = resource.path(array);
            for (int i = 0; i < members.size(); i++) {
                JsonNode member = members.get(i);
                String memberId = resourceId + "/" + array + "/" + member.path("MemberId").asText(String.valueOf(i));
                Component mc = new Component(memberId, member.path("Name").asText(memberId), parent);
                if (inactive(member, mc, out)) {
                    continue;
                }
                for (PropertyRule r : properties) {
                    if (r.resource().equals(resourceType) && r.array().equals(Optional.of(array))) {
                        apply(r, member, mc, out);
                    }
                }
                status(resourceType, member, mc, Optional.of(array), out);
            }
        }
    }

    private void apply(PropertyRule r, JsonNode node, Component c, Out out) {
        if (r.readingUnits().isPresent() && !r.readingUnits().get().equals(node.path("ReadingUnits").asText())) {
            return;
        }
        String hwType = r.metric().hwType().orElse("enclosure");
        String id = r.idSuffix().map(s -> c.id() + "/" + s).orElse(c.id());
        walk(node, r.path(), 0, String.join(".", r.path()), r, hwType, c, id, new TreeMap<>(), out);
    }

    private void walk(JsonNode node, List<String> path, int i, String property, PropertyRule r, String hwType,
            Component c, String id, TreeMap<String, String> extra, Out out) {
        if (i == path.size() - 1) {
            if (node.has(path.get(i))) {
                emit(node.get(path.get(i)), property, r.metric(), hwType, c, extra, id, r.enumValues(), out);
            }
            return;
        }
        if (path.get(i).equals("*")) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isObject()) {
                    TreeMap<String, String> more = new TreeMap<>(extra);
                    more.put("phase", e.getKey());
                    walk(e.getValue(), path, i + 1, property, r, hwType, c, id + "/" + e.getKey(), more, out);
                }
            }
            return;
        }
        JsonNode next = node.get(path.get(i));
        if (next != null && next.isObject()) {
            walk(next, path, i + 1, property, r, hwType, c, id, extra, out);
        }
    }

    private void emit(JsonNode value, String property, MetricSpec m, String hwType, Component c,
            Map<String, String> extra, String id, Map<String, Double> enumValues, Out out) {
        double v;
        if (value == null || value.isNull()) {
            out.error(id, DriverErrorKind.DECODE, id + " ('" + c.name() + "'): " + property
                    + " is null (no reading)");
            return;
        } else if (value.isNumber()) {
            v = value.asDouble() * m.scale();
        } else if (value.isTextual() && enumValues.containsKey(value.asText())) {
            v = enumValues.get(value.asText());
        } else {
            out.error(id, DriverErrorKind.DECODE, id + " ('" + c.name() + "'): " + property + " should be "
                    + (enumValues.isEmpty() ? "a number" : "one of " + new TreeSet<>(enumValues.keySet()))
                    + ", got " + value.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + abbreviate(value.toString()));
            return;
        }
        if (!Double.isFinite(v)) {
            out.error(id, DriverErrorKind.DECODE, id + ": " + property + " is not a finite number");
            return;
        }
        Map<String, String> attributes = new TreeMap<>(extra);
        attributes.put("hw.id", id);
        attributes.put("hw.type", hwType);
        attributes.put("hw.name", c.name());
        if (!c.parent().isEmpty()) {
            attributes.put("hw.parent", c.parent());
        }
        out.readings.add(new Reading(m.name(), m.unit(), m.kind(), v, attributes, out.time));
    }

    private void status(String resourceType, JsonNode node, Component c, Optional<String> array, Out out) {
        for (StatusRule r : status) {
            if (!r.resource().equals(resourceType) || !r.array().equals(array)) {
                continue;
            }
            String healthText = node.path("Status").path("Health").asText("");
            if (healthText.isEmpty()) {
                // Health is optional in Redfish (the mockup's absent PSU has none): no status rather than a guess.
                continue;
            }
            String state = health.get(healthText);
            if (state == null) {
                out.error(c.id(), DriverErrorKind.DECODE, c.id() + ": unknown Status.Health '"
                        + abbreviate(healthText) + "'");
                continue;
            }
            for (String s : new TreeSet<>(health.values())) {
                Map<String, String> attributes = new TreeMap<>();
                attributes.put("hw.id", c.id());
                attributes.put("hw.type", r.hwType());
                attributes.put("hw.name", c.name());
                attributes.put("hw.state", s);
                if (!c.parent().isEmpty()) {
                    attributes.put("hw.parent", c.parent());
                }
                out.readings.add(Reading.gauge(STATUS_METRIC, Unit.ONE, s.equals(state) ? 1 : 0, attributes,
                        out.time));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String text(JsonNode n, String field, List<String> problems) {
        String v = n.path(field).asText("");
        if (v.isEmpty()) {
            problems.add("entry " + n + " lacks '" + field + "'");
        }
        return v;
    }

    private static Optional<String> optional(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static Optional<InventoryRule> inventory(JsonNode n, List<String> problems) {
        if (n.isMissingNode()) {
            return Optional.empty();
        }
        int every = n.path("manager_every_polls").asInt(0);
        if (every < 1) {
            problems.add("inventory.manager_every_polls must be a whole number of at least 1");
        }
        return Optional.of(new InventoryRule(text(n, "metric", problems), strings(n.path("system")),
                strings(n.path("manager")), Math.max(1, every)));
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(m);
    }

    private static MetricSpec metric(JsonNode n, List<String> problems) {
        String kind = n.path("kind").asText("gauge");
        MetricKind k = switch (kind) {
            case "gauge" -> MetricKind.GAUGE;
            case "counter" -> MetricKind.COUNTER;
            default -> {
                problems.add("entry " + n + ": kind must be gauge or counter");
                yield MetricKind.GAUGE;
            }
        };
        return new MetricSpec(text(n, "metric", problems), Unit.of(n.path("unit").asText("")), k,
                n.path("scale").asDouble(1), optional(n, "hw_type"));
    }
}
