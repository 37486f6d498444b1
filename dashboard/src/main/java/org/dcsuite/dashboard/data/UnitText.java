package org.dcsuite.dashboard.data;

import java.util.Collection;
import org.dcsuite.core.series.Unit;

/** Units as a chart's axis shows them: the UCUM code people can read ({@code °C}, {@code rpm}). */
public final class UnitText {

    /** Shown when the series of one chart have different units. */
    public static final String MIXED = "mixed units";

    private UnitText() {
    }

    public static String of(Unit unit) {
        String code = unit.code();
        return switch (code) {
            case "Cel" -> "°C";
            case "1" -> "ratio";
            case "" -> "no unit";
            case "By" -> "B";
            case "kW.h" -> "kWh";
            default -> code.startsWith("{") && code.endsWith("}") ? code.substring(1, code.length() - 1) : code;
        };
    }

    /** The one unit of all these, or {@link #MIXED}. */
    public static String common(Collection<Unit> units) {
        return units.stream().distinct().count() == 1 ? of(units.iterator().next()) : MIXED;
    }
}
