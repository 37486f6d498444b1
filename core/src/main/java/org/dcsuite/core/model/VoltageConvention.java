package org.dcsuite.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which voltage a {@link PowerRating} states on a three-phase supply. Vendors quote both (a "230/400 V" PDU is 230 V
 * line-to-neutral, 400 V line-to-line), and the rated power differs by a factor of sqrt(3) between them, so the
 * configuration says which one it means instead of the code guessing.
 */
public enum VoltageConvention {
    /** Between one phase conductor and neutral, e.g. 230 V in Europe, 120 V or 277 V in North America. */
    LINE_TO_NEUTRAL,
    /** Between two phase conductors, e.g. 400 V in Europe, 208 V or 480 V in North America. */
    LINE_TO_LINE;

    /** The name used in configuration ({@code line_to_neutral}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VoltageConvention> fromConfigName(String name) {
        return Arrays.stream(values()).filter(c -> c.configName().equals(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(VoltageConvention::configName).collect(Collectors.joining(", "));
    }
}
