package org.dcsuite.drivers;

import java.util.Map;
import java.util.Objects;

/**
 * A control action on a device. Actions and targets come from the profile or the protocol:
 * {@code write} a Modbus point ({@code target} = point name, parameter {@code value}), {@code outlet.power}
 * by SNMP SET or Redfish {@code Outlet.PowerControl} ({@code target} = outlet id, parameter {@code state} =
 * on/off/cycle), {@code system.reset} by Redfish {@code ComputerSystem.Reset} (parameter {@code type}).
 *
 * @param action     what to do
 * @param target     which point, outlet or system
 * @param parameters action arguments
 */
public record ControlRequest(String action, String target, Map<String, String> parameters) {

    public ControlRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        parameters = Map.copyOf(parameters);
    }
}
