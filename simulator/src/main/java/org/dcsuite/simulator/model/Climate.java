package org.dcsuite.simulator.model;

import java.util.SplittableRandom;

/**
 * The daily curves of a site: outside air temperature and the IT utilisation profile, both by local hour.
 */
final class Climate {

    /** Daily mean outside temperature is drawn from 5-17 degC, a temperate-climate range, per grid region or site. */
    private static final double MEAN_MIN_C = 5.0;
    private static final double MEAN_SPAN_K = 12.0;
    /** The day-night swing (half of peak-to-trough) is drawn from 3-7 K. */
    private static final double AMPLITUDE_MIN_K = 3.0;
    private static final double AMPLITUDE_SPAN_K = 4.0;
    /** Both the outside temperature and the IT load peak mid-afternoon, local time. */
    private static final double PEAK_HOUR = 15.0;
    /**
     * Utilisation averages 45% and swings 22 points around it: about 23% at 03:00 and 67% at 15:00, the shape of
     * interactive business load on a fleet that is never fully idle.
     */
    private static final double UTILISATION_MEAN = 0.45;
    private static final double UTILISATION_SWING = 0.22;

    private final double meanC;
    private final double amplitudeK;

    /** @param key the site's grid region, or its id when it has none, so sites of a region share a climate */
    Climate(long seed, String key) {
        SplittableRandom r = Seeds.random(seed, "climate:" + key);
        this.meanC = MEAN_MIN_C + MEAN_SPAN_K * r.nextDouble();
        this.amplitudeK = AMPLITUDE_MIN_K + AMPLITUDE_SPAN_K * r.nextDouble();
    }

    double outsideC(double localHour) {
        return meanC + amplitudeK * daily(localHour);
    }

    static double utilisation(double localHour) {
        return UTILISATION_MEAN + UTILISATION_SWING * daily(localHour);
    }

    /** +1 at the afternoon peak, -1 twelve hours earlier. */
    private static double daily(double localHour) {
        return Math.cos(2 * Math.PI * (localHour - PEAK_HOUR) / 24.0);
    }
}
