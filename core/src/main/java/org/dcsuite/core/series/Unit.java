package org.dcsuite.core.series;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A unit as a UCUM case-sensitive code, the way the OpenTelemetry semantic conventions write them
 * ({@code W}, {@code J}, {@code Cel}, {@code A}, {@code V}, {@code %}, {@code {rpm}}). Annotations in braces
 * ({@code {rpm}}, {@code {request}}) are dimensionless counts.
 */
public record Unit(String code) {

    // Declared before the constants below, which need it while the class initialises.
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]*");

    public static final Unit WATT = new Unit("W");
    public static final Unit JOULE = new Unit("J");
    public static final Unit KILOWATT_HOUR = new Unit("kW.h");
    public static final Unit CELSIUS = new Unit("Cel");
    public static final Unit AMPERE = new Unit("A");
    public static final Unit VOLT = new Unit("V");
    public static final Unit VOLT_AMPERE = new Unit("VA");
    public static final Unit HERTZ = new Unit("Hz");
    public static final Unit PERCENT = new Unit("%");
    public static final Unit RPM = new Unit("{rpm}");
    public static final Unit SECOND = new Unit("s");
    public static final Unit MILLISECOND = new Unit("ms");
    public static final Unit BYTE = new Unit("By");
    public static final Unit LITER = new Unit("L");
    /** Dimensionless ratio or count without annotation. */
    public static final Unit ONE = new Unit("1");
    /** No unit known (for example, imported series without a UNIT line). */
    public static final Unit NONE = new Unit("");

    public Unit {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("invalid unit code '" + code + "': printable ASCII without spaces");
        }
    }

    public static Unit of(String code) {
        return switch (code) {
            case "W" -> WATT;
            case "J" -> JOULE;
            case "Cel" -> CELSIUS;
            case "A" -> AMPERE;
            case "V" -> VOLT;
            case "%" -> PERCENT;
            case "{rpm}" -> RPM;
            case "s" -> SECOND;
            case "1" -> ONE;
            case "" -> NONE;
            default -> new Unit(code);
        };
    }

    /** The suffix Prometheus appends to a metric name for this unit ({@code hw_power_watts}); empty if none. */
    public String prometheusSuffix() {
        return switch (code) {
            case "W" -> "watts";
            case "J" -> "joules";
            case "Cel" -> "celsius";
            case "A" -> "amperes";
            case "V" -> "volts";
            case "VA" -> "volt_amperes";
            case "Hz" -> "hertz";
            case "%" -> "percent";
            case "s" -> "seconds";
            case "ms" -> "milliseconds";
            case "By" -> "bytes";
            case "L" -> "liters";
            case "1" -> "ratio";
            default -> "";
        };
    }

    @Override
    public String toString() {
        return code;
    }
}
