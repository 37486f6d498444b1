package org.dcsuite.simulator.state;

import java.util.Objects;
import java.util.Set;

/**
 * A CRAC/CRAH unit.
 *
 * @param coolingPowerW electrical power the unit draws (compressor and fans)
 * @param heatRemovedW  heat the unit removes from the room
 * @param setpointC     supply-air setpoint, writable within {@link #SETPOINT_MIN_C}..{@link #SETPOINT_MAX_C}
 */
public record CoolingState(String id, String name, boolean running, double supplyC, double returnC,
        double setpointC, double fanRpm, double coolingPowerW, double heatRemovedW, Set<Alarm> alarms) {

    /** Lowest supply setpoint a unit accepts. */
    public static final double SETPOINT_MIN_C = 15.0;
    /** Highest supply setpoint a unit accepts (the generic CRAC profile's writable range is 15-30 Cel). */
    public static final double SETPOINT_MAX_C = 30.0;

    public CoolingState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        alarms = Set.copyOf(alarms);
    }

    /** The alarm bits of the generic CRAC profile, in bit order. */
    public enum Alarm { HIGH_SUPPLY_TEMPERATURE, HIGH_RETURN_TEMPERATURE, FAN_FAILURE, FILTER_CLOGGED, WATER_LEAK,
        COMPRESSOR_FAULT }
}
