package org.dcsuite.simulator.control;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.core.model.DeviceKind;

/**
 * The faults the simulator can inject, by the name users type, and the device kinds each applies to. Wire faults
 * act on a device's protocol front end, physical and data faults on the model behind it; {@link #FEED_LOST} is
 * the one fault that targets a site instead of a device.
 */
public enum SimFaultType {
    /** The device answers nothing. */
    DOWN(EnumSet.of(DeviceKind.SERVER, DeviceKind.PDU, DeviceKind.UPS, DeviceKind.COOLING, DeviceKind.METER)),
    /** The device answers after a latency. */
    SLOW(EnumSet.of(DeviceKind.SERVER, DeviceKind.PDU, DeviceKind.UPS, DeviceKind.COOLING, DeviceKind.METER)),
    /** The device answers bytes that are not its protocol. */
    GARBAGE(EnumSet.of(DeviceKind.SERVER, DeviceKind.PDU, DeviceKind.UPS, DeviceKind.COOLING, DeviceKind.METER)),
    /** The device rejects credentials; Modbus has none, so cooling units and meters are not offered it. */
    AUTH_FAILURE(EnumSet.of(DeviceKind.SERVER, DeviceKind.PDU, DeviceKind.UPS)),
    /** A cooling unit stops removing heat. */
    COOLING_FAILED(EnumSet.of(DeviceKind.COOLING)),
    /** A PDU breaker trips, on one phase or all. */
    BREAKER_TRIPPED(EnumSet.of(DeviceKind.PDU)),
    /** A site loses feed A or B. */
    FEED_LOST(EnumSet.noneOf(DeviceKind.class)),
    /** A UPS's input fails and it runs from its battery. */
    ON_BATTERY(EnumSet.of(DeviceKind.UPS)),
    /** The energy counters of a PDU or meter restart from 0, once. */
    COUNTER_RESET(EnumSet.of(DeviceKind.PDU, DeviceKind.METER)),
    /** Temperature readings freeze; meters have none. */
    STUCK_SENSOR(EnumSet.of(DeviceKind.SERVER, DeviceKind.PDU, DeviceKind.UPS, DeviceKind.COOLING)),
    /** A server's first fan stops. */
    FAN_FAILED(EnumSet.of(DeviceKind.SERVER)),
    /** Unplanned load on a PDU drives a phase, or all, over the breaker's continuous limit. */
    OVERLOAD(EnumSet.of(DeviceKind.PDU));

    private final Set<DeviceKind> kinds;

    SimFaultType(Set<DeviceKind> kinds) {
        this.kinds = kinds;
    }

    /** The name in the API and on the command line, e.g. {@code auth_failure}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a device of this kind can have this fault. */
    public boolean appliesTo(DeviceKind kind) {
        return kinds.contains(kind);
    }

    /** Whether the fault acts on the protocol front end rather than on the model. */
    public boolean wire() {
        return this == DOWN || this == SLOW || this == GARBAGE || this == AUTH_FAILURE;
    }

    /** The faults a device of this kind accepts, by name, in declaration order. */
    public static List<String> namesFor(DeviceKind kind) {
        return Arrays.stream(values()).filter(t -> t.appliesTo(kind)).map(SimFaultType::configName).toList();
    }

    /** The fault of a name (case-insensitive); empty for an unknown name. */
    public static Optional<SimFaultType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equalsIgnoreCase(name)).findFirst();
    }

    /** Every name, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SimFaultType::configName).toList();
    }
}
