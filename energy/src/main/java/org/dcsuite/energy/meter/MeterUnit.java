package org.dcsuite.energy.meter;

import java.util.Optional;
import org.dcsuite.core.series.Unit;

/**
 * How a series' unit is read: a power gauge is integrated over time, an energy or volume counter is
 * differenced; {@code toBase} converts to kW (power), kWh (energy) or L (water).
 */
enum MeterUnit {
    WATT("W", Kind.POWER, 0.001),
    KILOWATT("kW", Kind.POWER, 1),
    JOULE("J", Kind.ENERGY_COUNTER, 1 / 3.6e6),
    WATT_HOUR("W.h", Kind.ENERGY_COUNTER, 0.001),
    KILOWATT_HOUR("kW.h", Kind.ENERGY_COUNTER, 1),
    MEGAWATT_HOUR("MW.h", Kind.ENERGY_COUNTER, 1000),
    LITER("L", Kind.VOLUME_COUNTER, 1),
    CUBIC_METER("m3", Kind.VOLUME_COUNTER, 1000);

    /** What a meter of this unit measures, and so how it is integrated. */
    enum Kind { POWER, ENERGY_COUNTER, VOLUME_COUNTER }

    /** The codes accepted, for error messages. */
    static final String ACCEPTED = "W, kW (power), J, W.h, kW.h, MW.h (energy counters), L, m3 (water counters)";

    final String code;
    final Kind kind;
    final double toBase;

    MeterUnit(String code, Kind kind, double toBase) {
        this.code = code;
        this.kind = kind;
        this.toBase = toBase;
    }

    /** Also accepts the common non-UCUM spellings Wh, kWh, MWh and m^3 that imports carry. */
    static Optional<MeterUnit> of(Unit unit) {
        String code = switch (unit.code()) {
            case "Wh" -> "W.h";
            case "kWh" -> "kW.h";
            case "MWh" -> "MW.h";
            case "m^3", "m³" -> "m3";
            case "l" -> "L";
            default -> unit.code();
        };
        for (MeterUnit u : values()) {
            if (u.code.equals(code)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    boolean isWater() {
        return kind == Kind.VOLUME_COUNTER;
    }
}
