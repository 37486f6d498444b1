package org.dcsuite.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a device reported on its own: an SNMP trap or inform, a Redfish event. Receivers create it without
 * topology; the collectors add the device's {@code labels} (site, room, rack, device), put it on the event bus for
 * alerting and store it with its device.
 *
 * @param deviceId the configured device the sender was matched to, if any
 * @param source   the sender's address and protocol, e.g. {@code snmp://10.0.0.5:162}
 * @param type     the event type: a trap OID or its name, a Redfish MessageId
 * @param severity as the device says it: OK, Warning, Critical, or empty when the protocol has none
 * @param message  human-readable text
 * @param details  varbinds or event fields, by name
 * @param time     when the receiver got it (devices' own clocks are not trusted)
 * @param labels   the device's topology, as on its series; empty until the collectors add it
 */
public record DeviceEvent(Optional<String> deviceId, String source, String type, Optional<String> severity,
        String message, Map<String, String> details, Instant time, Map<String, String> labels) {

    public DeviceEvent {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
        Objects.requireNonNull(time, "time");
        labels = Map.copyOf(labels);
    }

    /** An event as a receiver creates it: no topology yet. */
    public DeviceEvent(Optional<String> deviceId, String source, String type, Optional<String> severity,
            String message, Map<String, String> details, Instant time) {
        this(deviceId, source, type, severity, message, details, time, Map.of());
    }

    /** This event with the device's topology labels. */
    public DeviceEvent withLabels(Map<String, String> topology) {
        return new DeviceEvent(deviceId, source, type, severity, message, details, time, topology);
    }
}
