package org.dcsuite.drivers.snmp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.Reading;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * Turns raw SNMP values into readings as a profile says: scaling, RFC 3433 scale and precision, value maps,
 * status filtering, joins by index and totals. Pure: no I/O, so fixtures test it directly.
 */
final class SnmpDecoder {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** Readings and point errors gathered side by side. */
    record Result(List<Reading> readings, List<PointError> errors) {
    }

    private final SnmpProfile profile;

    SnmpDecoder(SnmpProfile profile) {
        this.profile = profile;
    }

    /** Every column OID the profile's tables walk, without duplicates. */
    List<OID> columns() {
        List<OID> out = new ArrayList<>();
        for (SnmpProfile.Table t : profile.tables()) {
            for (SnmpProfile.Column c : t.columns().values()) {
                if (!out.contains(c.oid())) {
                    out.add(c.oid());
                }
            }
        }
        return out;
    }

    List<OID> scalarOids() {
        return profile.scalars().stream().map(SnmpProfile.Scalar::oid).toList();
    }

    /**
     * Decodes one poll.
     *
     * @param scalars        GET results by OID
     * @param scalarFailures OIDs the agent did not have
     * @param walked         walked columns: per column OID, its values by index suffix
     */
    Result decode(Map<OID, Variable> scalars, Map<OID, SnmpClient.Failure> scalarFailures,
            Map<OID, TreeMap<OID, Variable>> walked, Instant time) {
        List<Reading> readings = new ArrayList<>();
        List<PointError> errors = new ArrayList<>();
        for (SnmpProfile.Scalar s : profile.scalars()) {
            Variable v = scalars.get(s.oid());
            if (v == null) {
                SnmpClient.Failure f = scalarFailures.get(s.oid());
                errors.add(new PointError(s.object(), f == null ? DriverErrorKind.PROTOCOL : f.kind(),
                        s.object() + " (" + s.oid() + "): " + (f == null ? "missing from the response" : f.message())));
                continue;
            }
            try {
                double value = value(v, s.metric(), 1.0);
                readings.add(new Reading(s.metric().metric(), s.metric().unit(), s.metric().kind(), value,
                        render(s.metric().attributes(), ref -> ""), time));
            } catch (DecodeException e) {
                errors.add(new PointError(s.object(), DriverErrorKind.DECODE, s.object() + " (" + s.oid() + "): "
                        + e.getMessage()));
            }
        }
        for (SnmpProfile.Table t : profile.tables()) {
            table(t, walked, time, readings, errors);
        }
        return new Result(readings, errors);
    }

    private void table(SnmpProfile.Table t, Map<OID, TreeMap<OID, Variable>> walked, Instant time,
            List<Reading> readings, List<PointError> errors) {
        TreeMap<OID, Variable> rowColumn = walked.getOrDefault(t.columns().get(t.rowsFrom()).oid(), new TreeMap<>());
        Map<String, Double> totals = new LinkedHashMap<>();
        Map<String, Integer> totalFailures = new LinkedHashMap<>();
        for (OID suffix : rowColumn.keySet()) {
            Optional<SnmpIndex.Decoded> decoded = SnmpIndex.decode(suffix, t.index());
            String rowPoint = t.name() + "[" + suffix + "]";
            if (decoded.isEmpty()) {
                errors.add(new PointError(rowPoint, DriverErrorKind.DECODE, rowPoint + ": index " + suffix
                        + " does not match the declared index " + t.index()));
                continue;
            }
            Row row = new Row(t, decoded.get(), walked);
            if (t.status().isPresent()) {
                SnmpProfile.Status st = t.status().get();
                Variable sv = row.value(st.column());
                OptionalLong code = sv == null ? OptionalLong.empty() : integer(sv);
                if (code.isEmpty() || !st.ok().contains(code.getAsLong())) {
                    String state = code.isEmpty() ? "unknown" : st.names().getOrDefault(code.getAsLong(), "status")
                            + "(" + code.getAsLong() + ")";
                    String point = t.name() + "[" + row.index.displayAll() + "]";
                    errors.add(new PointError(point, DriverErrorKind.UNSUPPORTED, point + row.nameSuffix()
                            + ": skipped, " + st.column() + " is " + state));
                    for (SnmpProfile.TableMetric m : t.metrics()) {
                        m.total().ifPresent(a -> totalFailures.merge(m.value(), 1, Integer::sum));
                    }
                    continue;
                }
            }
            for (SnmpProfile.TableMetric m : t.metrics()) {
                metric(t, m, row, time, readings, errors, totals, totalFailures);
            }
        }
        for (SnmpProfile.TableMetric m : t.metrics()) {
            if (m.total().isEmpty()) {
                continue;
            }
            String point = t.name() + "." + m.value() + " total";
            int failed = totalFailures.getOrDefault(m.value(), 0);
            if (failed > 0) {
                errors.add(new PointError(point, DriverErrorKind.DECODE, point + ": not computed, " + failed
                        + " row(s) could not be read"));
            } else if (totals.containsKey(m.value())) {
                readings.add(new Reading(m.base().metric(), m.base().unit(), m.base().kind(), totals.get(m.value()),
                        render(m.total().get(), ref -> ""), time));
            }
        }
    }

