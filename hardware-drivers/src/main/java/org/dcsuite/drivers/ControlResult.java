package org.dcsuite.drivers;

import java.util.Objects;

/**
 * The outcome of an accepted control action.
 *
 * @param message what the device reported, for the audit log (for example "setpoint cooling.setpoint 22.0 ->
 *                21.5 Cel" or "Redfish task /redfish/v1/TaskService/Tasks/3 started")
 */
public record ControlResult(String message) {

    public ControlResult {
        Objects.requireNonNull(message, "message");
    }
}
