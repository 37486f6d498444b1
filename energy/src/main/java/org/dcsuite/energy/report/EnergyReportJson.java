package org.dcsuite.energy.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalDouble;
import org.dcsuite.core.time.Durations;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.meter.MeterGap;

/**
 * The JSON form of reports, shared by {@code dcsuite energy report --format json} and {@code /api/v1/energy}.
 * Absent values are {@code null} with a {@code reason}; coverages are shares from 0 to 1; times are RFC 3339 UTC.
 */
public final class EnergyReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnergyReportJson() {
    }

    public static String write(EnergyReport report) {
        return toJson(node(report));
    }

    public static String write(FleetReport fleet) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", fleet.from().toString());
        root.put("to", fleet.to().toString());
        ArrayNode sites = root.putArray("sites");
        fleet.sites().forEach(r -> sites.add(node(r)));
        return toJson(root);
    }

    private static String toJson(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    static ObjectNode node(EnergyReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("site", r.site());
        root.put("time_zone", r.timeZone().getId());
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        root.put("resolution", Durations.format(r.resolution()));
        root.put("max_gap", Durations.format(r.maxGap()));
        ObjectNode category = root.putObject("it_category");
        category.put("number", r.itCategory().number());
        category.put("metered_at", r.itCategory().place());
        root.put("currency", r.currency());
        root.set("total", period(r.total()));
        ArrayNode steps = root.putArray("steps");
        r.steps().forEach(p -> steps.add(period(p)));
        ArrayNode gaps = root.putArray("gaps");
        for (MeterGap g : r.gaps()) {
            ObjectNode n = gaps.addObject();
            n.put("meter", g.meter());
            n.put("series", g.series().toString());
            n.put("from", g.from().toString());
            n.put("to", g.to().toString());
            value(n, "unattributed", g.unattributed());
        }
        ArrayNode problems = root.putArray("problems");
        r.problems().forEach(problems::add);
        return root;
    }

    private static ObjectNode period(Period p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("from", p.from().toString());
        n.put("to", p.to().toString());
        ArrayNode figures = n.putArray("figures");
        for (Figure f : p.figures()) {
            ObjectNode o = figures.addObject();
            o.put("id", f.id());
            o.put("label", f.label());
            value(o, "value", f.value());
            o.put("unit", f.unit());
            o.put("coverage", f.coverage());
            series(o, f.series());
            o.put("reason", f.reason().orElse(null));
        }
        ArrayNode kpis = n.putArray("kpis");
        for (Kpi k : p.kpis()) {
            ObjectNode o = kpis.addObject();
            o.put("id", k.id());
            o.put("label", k.label());
            k.zone().ifPresent(z -> o.put("zone", z));
            value(o, "value", k.value());
            o.put("unit", k.unit());
            o.put("coverage", k.coverage());
            series(o, k.series());
            o.put("reason", k.reason().orElse(null));
        }
        return n;
    }

    private static void value(ObjectNode o, String field, OptionalDouble v) {
        if (v.isPresent()) {
            o.put(field, v.getAsDouble());
        } else {
            o.putNull(field);
        }
    }

    private static void series(ObjectNode o, List<String> series) {
        ArrayNode a = o.putArray("series");
        series.forEach(a::add);
    }
}
