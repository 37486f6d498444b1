package org.dcsuite.simulator.redfish;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dcsuite.simulator.events.SimConditionChange;

/**
 * What a BMC says about one condition change: a ResourceEvent 1.3.0 message with its arguments, the severity the
 * registry gives it and the resource it concerns.
 *
 * @param eventType    {@code Alert} for faults, {@code StatusChange} for power state changes
 * @param messageKey   the message's key in the registry, e.g. {@code ResourceErrorsDetected}
 * @param resourceType the schema of the origin, matched against a subscription's ResourceTypes
 */
record SimRedfishEvent(Instant at, String eventType, String messageKey, String severity, String message,
        List<String> args, String origin, String resourceType) {

    /** The registry part of the MessageId, matched against a subscription's RegistryPrefixes. */
    String registryPrefix() {
        return "ResourceEvent";
    }

    /** The event for a change of a server condition; empty for conditions of other kinds of device. */
    static Optional<SimRedfishEvent> of(SimConditionChange c) {
        String chassis = SimRedfishResources.chassisPath();
        String subject = c.condition().subject();
        boolean on = c.started();
        return Optional.ofNullable(switch (c.type()) {
            case SERVER_FAN_FAILED -> errors(c, subject + " SpeedRPM", "FanStopped",
                    chassis + "/ThermalSubsystem/Fans/" + SimRedfishResources.segment(subject), "Fan");
            case SERVER_PSU_INPUT_LOST -> errors(c, subject + " LineInputStatus", "LossOfInput",
                    chassis + "/PowerSubsystem/PowerSupplies/" + SimRedfishResources.segment(subject), "PowerSupply");
            case SERVER_INLET_OVERTEMPERATURE -> {
                String property = subject + " Reading";
                String threshold = String.format(Locale.ROOT, "%.1f", c.threshold());
                yield on
                        ? new SimRedfishEvent(c.at(), "Alert", "ResourceErrorThresholdExceeded", "Critical",
                                "The resource property " + property + " has exceeded error threshold of value "
                                        + threshold + ".", List.of(property, threshold),
                                chassis + "/Sensors/" + SimRedfishResources.segment(subject), "Sensor")
                        : new SimRedfishEvent(c.at(), "Alert", "ResourceErrorThresholdCleared", "OK",
                                "The resource property " + property + " has cleared the error threshold of value "
                                        + threshold + ".", List.of(property, threshold),
                                chassis + "/Sensors/" + SimRedfishResources.segment(subject), "Sensor");
            }
            case SERVER_POWERED_OFF -> {
                String system = SimRedfishResources.SYSTEMS + "/" + SimRedfishServer.SYSTEM_ID;
                yield new SimRedfishEvent(c.at(), "StatusChange", on ? "ResourcePoweredOff" : "ResourcePoweredOn",
                        "OK", "The resource `" + system + "` has powered " + (on ? "off" : "on") + ".",
                        List.of(system), system, "ComputerSystem");
            }
            default -> null;
        });
    }

    /** ResourceErrorsDetected (Warning) when the condition starts, ResourceErrorsCorrected (OK) when it ends. */
    private static SimRedfishEvent errors(SimConditionChange c, String property, String errorType, String origin,
            String resourceType) {
        return c.started()
                ? new SimRedfishEvent(c.at(), "Alert", "ResourceErrorsDetected", "Warning", "The resource property "
                        + property + " has detected errors of type '" + errorType + "'.", List.of(property, errorType),
                        origin, resourceType)
                : new SimRedfishEvent(c.at(), "Alert", "ResourceErrorsCorrected", "OK", "The resource property "
                        + property + " has corrected errors of type '" + errorType + "'.", List.of(property, errorType),
                        origin, resourceType);
    }
}
