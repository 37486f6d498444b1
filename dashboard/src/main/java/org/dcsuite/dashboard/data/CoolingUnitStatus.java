package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One cooling unit's line on the Cooling view. Every figure is empty when the unit did not report it recently, so
 * the screen can say "not reported" instead of showing a made-up zero.
 *
 * @param roomId          the room the unit serves; empty id for a site-level unit
 * @param roomName        for people
 * @param deviceId        the configured device id
 * @param deviceName      for people
 * @param supplyC         supply air temperature in °C ({@code hw.temperature{hw.id="supply_air"}})
 * @param returnC         return air temperature in °C ({@code hw.temperature{hw.id="return_air"}})
 * @param supplySetpointC supply air setpoint in °C ({@code hw.temperature.setpoint{hw.id="supply_air"}})
 * @param returnSetpointC return air setpoint in °C, which the shipped profiles do not read but a custom one may
 * @param fanRpm          mean fan speed in rpm over the unit's fans ({@code hw.fan.speed})
 * @param fanPercent      mean fan speed in % where the unit reports a ratio instead ({@code hw.fan.speed_ratio})
 * @param fans            how many fan readings the fan speed averages
 * @param coolingWatts    cooling power in W ({@code hw.power{hw.type="cooling"}})
 * @param running         whether the unit runs ({@code hw.cooling.running}); empty when not reported
 * @param alarms          the active alarm flags ({@code hw.cooling.alarm} = 1), by name
 */
public record CoolingUnitStatus(String roomId, String roomName, String deviceId, String deviceName,
        OptionalDouble supplyC, OptionalDouble returnC, OptionalDouble supplySetpointC, OptionalDouble returnSetpointC,
        OptionalDouble fanRpm, OptionalDouble fanPercent, int fans, OptionalDouble coolingWatts,
        Optional<Boolean> running, List<String> alarms) {

    public CoolingUnitStatus {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(roomName, "roomName");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(supplyC, "supplyC");
        Objects.requireNonNull(returnC, "returnC");
        Objects.requireNonNull(supplySetpointC, "supplySetpointC");
        Objects.requireNonNull(returnSetpointC, "returnSetpointC");
        Objects.requireNonNull(fanRpm, "fanRpm");
        Objects.requireNonNull(fanPercent, "fanPercent");
        Objects.requireNonNull(coolingWatts, "coolingWatts");
        Objects.requireNonNull(running, "running");
        alarms = List.copyOf(alarms);
    }

    /** Return minus supply air in K: how much heat the air carries back; empty unless both are reported. */
    public OptionalDouble deltaT() {
        return supplyC.isEmpty() || returnC.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(returnC.getAsDouble() - supplyC.getAsDouble());
    }
}
