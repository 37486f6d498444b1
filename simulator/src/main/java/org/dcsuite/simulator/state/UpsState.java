package org.dcsuite.simulator.state;

import java.util.Objects;

/**
 * An on-line UPS as UPS-MIB (RFC 1628) describes it.
 *
 * @param loadPercent             output load as a share of the rating
 * @param batteryChargePercent    estimated charge remaining
 * @param runtimeS                estimated runtime on battery at the present load
 * @param lossesW                 conversion losses (heat), part of facility power
 */
public record UpsState(String id, String name, boolean onBattery, double inputVoltageV, double inputFrequencyHz,
        double outputVoltageV, double outputFrequencyHz, double outputCurrentA, double outputPowerW,
        double loadPercent, double batteryChargePercent, double runtimeS, double batteryTemperatureC,
        double lossesW) {

    public UpsState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
