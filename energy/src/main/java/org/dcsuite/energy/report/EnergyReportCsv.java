package org.dcsuite.energy.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.dcsuite.energy.kpi.Kpi;

/**
 * One CSV row per figure and KPI per period ({@code period} is {@code total} or {@code step}), so a
 * spreadsheet can filter and pivot; absent values leave {@code value} empty and fill {@code reason}.
 */
public final class EnergyReportCsv {

    public static final String HEADER = "site,period,from,to,kind,id,label,zone,value,unit,coverage,series,reason";

    private EnergyReportCsv() {
    }

    public static String write(List<EnergyReport> reports) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EnergyReport r : reports) {
            rows(sb, r, "total", r.total());
            for (Period p : r.steps()) {
                rows(sb, r, "step", p);
            }
        }
        return sb.toString();
    }

    private static void rows(StringBuilder sb, EnergyReport r, String period, Period p) {
        String prefix = csv(r.site()) + ',' + period + ',' + p.from() + ',' + p.to() + ',';
        for (Figure f : p.figures()) {
            sb.append(prefix).append("figure,").append(csv(f.id())).append(',').append(csv(f.label())).append(",,")
                    .append(number(f.value())).append(',').append(csv(f.unit())).append(',')
                    .append(coverage(f.coverage())).append(',').append(csv(String.join(" ", f.series()))).append(',')
                    .append(csv(f.reason().orElse(""))).append('\n');
        }
        for (Kpi k : p.kpis()) {
            sb.append(prefix).append("kpi,").append(csv(k.id())).append(',').append(csv(k.label())).append(',')
                    .append(csv(k.zone().orElse(""))).append(',').append(number(k.value())).append(',')
                    .append(csv(k.unit())).append(',').append(coverage(k.coverage())).append(',')
                    .append(csv(String.join(" ", k.series()))).append(',').append(csv(k.reason().orElse("")))
                    .append('\n');
        }
    }

    /**
     * Twelve significant digits: more than any meter resolves, and enough to drop the last-bit noise of summing
     * thousands of buckets (JSON keeps the full double).
     */
    static String number(OptionalDouble v) {
        if (v.isEmpty()) {
            return "";
        }
        return new java.math.BigDecimal(v.getAsDouble()).round(new java.math.MathContext(12)).stripTrailingZeros()
                .toPlainString();
    }

    private static String coverage(double c) {
        return String.format(Locale.ROOT, "%.6f", c);
    }

    /** RFC 4180 quoting. */
    static String csv(String field) {
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
