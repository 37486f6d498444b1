package org.dcsuite.energy.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.time.Durations;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.meter.MeterGap;

/** Plain-text tables for a terminal: one site in detail, or the fleet side by side. */
public final class EnergyReportTable {

    private EnergyReportTable() {
    }

    public static String write(EnergyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Energy report for site ").append(r.site()).append(": ").append(r.from()).append(" to ").append(r.to())
                .append(" (").append(r.timeZone()).append("; resolution ").append(Durations.format(r.resolution()))
                .append(", max gap ").append(Durations.format(r.maxGap())).append(")\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KPI", "VALUE", "UNIT", "COVERAGE", "NOTE"});
        for (Kpi k : r.total().kpis()) {
            rows.add(new String[] {k.label(), number(k.value(), 4), k.unit(), percent(k.coverage()),
                    k.reason().orElse("")});
        }
        table(sb, rows);
        sb.append('\n');
        rows = new ArrayList<>();
        rows.add(new String[] {"QUANTITY", "VALUE", "UNIT", "COVERAGE", "NOTE"});
        for (Figure f : r.total().figures()) {
            rows.add(new String[] {f.label(), number(f.value(), 3), f.unit(), percent(f.coverage()),
                    f.reason().orElse("")});
        }
        table(sb, rows);
        if (!r.steps().isEmpty()) {
            sb.append('\n');
            rows = new ArrayList<>();
            rows.add(new String[] {"STEP FROM", "FACILITY kWh", "IT kWh", "PUE", "CUE", "PUE COVERAGE"});
            for (Period p : r.steps()) {
                Optional<Kpi> pue = p.kpi("pue");
                rows.add(new String[] {p.from().toString(), figure(p, "facility"), figure(p, "it"),
                        pue.map(k -> number(k.value(), 4)).orElse("-"),
                        p.kpi("cue").map(k -> number(k.value(), 4)).orElse("-"),
                        pue.map(k -> percent(k.coverage())).orElse("-")});
            }
            table(sb, rows);
        }
        if (!r.gaps().isEmpty()) {
            sb.append("\nUnmeasured spans:\n");
            for (MeterGap g : r.gaps()) {
                sb.append("  ").append(g.series()).append(": ").append(g.from()).append(" to ").append(g.to());
                g.unattributed().ifPresent(u -> sb.append(String.format(Locale.ROOT,
                        " (%.3f counted across the gap, not attributed)", u)));
                sb.append('\n');
            }
        }
        if (!r.problems().isEmpty()) {
            sb.append("\nProblems:\n");
            r.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    public static String write(FleetReport fleet) {
        StringBuilder sb = new StringBuilder("Fleet energy: ").append(fleet.from()).append(" to ").append(fleet.to())
                .append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SITE", "PUE", "CATEGORY", "COVERAGE", "CUE kg/kWh", "WUE L/kWh", "ERE", "ERF", "REF",
                "FACILITY kWh", "IT kWh", "CO2 kg", "COST"});
        for (EnergyReport r : fleet.sites()) {
            Period t = r.total();
            Optional<Kpi> pue = t.kpi("pue");
            rows.add(new String[] {r.site(), pue.map(k -> number(k.value(), 4)).orElse("-"),
                    String.valueOf(r.itCategory().number()), pue.map(k -> percent(k.coverage())).orElse("-"),
                    kpi(t, "cue"), kpi(t, "wue"), kpi(t, "ere"), kpi(t, "erf"), kpi(t, "ref"), figure(t, "facility"),
                    figure(t, "it"), figure(t, "co2"),
                    t.figure("cost").map(f -> number(f.value(), 2) + " " + f.unit()).orElse("-")});
        }
        table(sb, rows);
        sb.append("\nCategory: where IT energy is metered (1 UPS output, 2 PDU output, 3 IT equipment input).\n");
        return sb.toString();
    }

    private static String kpi(Period p, String id) {
        return p.kpi(id).map(k -> number(k.value(), 4)).orElse("-");
    }

    private static String figure(Period p, String id) {
        return p.figure(id).map(f -> number(f.value(), 1)).orElse("-");
    }

    private static String number(OptionalDouble v, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", v.getAsDouble()) : "-";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                if (i + 1 < row.length) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
