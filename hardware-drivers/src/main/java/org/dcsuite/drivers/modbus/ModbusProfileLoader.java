package org.dcsuite.drivers.modbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * Reads profile YAML files into validated {@link ModbusProfile}s. Every problem of a file is reported at once,
 * each naming the file, the point and the field, so one edit-and-retry fixes them all.
 */
final class ModbusProfileLoader {

    /** Class-path folder of the shipped profiles. */
    static final String FOLDER = "/org/dcsuite/drivers/modbus/profiles/";
    /** The shipped profiles; a test checks this matches the folder, which a jar cannot list. */
    static final SortedSet<String> SHIPPED =
            Collections.unmodifiableSortedSet(new TreeSet<>(List.of("generic-crac", "generic-heat-meter", "generic-ups",
                    "generic-water-meter", "sunspec-meter")));

    private static final List<String> PROFILE_FIELDS =
            List.of("profile", "description", "source", "not_implemented", "points", "sunspec_models");
    private static final List<String> MODEL_FIELDS = List.of("ids", "name", "points");
    private static final List<String> POINT_FIELDS = List.of("name", "function", "address", "type", "registers",
            "byte_order", "word_order", "scale", "scale_factor", "offset", "metric", "unit", "kind", "attributes",
            "not_implemented", "flags", "flag_attribute", "writable", "device_attribute", "description");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, ModbusProfile> CACHE = new ConcurrentHashMap<>();

    private ModbusProfileLoader() {
    }