    private void metric(SnmpProfile.Table t, SnmpProfile.TableMetric m, Row row, Instant time, List<Reading> readings,
            List<PointError> errors, Map<String, Double> totals, Map<String, Integer> totalFailures) {
        String metric = m.base().metric();
        org.dcsuite.core.series.Unit unit = m.base().unit();
        double caseScale = 1.0;
        Map<String, String> attributes = new LinkedHashMap<>(m.base().attributes());
        if (m.selectBy().isPresent()) {
            SnmpProfile.Case c = m.cases().get(renderOne(m.selectBy().get(), row::display));
            if (c == null) {
                // Rows of other kinds (sensor types this metric does not map) are not this metric's readings.
                return;
            }
            metric = c.metric();
            unit = c.unit();
            caseScale = c.scale();
            attributes.putAll(c.attributes());
        }
        String point = t.name() + "." + m.value() + "[" + row.index.displayAll() + "]";
        Variable v = row.value(m.value());
        try {
            if (v == null) {
                throw new DecodeException("no value (the agent has no such instance)");
            }
            double value = value(v, m.base(), caseScale);
            if (m.decimalsColumn().isPresent()) {
                long digits = requireInteger(row, m.decimalsColumn().get());
                // RFC 3433: negative precision counts accurate integer digits and does not scale the value.
                if (digits > 0) {
                    value /= Math.pow(10, digits);
                }
            }
            if (m.siScaleColumn().isPresent()) {
                long scale = requireInteger(row, m.siScaleColumn().get());
                if (scale < 1 || scale > 17) {
                    throw new DecodeException(m.siScaleColumn().get() + " " + scale + " is not a SensorDataScale (1-17)");
                }
                value *= Math.pow(10, 3 * (scale - 9));
            }
            if (m.multiplyColumn().isPresent()) {
                value *= requireInteger(row, m.multiplyColumn().get());
            }
            readings.add(new Reading(metric, unit, m.base().kind(), value, render(attributes, row::display), time));
            if (m.total().isPresent()) {
                totals.merge(m.value(), value, Double::sum);
            }
        } catch (DecodeException e) {
            DriverErrorKind kind = v == null ? DriverErrorKind.UNSUPPORTED : DriverErrorKind.DECODE;
            errors.add(new PointError(point, kind, point + row.nameSuffix() + ": " + e.getMessage()));
            if (m.total().isPresent()) {
                totalFailures.merge(m.value(), 1, Integer::sum);
            }
        }
    }

