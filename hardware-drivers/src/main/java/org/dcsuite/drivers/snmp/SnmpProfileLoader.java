package org.dcsuite.drivers.snmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.model.HwType;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.snmp4j.smi.OID;

/**
 * Reads and validates profile YAML. Every problem is collected and reported at once, each naming the file and
 * the entry ({@code apc-rpdu2.yaml: tables[1].metrics[0].unit: ...}).
 */
final class SnmpProfileLoader {

    /** The format version every profile file starts with. */
    static final String VERSION = "dcsuite/snmp-profile/v1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern OID_TEXT = Pattern.compile("\\.?[0-9]+(\\.[0-9]+)+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> TOP = Set.of("version", "name", "description", "mibs", "detect", "scalars",
            "tables", "controls");
    private static final Set<String> METRIC_FIELDS = Set.of("metric", "unit", "kind", "scale", "attributes",
            "values", "otherwise", "invalid");
    private static final Set<String> SCALAR_FIELDS = union(METRIC_FIELDS, Set.of("object", "oid"));
    private static final Set<String> TABLE_METRIC_FIELDS = union(METRIC_FIELDS, Set.of("value", "select_by", "cases",
            "decimals_column", "si_scale_column", "multiply_column", "total"));

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private SnmpProfileLoader(String file) {
        this.file = file;
    }

