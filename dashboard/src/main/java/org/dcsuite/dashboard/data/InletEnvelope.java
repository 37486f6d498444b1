package org.dcsuite.dashboard.data;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The inlet temperature range a site's servers should stay in. The configuration has no per-site setting yet, so
 * every site gets {@link #ASHRAE_RECOMMENDED}; a {@code inlet_envelope} field on the site would feed this record.
 *
 * @param minC lower bound in °C
 * @param maxC upper bound in °C
 */
public record InletEnvelope(double minC, double maxC) {

    /** ASHRAE's recommended range for classes A1-A4, 18-27 °C. */
    public static final InletEnvelope ASHRAE_RECOMMENDED =
            new InletEnvelope(SiteSummary.RECOMMENDED_INLET_MIN_C, SiteSummary.RECOMMENDED_INLET_MAX_C);

    public InletEnvelope {
        if (!(minC < maxC)) {
            throw new IllegalArgumentException("inlet envelope: minimum " + minC + " °C must be below maximum "
                    + maxC + " °C");
        }
    }

    /** Where a temperature lies against the range. */
    public SiteSummary.InletBand band(OptionalDouble c) {
        if (c.isEmpty()) {
            return SiteSummary.InletBand.UNKNOWN;
        }
        double t = c.getAsDouble();
        if (t < minC) {
            return SiteSummary.InletBand.BELOW;
        }
        return t > maxC ? SiteSummary.InletBand.ABOVE : SiteSummary.InletBand.WITHIN;
    }

    /** {@code 18–27 °C}. */
    public String text() {
        return String.format(Locale.ROOT, "%.0f–%.0f °C", minC, maxC);
    }
}
