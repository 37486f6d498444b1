package org.dcsuite.core.model;

/**
 * An allowed range of temperatures, such as the inlet air range a site's servers should stay in. Sites differ (a
 * facility running warmer to save cooling energy may allow up to ASHRAE's allowable limits), so it is configured per
 * site, with {@link #ASHRAE_RECOMMENDED} as the default.
 *
 * @param minC lower bound in °C, inclusive
 * @param maxC upper bound in °C, inclusive, above {@code minC}
 */
public record TemperatureEnvelope(double minC, double maxC) {

    /**
     * ASHRAE's recommended inlet envelope for data-centre classes A1-A4, 18-27 °C dry bulb (ASHRAE TC 9.9, "Thermal
     * Guidelines for Data Processing Environments", 2011 and later editions).
     */
    public static final TemperatureEnvelope ASHRAE_RECOMMENDED = new TemperatureEnvelope(18.0, 27.0);

    public TemperatureEnvelope {
        if (!Double.isFinite(minC) || !Double.isFinite(maxC)) {
            throw new IllegalArgumentException("temperature envelope: bounds must be finite, got " + minC + " and "
                    + maxC + " °C");
        }
        if (!(minC < maxC)) {
            throw new IllegalArgumentException("temperature envelope: minimum " + minC + " °C must be below maximum "
                    + maxC + " °C");
        }
    }
}
