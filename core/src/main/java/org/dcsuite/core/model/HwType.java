package org.dcsuite.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Component types, as the OpenTelemetry hardware semantic conventions spell {@code hw.type}. */
public enum HwType {
    BATTERY, CPU, DISK_CONTROLLER, ENCLOSURE, FAN, GPU, LOGICAL_DISK, MEMORY, NETWORK, PHYSICAL_DISK,
    POWER_SUPPLY, TAPE_DRIVE, TEMPERATURE, VOLTAGE;

    /** The {@code hw.type} attribute value ({@code power_supply}). */
    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HwType> fromAttributeValue(String value) {
        return Arrays.stream(values()).filter(t -> t.attributeValue().equals(value)).findFirst();
    }

    /** The accepted values, for error messages. */
    public static String attributeValues() {
        return Arrays.stream(values()).map(HwType::attributeValue).collect(Collectors.joining(", "));
    }
}
