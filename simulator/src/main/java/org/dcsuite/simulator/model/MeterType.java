package org.dcsuite.simulator.model;

import java.util.Optional;
import org.dcsuite.core.model.Device;

/**
 * What a device of kind {@code meter} measures, told apart by its profile as a real site's configuration tells
 * its drivers: the {@code generic-water-meter} and {@code generic-heat-meter} profiles read water and heat meters,
 * anything else (the {@code sunspec-meter} profile, or none) an electricity meter.
 */
public enum MeterType {
    /** A SunSpec electricity meter: the site's incomer, or with {@link #GENERATION_ATTRIBUTE} its PV array's. */
    ELECTRICITY,
    /** Make-up water for the site's cooling, in litres. */
    WATER,
    /** Heat handed to a district-heating network, in joules. */
    HEAT;

    /**
     * The attribute that makes an electricity meter the production meter of the site's PV array
     * ({@code generation: pv}); being an attribute, it also labels the meter's series.
     */
    public static final String GENERATION_ATTRIBUTE = "generation";
    public static final String PV = "pv";

    public static MeterType of(Device device) {
        Optional<String> profile = device.profile();
        if (profile.filter("generic-water-meter"::equals).isPresent()) {
            return WATER;
        }
        if (profile.filter("generic-heat-meter"::equals).isPresent()) {
            return HEAT;
        }
        return ELECTRICITY;
    }

    static boolean isPv(Device device) {
        return PV.equals(device.attributes().get(GENERATION_ATTRIBUTE));
    }
}
