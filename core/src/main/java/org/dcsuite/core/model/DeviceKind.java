package org.dcsuite.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a device is, which decides the views and energy roles it takes part in. */
public enum DeviceKind {
    SERVER, PDU, UPS, COOLING, METER, OTHER;

    /** The name used in configuration ({@code pdu}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceKind> fromConfigName(String name) {
        return Arrays.stream(values()).filter(k -> k.configName().equals(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(DeviceKind::configName).collect(Collectors.joining(", "));
    }
}