    /**
     * A profile from the class-path folder, loaded once.
     *
     * @throws DriverException CONFIG for an unknown name, listing the shipped ones
     */
    static ModbusProfile shipped(String name) {
        // Profiles are looked up on the class path, so a jar of extra profiles can be added without a rebuild.
        if (!NAME.matcher(name).matches()
                || ModbusProfileLoader.class.getResource(FOLDER + name + ".yaml") == null) {
            throw new DriverException(DriverErrorKind.CONFIG, "unknown Modbus profile '" + name + "' (available: "
                    + String.join(", ", SHIPPED) + ")");
        }
        return CACHE.computeIfAbsent(name, n -> {
            String file = n + ".yaml";
            try (InputStream in = ModbusProfileLoader.class.getResourceAsStream(FOLDER + file)) {
                return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Parses and validates one profile file.
     *
     * @param file the file name (its base name must equal the {@code profile:} field)
     * @throws DriverException CONFIG listing every problem, each naming file, point and field
     */
    static ModbusProfile parse(String file, String yaml) {
        Problems problems = new Problems(file);
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new DriverException(DriverErrorKind.CONFIG, "Modbus profile " + file + ": invalid YAML at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DriverException(DriverErrorKind.CONFIG, "Modbus profile " + file + ": expected a mapping");
        }
        unknownFields(root, PROFILE_FIELDS, "", problems);
        String name = text(root, "profile", "", problems, true).orElse("");
        String expected = file.endsWith(".yaml") ? file.substring(0, file.length() - ".yaml".length()) : file;
        if (!name.isEmpty() && !name.equals(expected)) {
            problems.add("", "profile", "'" + name + "' must equal the file name without .yaml ('" + expected + "')");
        }
        String source = text(root, "source", "", problems, true).orElse("");
        boolean sunSpecSentinels = false;
        if (root.has("not_implemented")) {
            if ("sunspec".equals(root.get("not_implemented").asText())) {
                sunSpecSentinels = true;
            } else {
                problems.add("", "not_implemented", "only 'sunspec' is allowed at profile level");
            }
        }
        List<ModbusPoint> points = new ArrayList<>();
        List<ModbusProfile.SunSpecModel> models = new ArrayList<>();
        boolean hasPoints = root.has("points");
        boolean hasModels = root.has("sunspec_models");
        if (hasPoints == hasModels) {
            problems.add("", "points", "give either points (a fixed register map) or sunspec_models, not "
                    + (hasPoints ? "both" : "neither"));
        }
        if (hasPoints) {
            points = points(root.get("points"), "", sunSpecSentinels, problems);
        }
        if (hasModels) {
            JsonNode list = root.get("sunspec_models");
            if (!list.isArray()) {
                problems.add("", "sunspec_models", "expected a list");
            } else {
                for (JsonNode m : list) {
                    unknownFields(m, MODEL_FIELDS, "", problems);
                    Set<Integer> ids = new HashSet<>();
                    if (m.path("ids").isArray() && !m.path("ids").isEmpty()) {
                        m.get("ids").forEach(id -> ids.add(id.asInt()));
                    } else {
                        problems.add("", "sunspec_models.ids", "expected a non-empty list of model ids");
                    }
                    String where = "model " + ids + ", ";
                    models.add(new ModbusProfile.SunSpecModel(ids,
                            points(m.path("points"), where, sunSpecSentinels, problems)));
                }
            }
        }
        problems.throwIfAny();
        return new ModbusProfile(name, file, source, points, models);
    }

    private static List<ModbusPoint> points(JsonNode list, String where, boolean sunSpecSentinels,
            Problems problems) {
        List<ModbusPoint> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add(where, "points", "expected a non-empty list of points");
            return out;
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode p : list) {
            index++;
            String label = p.path("name").isTextual() ? p.get("name").asText() : "#" + index;
            if (byName.putIfAbsent(label, p) != null) {
                problems.add(where + "point '" + label + "'", "name", "duplicate point name");
            }
        }
        Map<String, ModbusPoint> built = new HashMap<>();
        index = 0;
        for (JsonNode p : list) {
            index++;
            String label = p.path("name").isTextual() ? p.get("name").asText() : "#" + index;
            point(p, where + "point '" + label + "'", sunSpecSentinels, problems).ifPresent(pt -> {
                out.add(pt);
                built.put(pt.name(), pt);
            });
        }
        for (ModbusPoint pt : out) {
            pt.scaleFactor().ifPresent(sf -> {
                ModbusPoint ref = built.get(sf);
                String at = where + "point '" + pt.name() + "'";
                if (ref == null) {
                    if (!byName.containsKey(sf)) {
                        problems.add(at, "scale_factor", "no point named '" + sf + "' in this "
                                + (where.isEmpty() ? "profile" : "model"));
                    }
                } else if (ref.type().kind() != ModbusType.Kind.INT16) {
                    problems.add(at, "scale_factor", "'" + sf + "' must be an int16 point, is " + ref.type());
                }
            });
        }
        return out;
    }

    private static Optional<ModbusPoint> point(JsonNode p, String at, boolean sunSpecSentinels, Problems problems) {
        if (!p.isObject()) {
            problems.add(at, "", "expected a mapping");
            return Optional.empty();
        }
        int before = problems.count();
        unknownFields(p, POINT_FIELDS, at, problems);
        String name = text(p, "name", at, problems, true).orElse("");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            problems.add(at, "name", "use letters, digits, '_', '.' and '-', starting with a letter");
        }
        ModbusFunction function = ModbusFunction.HOLDING;
        Optional<String> fn = text(p, "function", at, problems, false);
        if (fn.isPresent()) {
            function = ModbusFunction.parse(fn.get()).orElse(null);
            if (function == null) {
                problems.add(at, "function", "unknown function '" + fn.get() + "' (known: holding, input, coil, "
                        + "discrete)");
                function = ModbusFunction.HOLDING;
            }
        }
        ModbusType type = null;
        Optional<String> typeText = text(p, "type", at, problems, true);
        if (typeText.isPresent()) {
            type = ModbusType.parse(typeText.get()).orElse(null);
            if (type == null) {
                problems.add(at, "type", "unknown type '" + typeText.get() + "' (known: int16, uint16, int32, "
                        + "uint32, int64, uint64, float32, float64, string(N), bitfield16, bitfield32, bool)");
            }
        }
        if (type != null) {
            if (function.registers() && type.kind() == ModbusType.Kind.BOOL) {
                problems.add(at, "type", "bool is for coil and discrete points; registers take a numeric type");
            } else if (!function.registers() && type.kind() != ModbusType.Kind.BOOL) {
                problems.add(at, "type", function.yamlName() + " points are single bits: use type bool");
            }
            if (p.has("registers") && p.get("registers").asInt() != type.registers()) {
                problems.add(at, "registers", type + " takes " + type.registers() + " register"
                        + (type.registers() == 1 ? "" : "s") + ", got " + p.get("registers").asText());
            }
            if (type.registers() > function.protocolLimit()) {
                problems.add(at, "type", type + " spans more than the " + function.protocolLimit()
                        + " registers one read may return");
            }
        }
        int address = -1;
        if (!p.has("address")) {
            problems.add(at, "address", "missing");
        } else if (!p.get("address").canConvertToInt()) {
            problems.add(at, "address", "expected an integer 0-65535");
        } else {
            address = p.get("address").asInt();
            int count = type == null ? 1 : type.registers();
            if (address < 0 || address + count - 1 > 65535) {
                problems.add(at, "address", address + (count > 1 ? " + " + count + " registers" : "")
                        + " is outside 0-65535");
            }
        }
        boolean byteSwap = order(p, "byte_order", at, problems);
        boolean wordSwap = order(p, "word_order", at, problems);
        double scale = number(p, "scale", 1, at, problems);
        if (scale == 0) {
            problems.add(at, "scale", "must not be 0");
        }
        double offset = number(p, "offset", 0, at, problems);
        Optional<String> scaleFactor = text(p, "scale_factor", at, problems, false);
        Optional<String> metric = text(p, "metric", at, problems, false);
        metric.filter(m -> !SeriesKey.isValidMetricName(m)).ifPresent(m -> problems.add(at, "metric",
                "invalid metric name '" + m + "': lowercase words separated by dots, e.g. hw.power"));
        Unit unit = Unit.NONE;
        Optional<String> unitText = text(p, "unit", at, problems, false);
        if (unitText.isPresent()) {
            try {
                unit = Unit.of(unitText.get());
            } catch (IllegalArgumentException e) {
                problems.add(at, "unit", e.getMessage());
            }
        } else if (metric.isPresent()) {
            problems.add(at, "unit", "missing: give the UCUM unit of the value (W, V, A, Cel, %, {rpm}, J, 1, ...)");
        }
        MetricKind kind = MetricKind.GAUGE;
        Optional<String> kindText = text(p, "kind", at, problems, false);
        if (kindText.isPresent()) {
            switch (kindText.get()) {
                case "gauge" -> kind = MetricKind.GAUGE;
                case "counter" -> kind = MetricKind.COUNTER;
                default -> problems.add(at, "kind", "unknown kind '" + kindText.get() + "' (known: gauge, counter)");
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (p.has("attributes")) {
            JsonNode a = p.get("attributes");
            if (!a.isObject()) {
                problems.add(at, "attributes", "expected a mapping of names to values");
            } else {
                for (Map.Entry<String, JsonNode> e : a.properties()) {
                    if (!SeriesKey.isValidAttributeName(e.getKey())) {
                        problems.add(at, "attributes." + e.getKey(), "invalid attribute name");
                    } else if (!e.getValue().isValueNode()) {
                        problems.add(at, "attributes." + e.getKey(), "expected a value");
                    } else {
                        attributes.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
        }
        Set<Long> notImplemented = new HashSet<>();
        boolean nan = false;
        if (sunSpecSentinels && type != null) {
            type.sunSpecSentinel().ifPresent(notImplemented::add);
            nan = type.floating();
        }
        if (p.has("not_implemented")) {
            JsonNode list = p.get("not_implemented");
            if (!list.isArray()) {
                problems.add(at, "not_implemented", "expected a list of raw values (0x8000, 65535, NaN)");
            } else {
                for (JsonNode v : list) {
                    if ("NaN".equalsIgnoreCase(v.asText())) {
                        nan = true;
                    } else if (v.isIntegralNumber()) {
                        notImplemented.add(v.longValue());
                    } else {
                        try {
                            notImplemented.add(Long.decode(v.asText()));
                        } catch (NumberFormatException e) {
                            problems.add(at, "not_implemented", "'" + v.asText() + "' is not an integer or NaN");
                        }
                    }
                }
            }
        }
        List<ModbusPoint.Flag> flags = new ArrayList<>();
        if (p.has("flags")) {
            JsonNode f = p.get("flags");
            if (type != null && !type.bitfield()) {
                problems.add(at, "flags", "only bitfield16 and bitfield32 points have flags");
            } else if (!f.isObject()) {
                problems.add(at, "flags", "expected a mapping of bit numbers to names");
            } else {
                for (Map.Entry<String, JsonNode> e : f.properties()) {
                    try {
                        int bit = Integer.parseInt(e.getKey());
                        if (bit < 0 || (type != null && bit >= type.bits())) {
                            problems.add(at, "flags." + e.getKey(), "bit outside 0-" + (type == null ? 31
                                    : type.bits() - 1));
                        } else {
                            flags.add(new ModbusPoint.Flag(bit, e.getValue().asText()));
                        }
                    } catch (NumberFormatException ex) {
                        problems.add(at, "flags." + e.getKey(), "expected a bit number");
                    }
                }
            }
        } else if (type != null && type.bitfield() && metric.isPresent()) {
            problems.add(at, "flags", "missing: a bitfield with a metric names its bits (flags: {0: name})");
        }
        String flagAttribute = text(p, "flag_attribute", at, problems, false).orElse("flag");
        Optional<ModbusPoint.Range> writable = Optional.empty();
        if (p.has("writable")) {
            JsonNode w = p.get("writable");
            if (function != ModbusFunction.HOLDING && function != ModbusFunction.COIL) {
                problems.add(at, "writable", "only holding registers and coils can be written");
            } else if (!w.path("min").isNumber() || !w.path("max").isNumber()) {
                problems.add(at, "writable", "expected {min: N, max: N} in engineering units");
            } else if (w.get("min").asDouble() > w.get("max").asDouble()) {
                problems.add(at, "writable", "min is greater than max");
            } else if (type != null && !type.numeric() && type.kind() != ModbusType.Kind.BOOL) {
                problems.add(at, "writable", type + " points cannot be written");
            } else {
                writable = Optional.of(new ModbusPoint.Range(w.get("min").asDouble(), w.get("max").asDouble()));
            }
        }
        Optional<String> deviceAttribute = text(p, "device_attribute", at, problems, false);
        if (type != null && type.kind() == ModbusType.Kind.STRING) {
            if (metric.isPresent()) {
                problems.add(at, "metric", "a string has no numeric value: use device_attribute instead");
            }
        } else if (deviceAttribute.isPresent()) {
            problems.add(at, "device_attribute", "only string points become device attributes");
        }
        if (problems.count() > before || type == null) {
            return Optional.empty();
        }
        return Optional.of(new ModbusPoint(name, function, address, type, byteSwap, wordSwap, scale, scaleFactor,
                offset, metric, unit, kind, attributes, notImplemented, nan, flags, flagAttribute, writable,
                deviceAttribute));
    }

    private static boolean order(JsonNode p, String field, String at, Problems problems) {
        Optional<String> v = text(p, field, at, problems, false);
        if (v.isEmpty() || v.get().equals("big")) {
            return false;
        }
        if (v.get().equals("little")) {
            return true;
        }
        problems.add(at, field, "expected big or little, got '" + v.get() + "'");
        return false;
    }

    private static double number(JsonNode p, String field, double defaultValue, String at, Problems problems) {
        if (!p.has(field)) {
            return defaultValue;
        }
        if (!p.get(field).isNumber()) {
            problems.add(at, field, "expected a number, got '" + p.get(field).asText() + "'");
            return defaultValue;
        }
        return p.get(field).asDouble();
    }

    private static Optional<String> text(JsonNode node, String field, String at, Problems problems,
            boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(at, field, "missing");
            }
            return Optional.empty();
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            problems.add(at, field, "expected a non-empty value");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    private static void unknownFields(JsonNode node, List<String> known, String at, Problems problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(at, f, "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Collects every problem of one file. */
    private static final class Problems {
        private final String file;
        private final List<String> lines = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(String at, String field, String message) {
            String where = at.isEmpty() ? "" : at + ", ";
            lines.add("Modbus profile " + file + ": " + where + (field.isEmpty() ? "" : "field " + field + ": ")
                    + message);
        }

        int count() {
            return lines.size();
        }

        void throwIfAny() {
            if (!lines.isEmpty()) {
                throw new DriverException(DriverErrorKind.CONFIG, String.join("\n", lines));
            }
        }
    }
}
