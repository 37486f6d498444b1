package org.dcsuite.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The protocols a device endpoint can speak; the URI scheme names the protocol. */
public enum Protocol {
    MODBUS("modbus", 502),
    SNMP("snmp", 161),
    /** Redfish over plain HTTP, for labs and mockups; production BMCs are {@link #HTTPS}. */
    REDFISH("redfish", 80),
    HTTPS("https", 443);

    private final String scheme;
    private final int defaultPort;

    Protocol(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    public String scheme() {
        return scheme;
    }

    /** The port used when the URI gives none. */
    public int defaultPort() {
        return defaultPort;
    }

    public static Optional<Protocol> fromScheme(String scheme) {
        return Arrays.stream(values()).filter(p -> p.scheme.equals(scheme)).findFirst();
    }
}
