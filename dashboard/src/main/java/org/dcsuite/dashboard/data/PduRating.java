package org.dcsuite.dashboard.data;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A PDU's per-phase current rating and the line-to-neutral voltage that converts it to watts. Neither shipped PDU
 * profile (Raritan PDU2-MIB, APC rPDU2) reads a rating, and the configuration has no rating field yet, so both come
 * from the device's free-form {@code attributes}: {@value #RATED_CURRENT_ATTRIBUTE} (A per phase) and
 * {@value #VOLTAGE_ATTRIBUTE} (V, line to neutral, default {@value #DEFAULT_LINE_TO_NEUTRAL_VOLTS}).
 *
 * @param ratedAmps           the per-phase rating in A; empty when not configured
 * @param lineToNeutralVolts  the nominal line-to-neutral voltage in V
 * @param source              where the figures come from, for the screen
 */
public record PduRating(OptionalDouble ratedAmps, double lineToNeutralVolts, String source) {

    /** The device attribute holding the per-phase breaker or inlet rating in A. */
    public static final String RATED_CURRENT_ATTRIBUTE = "rated_current_a";
    /** The device attribute holding the nominal line-to-neutral voltage in V. */
    public static final String VOLTAGE_ATTRIBUTE = "voltage_ln_v";
    /** Europe's nominal line-to-neutral voltage (IEC 60038), used when none is configured. */
    public static final double DEFAULT_LINE_TO_NEUTRAL_VOLTS = 230.0;

    public PduRating {
        Objects.requireNonNull(ratedAmps, "ratedAmps");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Reads the rating from a device's attributes. A value that is not a positive number gives no rating, with the
     * device, attribute and value in {@link #source()}, so one typo does not break the view.
     */
    public static PduRating fromAttributes(String deviceId, Map<String, String> attributes) {
        OptionalDouble amps;
        OptionalDouble volts;
        try {
            amps = positive(deviceId, attributes, RATED_CURRENT_ATTRIBUTE);
            volts = positive(deviceId, attributes, VOLTAGE_ATTRIBUTE);
        } catch (IllegalArgumentException e) {
            return new PduRating(OptionalDouble.empty(), DEFAULT_LINE_TO_NEUTRAL_VOLTS, "no rating: " + e.getMessage());
        }
        double v = volts.orElse(DEFAULT_LINE_TO_NEUTRAL_VOLTS);
        String voltage = String.format(Locale.ROOT, "%.0f V line-to-neutral (%s)", v,
                volts.isPresent() ? "configured" : "default, set attribute " + VOLTAGE_ATTRIBUTE);
        String source = amps.isEmpty()
                ? "no rating: the PDU reports none and attribute " + RATED_CURRENT_ATTRIBUTE + " is not configured"
                : String.format(Locale.ROOT, "%.0f A per phase from attribute %s; %s", amps.getAsDouble(),
                        RATED_CURRENT_ATTRIBUTE, voltage);
        return new PduRating(amps, v, source);
    }

    private static OptionalDouble positive(String deviceId, Map<String, String> attributes, String name) {
        String text = attributes.get(name);
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (v > 0 && Double.isFinite(v)) {
                return OptionalDouble.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below with the device and attribute
        }
        throw new IllegalArgumentException("device '" + deviceId + "': attribute " + name
                + " must be a positive number, got '" + text + "'");
    }
}
