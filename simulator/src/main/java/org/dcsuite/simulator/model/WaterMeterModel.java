package org.dcsuite.simulator.model;

import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.WaterMeterState;

/**
 * The make-up water meter of a site's cooling: the water evaporated, drifted or blown down, in proportion to the
 * IT energy whose heat the cooling carries away. The cooling technology sets the proportion, read from the meter's
 * {@code cooling} attribute: {@code evaporative} towers or adiabatic coolers, or {@code dry} coolers (the default).
 */
final class WaterMeterModel {

    static final String COOLING_ATTRIBUTE = "cooling";
    /**
     * Evaporative cooling uses 1.8 L per kWh of IT energy, the average water usage effectiveness of US data
     * centres in the LBNL 2016 United States Data Center Energy Usage Report, most of them evaporatively cooled.
     */
    static final double EVAPORATIVE_L_PER_KWH = 1.8;
    /**
     * Dry coolers use water only for humidification and the odd adiabatic spray on the hottest days: 0.2 L per kWh,
     * the low end of published WUE figures.
     */
    static final double DRY_L_PER_KWH = 0.2;
    private static final double J_PER_KWH = 3.6e6;
    private static final double S_PER_H = 3600;

    final String id;
    final String name;
    final double litresPerKwh;
    double volumeL;

    // The snapshot at the last step.
    double flowLPerS;

    WaterMeterModel(Device device) {
        this.id = device.id();
        this.name = device.name();
        String cooling = device.attributes().getOrDefault(COOLING_ATTRIBUTE, "dry");
        this.litresPerKwh = switch (cooling) {
            case "dry" -> DRY_L_PER_KWH;
            case "evaporative" -> EVAPORATIVE_L_PER_KWH;
            default -> throw new IllegalArgumentException("water meter '" + id + "': attribute " + COOLING_ATTRIBUTE
                    + " must be dry or evaporative, got '" + cooling + "'");
        };
    }

    void compute(double itPowerW) {
        flowLPerS = litresPerKwh * itPowerW / J_PER_KWH;
    }

    void step(double dtS) {
        volumeL += flowLPerS * dtS;
    }

    WaterMeterState state() {
        return new WaterMeterState(id, name, volumeL, flowLPerS * S_PER_H);
    }
}
