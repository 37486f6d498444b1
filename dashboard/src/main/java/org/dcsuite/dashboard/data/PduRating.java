package org.dcsuite.dashboard.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.PowerRating;

/**
 * A PDU's power rating as the Rack view shows it. Neither shipped PDU profile (Raritan PDU2-MIB, APC rPDU2) reads a
 * rating from the device, so the configured {@code rating} ({@link Device#rating()}) is the only source; without one,
 * currents are shown without a percentage and the redundancy check says why it is unknown.
 *
 * @param deviceId the PDU's id, for messages
 * @param rating   the configured rating; empty when none is configured
 */
public record PduRating(String deviceId, Optional<PowerRating> rating) {

    public PduRating {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(rating, "rating");
    }

    /** The rating configured on a device. */
    public static PduRating of(Device device) {
        return new PduRating(device.id(), device.rating());
    }

    /** The rated current per phase in A; empty without a rating. */
    public OptionalDouble ratedAmps() {
        return rating.map(r -> OptionalDouble.of(r.currentA())).orElse(OptionalDouble.empty());
    }

    /** The rated power in W by {@link PowerRating#watts()}; empty without a rating. */
    public OptionalDouble watts() {
        return rating.map(r -> OptionalDouble.of(r.watts())).orElse(OptionalDouble.empty());
    }

    /**
     * How the rating becomes W with the configured convention, e.g. {@code 3 × 230 V line-to-neutral × 16 A =
     * 11040 W}; empty without a rating.
     */
    public Optional<String> formula() {
        return rating.map(r -> {
            String volts = number(r.voltageV()) + " V";
            String factor = r.phases() == 1 ? "" : switch (r.convention()) {
                case LINE_TO_NEUTRAL -> "3 × ";
                case LINE_TO_LINE -> "√3 × ";
            };
            String convention = r.phases() == 1 ? "single phase"
                    : r.convention().configName().replace('_', '-');
            return String.format(Locale.ROOT, "%s%s %s × %s A = %.0f W", factor, volts, convention,
                    number(r.currentA()), r.watts());
        });
    }

    /** Where the rating comes from, for the screen. */
    public String source() {
        return rating.map(r -> number(r.currentA()) + " A per phase, " + r.phases()
                        + (r.phases() == 1 ? " phase" : " phases") + ", from the configuration: "
                        + formula().orElseThrow())
                .orElse("no rating: the PDU reports none and device " + deviceId + " has no rating configured "
                        + "(rating: { current_a, voltage_v, convention, phases })");
    }

    /** {@code 16} or {@code 14.5}: configured figures as written. */
    private static String number(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
