package org.dcsuite.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code receivers.redfish_events}: the HTTP listener Redfish services push events to, and whether
 * {@code dcsuite run} subscribes each configured Redfish device to it at start.
 *
 * @param enabled       whether {@code dcsuite run} listens
 * @param bindAddress   the address to listen on
 * @param port          the port; 0 picks a free one (tests)
 * @param advertiseHost the host name or address devices should post to; empty means the local address dcsuite
 *                      uses to reach each device
 * @param subscribe     whether to create an EventService subscription on each Redfish device
 */
public record RedfishEventReceiverConfig(boolean enabled, String bindAddress, int port,
        Optional<String> advertiseHost, boolean subscribe) {

    public static final int DEFAULT_PORT = 8082;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final RedfishEventReceiverConfig DEFAULT = new RedfishEventReceiverConfig(true,
            DEFAULT_BIND_ADDRESS, DEFAULT_PORT, Optional.empty(), true);

    public RedfishEventReceiverConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Ports.check("receivers.redfish_events.port", port);
        Objects.requireNonNull(advertiseHost, "advertiseHost");
    }
}