    private static long requireInteger(Row row, String column) throws DecodeException {
        Variable v = row.value(column);
        if (v == null) {
            throw new DecodeException(column + " has no value");
        }
        OptionalLong n = integer(v);
        if (n.isEmpty()) {
            throw new DecodeException(column + " is " + v.getSyntaxString() + " '" + v + "', not an integer");
        }
        return n.getAsLong();
    }

    /** The scaled value, after the invalid markers and value map. */
    private static double value(Variable v, SnmpProfile.Metric m, double caseScale) throws DecodeException {
        OptionalLong integer = integer(v);
        double raw;
        if (integer.isPresent()) {
            raw = v instanceof Counter64 c ? unsigned(c.getValue()) : integer.getAsLong();
            if (m.invalid().contains(integer.getAsLong())) {
                throw new DecodeException("reports " + integer.getAsLong() + " (not available)");
            }
            if (!m.values().isEmpty() || m.otherwise().isPresent()) {
                Double mapped = m.values().get(integer.getAsLong());
                OptionalDouble otherwise = m.otherwise();
                if (mapped == null && otherwise.isEmpty()) {
                    throw new DecodeException("value " + integer.getAsLong() + " is not one of " + m.values().keySet());
                }
                raw = mapped != null ? mapped : otherwise.getAsDouble();
            }
        } else if (v instanceof OctetString s) {
            // Some agents (net-snmp extend scripts, a few PDUs) serve numbers as strings.
            try {
                raw = Double.parseDouble(s.toString().trim());
            } catch (NumberFormatException e) {
                throw new DecodeException(v.getSyntaxString() + " '" + s + "' is not a number");
            }
        } else {
            throw new DecodeException(v.getSyntaxString() + " '" + v + "' is not a number");
        }
        return raw * m.scale() * caseScale;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    private static OptionalLong integer(Variable v) {
        if (v instanceof Integer32 || v instanceof UnsignedInteger32 || v instanceof Counter64) {
            return OptionalLong.of(v.toLong());
        }
        return OptionalLong.empty();
    }

    private static Map<String, String> render(Map<String, String> attributes, Function<String, String> refs) {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((k, template) -> {
            String value = renderOne(template, refs);
            if (!value.isEmpty()) {
                out.put(k, value);
            }
        });
        return out;
    }

    static String renderOne(String template, Function<String, String> refs) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(refs.apply(m.group(1))));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** One table row: its index and the joined columns. */
    private static final class Row {
        private final SnmpProfile.Table table;
        private final SnmpIndex.Decoded index;
        private final Map<OID, TreeMap<OID, Variable>> walked;

        Row(SnmpProfile.Table table, SnmpIndex.Decoded index, Map<OID, TreeMap<OID, Variable>> walked) {
            this.table = table;
            this.index = index;
            this.walked = walked;
        }

        Variable value(String column) {
            SnmpProfile.Column c = table.columns().get(column);
            OID at = c.lookup().map(l -> new OID(renderOne(l, this::raw))).orElse(index.suffix());
            TreeMap<OID, Variable> values = walked.get(c.oid());
            return values == null ? null : values.get(at);
        }

        /** Placeholders for lookups: raw sub-identifiers. */
        String raw(String ref) {
            if (ref.equals("index")) {
                return index.suffix().toDottedString();
            }
            return index.raw().get(Integer.parseInt(ref.substring("index.".length())));
        }

        /** Placeholders for attributes and case keys: decoded index parts and column values. */
        String display(String ref) {
            if (ref.equals("index")) {
                return index.displayAll();
            }
            if (ref.startsWith("index.")) {
                return index.display().get(Integer.parseInt(ref.substring("index.".length())));
            }
            Variable v = value(ref);
            return v == null ? "" : v.toString();
        }

        /** " (Outlet 3)" when the table has a {@code name} column, for messages people can act on. */
        String nameSuffix() {
            String n = table.columns().containsKey("name") ? display("name") : "";
            return n.isEmpty() ? "" : " (" + n + ")";
        }
    }

    private static final class DecodeException extends Exception {
        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message, null, false, false);
        }
    }
}