    /**
     * Loads one profile.
     *
     * @param file the file name, used in messages and checked against the profile's {@code name}
     * @throws DriverException of kind CONFIG listing every problem
     */
    static SnmpProfile load(String file, InputStream in) {
        SnmpProfileLoader loader = new SnmpProfileLoader(file);
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new DriverException(DriverErrorKind.CONFIG, "snmp profile " + file + ": invalid YAML: "
                    + e.getMessage(), e);
        }
        SnmpProfile profile = loader.profile(root);
        if (!loader.problems.isEmpty()) {
            throw new DriverException(DriverErrorKind.CONFIG, "snmp profile " + file + " is invalid:\n  "
                    + String.join("\n  ", loader.problems));
        }
        return profile;
    }

    private SnmpProfile profile(JsonNode root) {
        if (root == null || !root.isObject()) {
            problem("", "expected a mapping with version, name, scalars and tables");
            return null;
        }
        unknownKeys(root, "", TOP);
        String version = text(root, "", "version", true);
        if (version != null && !version.equals(VERSION)) {
            problem("version", "expected '" + VERSION + "', got '" + version + "'");
        }
        String name = text(root, "", "name", true);
        String expected = file.replaceFirst("\\.yaml$", "");
        if (name != null && !name.equals(expected)) {
            problem("name", "'" + name + "' must match the file name '" + expected + "'");
        }
        String description = Optional.ofNullable(text(root, "", "description", false)).orElse("");
        List<String> mibs = new ArrayList<>();
        for (Item i : items(root, "", "mibs")) {
            mibs.add(i.node().asText());
        }
        if (mibs.isEmpty()) {
            problem("mibs", "list the MIB objects this profile follows");
        }
        SnmpProfile.Detect detect = detect(root.get("detect"));
        List<SnmpProfile.Scalar> scalars = new ArrayList<>();
        for (Item i : items(root, "", "scalars")) {
            scalar(i).ifPresent(scalars::add);
        }
        List<SnmpProfile.Table> tables = new ArrayList<>();
        for (Item i : items(root, "", "tables")) {
            table(i).ifPresent(tables::add);
        }
        List<SnmpProfile.Control> controls = new ArrayList<>();
        Set<String> actions = new HashSet<>();
        for (Item i : items(root, "", "controls")) {
            control(i).ifPresent(c -> {
                if (!actions.add(c.action())) {
                    problem(i.path() + ".action", "duplicate action '" + c.action() + "'");
                }
                controls.add(c);
            });
        }
        if (scalars.isEmpty() && tables.isEmpty()) {
            problem("", "a profile needs at least one scalar or table");
        }
        return new SnmpProfile(name, description, mibs, detect, scalars, tables, controls);
    }

    private SnmpProfile.Detect detect(JsonNode node) {
        if (node == null) {
            return new SnmpProfile.Detect(List.of(), Optional.empty(), 0);
        }
        unknownKeys(node, "detect", Set.of("sys_object_ids", "probe", "priority"));
        List<OID> prefixes = new ArrayList<>();
        for (Item i : items(node, "detect", "sys_object_ids")) {
            oid(i.node().asText(), i.path()).ifPresent(prefixes::add);
        }
        Optional<OID> probe = Optional.ofNullable(text(node, "detect", "probe", false))
                .flatMap(t -> oid(t, "detect.probe"));
        int priority = node.has("priority") ? node.get("priority").asInt() : 0;
        return new SnmpProfile.Detect(prefixes, probe, priority);
    }

    private Optional<SnmpProfile.Scalar> scalar(Item item) {
        JsonNode n = item.node();
        unknownKeys(n, item.path(), SCALAR_FIELDS);
        String object = text(n, item.path(), "object", true);
        Optional<OID> oid = Optional.ofNullable(text(n, item.path(), "oid", true)).flatMap(t -> oid(t, item.path() + ".oid"));
        Optional<SnmpProfile.Metric> metric = metric(n, item.path(), true, Set.of(), List.of());
        if (object == null || oid.isEmpty() || metric.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SnmpProfile.Scalar(object, oid.get(), metric.get()));
    }

    private Optional<SnmpProfile.Table> table(Item item) {
        JsonNode n = item.node();
        String path = item.path();
        unknownKeys(n, path, Set.of("name", "index", "columns", "rows_from", "status", "metrics"));
        String name = text(n, path, "name", true);
        List<SnmpIndex.Part> index = new ArrayList<>();
        for (Item p : items(n, path, "index")) {
            Optional<SnmpIndex.Part> part = SnmpIndex.Part.fromConfigName(p.node().asText());
            if (part.isEmpty()) {
                problem(p.path(), "unknown index part '" + p.node().asText()
                        + "': use integer, string, implied_string or ipv4");
            }
            part.ifPresent(index::add);
        }
        if (index.isEmpty()) {
            problem(path + ".index", "declare the index parts, e.g. [integer] or [integer, integer, integer]");
        }
        Map<String, SnmpProfile.Column> columns = new LinkedHashMap<>();
        JsonNode cols = n.get("columns");
        if (cols == null || !cols.isObject() || cols.isEmpty()) {
            problem(path + ".columns", "expected a mapping of column names to OIDs");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = cols.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String cpath = path + ".columns." + e.getKey();
                JsonNode c = e.getValue();
                String oidText = c.isObject() ? text(c, cpath, "oid", true) : c.asText();
                Optional<String> lookup = Optional.empty();
                if (c.isObject()) {
                    unknownKeys(c, cpath, Set.of("oid", "lookup"));
                    lookup = Optional.ofNullable(text(c, cpath, "lookup", false));
                    lookup.ifPresent(l -> checkTemplate(l, cpath + ".lookup", Set.of(), index.size(), false));
                }
                Optional<OID> oid = oidText == null ? Optional.empty() : oid(oidText, cpath);
                Optional<String> lk = lookup;
                oid.ifPresent(o -> columns.put(e.getKey(), new SnmpProfile.Column(e.getKey(), o, lk)));
            }
        }
        String rowsFrom = Optional.ofNullable(text(n, path, "rows_from", false))
                .orElse(columns.isEmpty() ? "" : columns.keySet().iterator().next());
        if (!columns.isEmpty() && !columns.containsKey(rowsFrom)) {
            problem(path + ".rows_from", "unknown column '" + rowsFrom + "'");
        } else if (columns.containsKey(rowsFrom) && columns.get(rowsFrom).lookup().isPresent()) {
            problem(path + ".rows_from", "the column rows come from cannot have a lookup");
        }
        Optional<SnmpProfile.Status> status = Optional.empty();
        JsonNode s = n.get("status");
        if (s != null) {
            String spath = path + ".status";
            unknownKeys(s, spath, Set.of("column", "ok", "names"));
            String column = text(s, spath, "column", true);
            if (column != null && !columns.containsKey(column)) {
                problem(spath + ".column", "unknown column '" + column + "'");
            }
            Set<Long> ok = new HashSet<>();
            for (Item i : items(s, spath, "ok")) {
                ok.add(i.node().asLong());
            }
            Map<Long, String> names = new HashMap<>();
            JsonNode nm = s.get("names");
            if (nm != null) {
                nm.fields().forEachRemaining(e -> names.put(parseLong(e.getKey(), spath + ".names"), e.getValue().asText()));
            }
            if (ok.isEmpty()) {
                problem(spath + ".ok", "list the status values that mean the row is readable");
            }
            status = Optional.of(new SnmpProfile.Status(column == null ? "" : column, ok, names));
        }
        List<SnmpProfile.TableMetric> metrics = new ArrayList<>();
        for (Item m : items(n, path, "metrics")) {
            tableMetric(m, columns.keySet(), index.size()).ifPresent(metrics::add);
        }
        if (metrics.isEmpty()) {
            problem(path + ".metrics", "a table needs at least one metric");
        }
        if (name == null || columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SnmpProfile.Table(name, index, columns, rowsFrom, status, metrics));
    }

    private Optional<SnmpProfile.TableMetric> tableMetric(Item item, Set<String> columns, int indexParts) {
        JsonNode n = item.node();
        String path = item.path();
        unknownKeys(n, path, TABLE_METRIC_FIELDS);
        String value = text(n, path, "value", true);
        if (value != null && !columns.contains(value)) {
            problem(path + ".value", "unknown column '" + value + "'");
        }
        Optional<String> selectBy = Optional.ofNullable(text(n, path, "select_by", false));
        selectBy.ifPresent(t -> checkTemplate(t, path + ".select_by", columns, indexParts, true));
        Map<String, SnmpProfile.Case> cases = new LinkedHashMap<>();
        JsonNode cs = n.get("cases");
        if (cs != null) {
            cs.fields().forEachRemaining(e -> {
                String cpath = path + ".cases." + e.getKey();
                JsonNode c = e.getValue();
                unknownKeys(c, cpath, Set.of("metric", "unit", "scale", "attributes"));
                String metric = text(c, cpath, "metric", true);
                if (metric != null && !SeriesKey.isValidMetricName(metric)) {
                    problem(cpath + ".metric", "invalid metric name '" + metric + "'");
                }
                String unit = text(c, cpath, "unit", true);
                double scale = c.has("scale") ? c.get("scale").asDouble() : 1.0;
                Map<String, String> attrs = attributes(c.get("attributes"), cpath + ".attributes", columns, indexParts);
                if (metric != null && unit != null) {
                    cases.put(e.getKey(), new SnmpProfile.Case(metric, Unit.of(unit), scale, attrs));
                }
            });
        }
        if (selectBy.isPresent() != !cases.isEmpty()) {
            problem(path, "select_by and cases go together");
        }
        Optional<SnmpProfile.Metric> base = metric(n, path, cases.isEmpty(), columns, List.of(indexParts));
        Optional<String> decimals = columnRef(n, path, "decimals_column", columns);
        Optional<String> si = columnRef(n, path, "si_scale_column", columns);
        Optional<String> multiply = columnRef(n, path, "multiply_column", columns);
        Optional<Map<String, String>> total = Optional.empty();
        JsonNode t = n.get("total");
        if (t != null) {
            unknownKeys(t, path + ".total", Set.of("attributes"));
            if (!cases.isEmpty()) {
                problem(path + ".total", "a total needs one metric: remove cases or the total");
            }
            total = Optional.of(attributes(t.get("attributes"), path + ".total.attributes", Set.of(), 0));
        }
        if (value == null || base.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SnmpProfile.TableMetric(value, base.get(), selectBy, cases, decimals, si, multiply, total));
    }

    /** The common metric fields; with {@code required} false (cases given) metric and unit may be absent. */
    private Optional<SnmpProfile.Metric> metric(JsonNode n, String path, boolean required, Set<String> columns,
            List<Integer> indexParts) {
        String metric = text(n, path, "metric", required);
        if (metric != null && !SeriesKey.isValidMetricName(metric)) {
            problem(path + ".metric", "invalid metric name '" + metric + "'");
        }
        String unit = text(n, path, "unit", required);
        MetricKind kind = MetricKind.GAUGE;
        String kindText = text(n, path, "kind", false);
        if (kindText != null) {
            switch (kindText) {
                case "gauge" -> kind = MetricKind.GAUGE;
                case "counter" -> kind = MetricKind.COUNTER;
                default -> problem(path + ".kind", "unknown kind '" + kindText + "': use gauge or counter");
            }
        }
        double scale = n.has("scale") ? n.get("scale").asDouble() : 1.0;
        if (n.has("scale") && (!n.get("scale").isNumber() || scale == 0)) {
            problem(path + ".scale", "expected a non-zero number");
        }
        int parts = indexParts.isEmpty() ? 0 : indexParts.get(0);
        Map<String, String> attrs = attributes(n.get("attributes"), path + ".attributes", columns, parts);
        Map<Long, Double> values = new HashMap<>();
        JsonNode v = n.get("values");
        if (v != null) {
            v.fields().forEachRemaining(e -> values.put(parseLong(e.getKey(), path + ".values"), e.getValue().asDouble()));
        }
        OptionalDouble otherwise = n.has("otherwise") ? OptionalDouble.of(n.get("otherwise").asDouble())
                : OptionalDouble.empty();
        Set<Long> invalid = new HashSet<>();
        for (Item i : items(n, path, "invalid")) {
            invalid.add(i.node().asLong());
        }
        return Optional.of(new SnmpProfile.Metric(metric == null ? "" : metric, Unit.of(unit == null ? "" : unit), kind,
                scale, attrs, values, otherwise, invalid));
    }

    private Map<String, String> attributes(JsonNode node, String path, Set<String> columns, int indexParts) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            problem(path, "expected a mapping of attribute names to values");
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String key = e.getKey();
            String value = e.getValue().asText();
            if (!SeriesKey.isValidAttributeName(key)) {
                problem(path + "." + key, "invalid attribute name");
            }
            if (key.equals("hw.type") && !value.contains("{") && HwType.fromAttributeValue(value).isEmpty()) {
                problem(path + "." + key, "unknown hw.type '" + value + "': use " + HwType.attributeValues());
            }
            checkTemplate(value, path + "." + key, columns, indexParts, true);
            out.put(key, value);
        });
        return out;
    }

    private Optional<SnmpProfile.Control> control(Item item) {
        JsonNode n = item.node();
        String path = item.path();
        unknownKeys(n, path, Set.of("action", "oid", "index", "parameter", "values"));
        String action = text(n, path, "action", true);
        Optional<OID> oid = Optional.ofNullable(text(n, path, "oid", true)).flatMap(t -> oid(t, path + ".oid"));
        String index = Optional.ofNullable(text(n, path, "index", false)).orElse("{target}");
        Matcher m = PLACEHOLDER.matcher(index);
        while (m.find()) {
            if (!m.group(1).equals("target")) {
                problem(path + ".index", "only {target} may be used, got {" + m.group(1) + "}");
            }
        }
        String parameter = text(n, path, "parameter", true);
        Map<String, Integer> values = new LinkedHashMap<>();
        JsonNode v = n.get("values");
        if (v == null || !v.isObject() || v.isEmpty()) {
            problem(path + ".values", "map each parameter value to the INTEGER to set");
        } else {
            v.fields().forEachRemaining(e -> {
                if (!e.getValue().canConvertToInt()) {
                    problem(path + ".values." + e.getKey(), "expected an integer");
                } else {
                    values.put(e.getKey(), e.getValue().asInt());
                }
            });
        }
        if (action == null || oid.isEmpty() || parameter == null) {
            return Optional.empty();
        }
        return Optional.of(new SnmpProfile.Control(action, oid.get(), index, parameter, values));
    }

    private Optional<String> columnRef(JsonNode n, String path, String key, Set<String> columns) {
        String c = text(n, path, key, false);
        if (c != null && !columns.contains(c)) {
            problem(path + "." + key, "unknown column '" + c + "'");
            return Optional.empty();
        }
        return Optional.ofNullable(c);
    }

    /** Checks placeholders: {index}, {index.N} and, where allowed, {column}. */
    private void checkTemplate(String template, String path, Set<String> columns, int indexParts, boolean allowColumns) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String ref = m.group(1);
            if (ref.equals("index")) {
                continue;
            }
            if (ref.startsWith("index.")) {
                try {
                    int k = Integer.parseInt(ref.substring("index.".length()));
                    if (k < 0 || k >= indexParts) {
                        problem(path, "{" + ref + "} is outside the index (" + indexParts + " parts)");
                    }
                } catch (NumberFormatException e) {
                    problem(path, "invalid placeholder {" + ref + "}: use {index.N}");
                }
            } else if (!allowColumns || !columns.contains(ref)) {
                problem(path, "unknown placeholder {" + ref + "}: use {index}, {index.N}"
                        + (allowColumns ? " or a column name " + columns : ""));
            }
        }
    }

    private Optional<OID> oid(String text, String path) {
        if (!OID_TEXT.matcher(text).matches()) {
            problem(path, "invalid OID '" + text + "': write numbers with dots, e.g. 1.3.6.1.2.1.33.1.2.4.0");
            return Optional.empty();
        }
        return Optional.of(new OID(text.startsWith(".") ? text.substring(1) : text));
    }

    private long parseLong(String text, String path) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            problem(path + "." + text, "expected an integer key");
            return Long.MIN_VALUE;
        }
    }

    private String text(JsonNode n, String path, String key, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(join(path, key), "missing");
            }
            return null;
        }
        if (!v.isValueNode()) {
            problem(join(path, key), "expected a value, got a " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return v.asText();
    }

    private record Item(String path, JsonNode node) {
    }

    private List<Item> items(JsonNode n, String path, String key) {
        JsonNode v = n.get(key);
        List<Item> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(join(path, key), "expected a list");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Item(join(path, key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    private void unknownKeys(JsonNode n, String path, Set<String> known) {
        if (!n.isObject()) {
            problem(path, "expected a mapping");
            return;
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problem(join(path, k), "unknown field; expected one of " + new java.util.TreeSet<>(known));
            }
        });
    }

    private void problem(String path, String message) {
        problems.add(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
