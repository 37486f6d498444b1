package org.dcsuite.drivers.snmp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;
import org.snmp4j.smi.OID;

/**
 * A device profile as loaded from its YAML file: which OIDs to read and how each value becomes a reading.
 * The format is described in this package's README; {@link SnmpProfileLoader} validates it.
 */
record SnmpProfile(String name, String description, List<String> mibs, Detect detect, List<Scalar> scalars,
        List<Table> tables, List<Control> controls) {

    SnmpProfile {
        mibs = List.copyOf(mibs);
        scalars = List.copyOf(scalars);
        tables = List.copyOf(tables);
        controls = List.copyOf(controls);
    }

    /** How a device without a configured profile is matched to this one. */
    record Detect(List<OID> sysObjectIds, Optional<OID> probe, int priority) {
        Detect {
            sysObjectIds = List.copyOf(sysObjectIds);
        }
    }

    /** One OID read with GET. */
    record Scalar(String object, OID oid, Metric metric) {
    }

    /**
     * A table read with GETBULK walks of its columns. Rows are the indexes of {@code rowsFrom}; every other
     * column is joined to the row by the same index, or by its {@link Column#lookup} template.
     */
    record Table(String name, List<SnmpIndex.Part> index, Map<String, Column> columns, String rowsFrom,
            Optional<Status> status, List<TableMetric> metrics) {
        Table {
            index = List.copyOf(index);
            columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * A table column.
     *
     * @param lookup the index to read this column at, as a template over the row's raw index parts
     *               ({@code {index.0}.{index.1}}); empty means the row's own index
     */
    record Column(String name, OID oid, Optional<String> lookup) {
    }

    /** Rows whose status column is not one of {@code ok} are skipped and reported as point errors. */
    record Status(String column, Set<Long> ok, Map<Long, String> names) {
        Status {
            ok = Set.copyOf(ok);
            names = Map.copyOf(names);
        }
    }

    /**
     * How one raw value becomes a reading: value = mapped(raw) x scale x 10^-decimals x 10^(3 (siScale - 9))
     * x multiplier.
     *
     * @param metric     the metric, unit and attributes (a case may override them)
     * @param values     raw integer to number; {@code otherwise} for raw values not listed, if given
     * @param invalid    raw values that mean "not available" (APC answers -1)
     */
    record Metric(String metric, Unit unit, MetricKind kind, double scale, Map<String, String> attributes,
            Map<Long, Double> values, OptionalDouble otherwise, Set<Long> invalid) {
        Metric {
            attributes = Map.copyOf(attributes);
            values = Map.copyOf(values);
            invalid = Set.copyOf(invalid);
        }
    }

    /**
     * A metric over a table column.
     *
     * @param value          the column holding the value
     * @param selectBy       a template choosing one of {@code cases} per row (ENTITY-SENSOR-MIB's sensor type,
     *                       Raritan's sensor type index); rows matching no case are not readings of this metric
     * @param decimalsColumn a column giving decimal digits to divide by (RFC 3433 precision, Raritan decimal
     *                       digits); values below 1 leave the value alone
     * @param siScaleColumn  a column holding an RFC 3433 {@code SensorDataScale} (yocto(1)..units(9)..yotta(17))
     * @param multiplyColumn a column to multiply by (HOST-RESOURCES-MIB allocation units)
     * @param total          when present, the sum over rows is also emitted with these attributes
     */
    record TableMetric(String value, Metric base, Optional<String> selectBy, Map<String, Case> cases,
            Optional<String> decimalsColumn, Optional<String> siScaleColumn, Optional<String> multiplyColumn,
            Optional<Map<String, String>> total) {
        TableMetric {
            cases = Map.copyOf(cases);
        }
    }

    /** Overrides for rows whose {@code select_by} renders to this case's key. */
    record Case(String metric, Unit unit, double scale, Map<String, String> attributes) {
        Case {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * A control action performed by SET.
     *
     * @param index     the instance to set, a template over {@code {target}}
     * @param parameter the request parameter whose value selects the SET value
     * @param values    parameter value to the INTEGER written
     */
    record Control(String action, OID oid, String index, String parameter, Map<String, Integer> values) {
        Control {
            values = Map.copyOf(values);
        }
    }

    /** Every metric, unit, kind and attribute set this profile can emit, sorted. */
    Set<String> declaredMetrics() {
        Set<String> out = new TreeSet<>();
        for (Scalar s : scalars) {
            out.add(line(s.metric().metric(), s.metric().unit(), s.metric().kind(), s.metric().attributes().keySet()));
        }
        for (Table t : tables) {
            for (TableMetric m : t.metrics()) {
                if (m.cases().isEmpty()) {
                    out.add(line(m.base().metric(), m.base().unit(), m.base().kind(), m.base().attributes().keySet()));
                } else {
                    for (Case c : m.cases().values()) {
                        Set<String> keys = new TreeSet<>(m.base().attributes().keySet());
                        keys.addAll(c.attributes().keySet());
                        out.add(line(c.metric(), c.unit(), m.base().kind(), keys));
                    }
                }
                m.total().ifPresent(a -> out.add(line(m.base().metric(), m.base().unit(), m.base().kind(), a.keySet())));
            }
        }
        return out;
    }

    /** One README Metrics row: {@code | metric | unit | kind | attributes |}. */
    private static String line(String metric, Unit unit, MetricKind kind, Set<String> attributes) {
        return "| `" + metric + "` | `" + unit.code() + "` | " + kind.name().toLowerCase(java.util.Locale.ROOT) + " | "
                + String.join(", ", new TreeSet<>(attributes)) + " |";
    }
}
