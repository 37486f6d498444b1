package org.dcsuite.dashboard.views;

import java.util.Locale;
import java.util.OptionalDouble;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.report.Figure;

/**
 * How the energy views write KPIs and figures: the value with its unit and how much of the period was measured,
 * "1.42 (97 % measured)", or {@link Formats#NONE} when there is no value (the reason goes to the tooltip).
 */
final class EnergyFormats {

    private EnergyFormats() {
    }

    /** A KPI's value and coverage; ratios with two decimals, CUE with three (tens of grams per kWh). */
    static String kpi(Kpi k) {
        return k.value().isEmpty() ? Formats.NONE : kpiValue(k) + " (" + coverage(k.coverage()) + ")";
    }

    private static String kpiValue(Kpi k) {
        if (k.value().isEmpty()) {
            return Formats.NONE;
        }
        int decimals = k.id().equals("cue") ? 3 : 2;
        return number(k.value().getAsDouble(), decimals) + (k.unit().isEmpty() ? "" : " " + k.unit());
    }

    /**
     * A figure's value with its unit and coverage: kWh and kg to 0.1, or to 0.001 under 10 so the small figures of a
     * short or barely measured range do not read 0.0; litres whole, money to the cent.
     */
    static String figure(Figure f) {
        return f.value().isEmpty() ? Formats.NONE : figureValue(f) + " (" + coverage(f.coverage()) + ")";
    }

    private static String figureValue(Figure f) {
        if (f.value().isEmpty()) {
            return Formats.NONE;
        }
        int decimals = switch (f.unit()) {
            case "kWh", "kg" -> Math.abs(f.value().getAsDouble()) < 10 ? 3 : 1;
            case "L" -> 0;
            default -> 2;
        };
        return number(f.value().getAsDouble(), decimals) + " " + f.unit();
    }

    /**
     * The share measured, rounded down so a period with a gap never reads "100 %"; shares under 10 % keep a decimal,
     * as a freshly started site measures a small part of a long range.
     */
    static String coverage(double share) {
        double percent = share * 100;
        if (share >= 1) {
            return "100 % measured";
        }
        if (percent >= 10) {
            return (long) Math.floor(percent) + " % measured";
        }
        if (percent >= 0.1) {
            return String.format(Locale.ROOT, "%.1f %% measured", Math.floor(percent * 10) / 10);
        }
        return percent > 0 ? "< 0.1 % measured" : "0 % measured";
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Absent values sort below every present one. */
    static double orMin(OptionalDouble d) {
        return d.orElse(Double.NEGATIVE_INFINITY);
    }

    /** What a tooltip says about a KPI: its full label, then the reason it has no value or the series it read. */
    static String kpiTooltip(Kpi k) {
        return k.label() + ": " + k.reason().orElseGet(() -> "from " + String.join(", ", k.series()));
    }

    static String figureTooltip(Figure f) {
        return f.label() + ": " + f.reason().orElseGet(() -> "from " + String.join(", ", f.series()));
    }
}
