package org.dcsuite.drivers;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a device reported on its own: an SNMP trap or inform, a Redfish event. The collectors put events
 * on the event bus for alerting and store them with their device.
 *
 * @param deviceId the configured device the sender was matched to, if any
 * @param source   the sender's address and protocol, e.g. {@code snmp://10.0.0.5:162}
 * @param type     the event type: a trap OID or its name, a Redfish MessageId
 * @param severity as the device says it: OK, Warning, Critical, or empty when the protocol has none
 * @param message  human-readable text
 * @param details  varbinds or event fields, by name
 */
public record DeviceEvent(Optional<String> deviceId, String source, String type, Optional<String> severity,
        String message, Map<String, String> details, Instant time) {

    public DeviceEvent {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
        Objects.requireNonNull(time, "time");
    }
}
