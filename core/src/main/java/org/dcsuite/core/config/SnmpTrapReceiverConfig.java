package org.dcsuite.core.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code receivers.snmp_traps}: the UDP listener for SNMP traps and informs. Senders are matched to configured
 * devices by address; v2c traps are accepted with the community of a configured SNMP device or one listed here,
 * v3 traps with a configured device's user.
 *
 * @param enabled     whether {@code dcsuite run} listens
 * @param bindAddress the address to listen on
 * @param port        the UDP port; 0 picks a free one (tests)
 * @param communities extra v2c communities accepted besides the configured devices' own
 */
public record SnmpTrapReceiverConfig(boolean enabled, String bindAddress, int port, List<Secret> communities) {

    /**
     * 1162 rather than the standard 162, which needs root: point devices at it, or redirect 162 to it (see the
     * SNMP driver's README).
     */
    public static final int DEFAULT_PORT = 1162;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final SnmpTrapReceiverConfig DEFAULT = new SnmpTrapReceiverConfig(true, DEFAULT_BIND_ADDRESS,
            DEFAULT_PORT, List.of());

    public SnmpTrapReceiverConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Ports.check("receivers.snmp_traps.port", port);
        communities = List.copyOf(communities);
    }
}
