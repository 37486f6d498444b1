package org.dcsuite.dashboard.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.OptionalDouble;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;

/**
 * The inlet temperature range a site's servers should stay in, as the Fleet, Site and Rack views judge it: the site's
 * configured {@code inlet_envelope} ({@link Site#inletEnvelope()}), which is ASHRAE's recommended range unless the
 * site sets its own.
 *
 * @param limits the configured range
 */
public record InletEnvelope(TemperatureEnvelope limits) {

    public InletEnvelope {
        Objects.requireNonNull(limits, "limits");
    }

    /** The envelope configured for a site. */
    public static InletEnvelope of(Site site) {
        return new InletEnvelope(site.inletEnvelope());
    }

    public double minC() {
        return limits.minC();
    }

    public double maxC() {
        return limits.maxC();
    }

    /** Where a temperature lies against the range. */
    public SiteSummary.InletBand band(OptionalDouble c) {
        if (c.isEmpty()) {
            return SiteSummary.InletBand.UNKNOWN;
        }
        double t = c.getAsDouble();
        if (t < limits.minC()) {
            return SiteSummary.InletBand.BELOW;
        }
        return t > limits.maxC() ? SiteSummary.InletBand.ABOVE : SiteSummary.InletBand.WITHIN;
    }

    /** {@code 18–27 °C}. */
    public String text() {
        return number(limits.minC()) + "–" + celsius(limits.maxC());
    }

    /** Where the range comes from, so a reader knows whether a site chose it. */
    public String basis() {
        return limits.equals(TemperatureEnvelope.ASHRAE_RECOMMENDED) ? "ASHRAE recommended, the default"
                : "configured for this site";
    }

    /** {@code 27 °C}, or {@code 26.5 °C}: configured bounds are shown as written, not rounded to whole degrees. */
    public static String celsius(double c) {
        return number(c) + " °C";
    }

    private static String number(double c) {
        return BigDecimal.valueOf(c).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
