package org.dcsuite.dashboard.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.report.Figure;
import org.dcsuite.energy.report.Period;

/**
 * The energy comparison table as CSV, one row per site: each KPI and figure with its coverage (a share from 0 to 1)
 * in the column after it, absent values empty. Times are RFC 3339 UTC, the range each report used.
 */
public final class EnergyComparisonCsv {

    public static final String HEADER = "site,from,to,pue_label,pue,pue_coverage,cue_kgco2_per_kwh,cue_coverage,"
            + "wue_l_per_kwh,wue_coverage,erf,erf_coverage,ref,ref_coverage,it_kwh,it_coverage,facility_kwh,"
            + "facility_coverage,co2_kg,co2_coverage,cost,currency,cost_coverage,requests,kwh_per_1000_requests";

    private EnergyComparisonCsv() {
    }

    public static String write(EnergyComparison comparison) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EnergyComparison.Row row : comparison.rows()) {
            Period total = row.report().total();
            Kpi pue = total.kpi("pue").orElseThrow();
            sb.append(csv(row.site())).append(',').append(row.report().from()).append(',').append(row.report().to())
                    .append(',').append(csv(pue.label())).append(',').append(kpi(pue));
            for (String id : List.of("cue", "wue", "erf", "ref")) {
                sb.append(',').append(kpi(total.kpi(id).orElseThrow()));
            }
            for (String id : List.of("it", "facility", "co2")) {
                sb.append(',').append(figure(total.figure(id)));
            }
            Optional<Figure> cost = total.figure("cost");
            sb.append(',').append(number(cost.map(Figure::value).orElse(OptionalDouble.empty()))).append(',')
                    .append(csv(row.report().currency())).append(',')
                    .append(coverage(cost.map(Figure::coverage).orElse(0.0))).append(',')
                    .append(number(row.requests().requests())).append(',')
                    .append(number(row.requests().kwhPer1000())).append('\n');
        }
        return sb.toString();
    }

    private static String kpi(Kpi k) {
        return number(k.value()) + ',' + coverage(k.coverage());
    }

    private static String figure(Optional<Figure> f) {
        return number(f.map(Figure::value).orElse(OptionalDouble.empty())) + ','
                + coverage(f.map(Figure::coverage).orElse(0.0));
    }

    /** Twelve significant digits, as {@code dcsuite energy report --format csv} writes them. */
    static String number(OptionalDouble v) {
        return v.isEmpty() ? "" : new BigDecimal(v.getAsDouble()).round(new MathContext(12)).stripTrailingZeros()
                .toPlainString();
    }

    private static String coverage(double c) {
        return String.format(Locale.ROOT, "%.6f", c);
    }

    /** RFC 4180 quoting. */
    static String csv(String field) {
        return field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
