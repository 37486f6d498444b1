package org.dcsuite.slo;

import java.time.Instant;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A straight line through hourly samples of the remaining budget (Commons Math least squares); where it
 * reaches zero is the forecast, and the slope's 95% confidence interval gives the earliest and latest times.
 */
final class ExhaustionForecast {

    /** Hourly points fitted, the newest first. */
    static final int HOURS = 24;

    private ExhaustionForecast() {
    }

    /**
     * @param remaining remaining budget share at {@code lastHour - k hours} for k = 0..n-1 (NaN = no data)
     * @return null when fewer than three points have data or the trend does not fall
     */
    static SloStatus.Exhaustion trend(Instant lastHour, double[] remaining, Instant atCurrentBurn) {
        SimpleRegression fit = new SimpleRegression();
        for (int k = 0; k < remaining.length; k++) {
            if (!Double.isNaN(remaining[k])) {
                fit.addData(-k, remaining[k]);
            }
        }
        if (fit.getN() < 3 || !(fit.getSlope() < 0)) {
            return new SloStatus.Exhaustion(atCurrentBurn, null, null, null, null);
        }
        double intercept = fit.getIntercept();
        double slope = fit.getSlope();
        double halfWidth = fit.getSlopeConfidenceInterval(0.05);
        double r2 = fit.getRSquare();
        if (intercept <= 0) {
            return new SloStatus.Exhaustion(atCurrentBurn, lastHour, lastHour, lastHour, r2);
        }
        Instant trend = after(lastHour, -intercept / slope);
        Instant earliest = after(lastHour, -intercept / (slope - halfWidth));
        double shallow = slope + halfWidth;
        Instant latest = shallow < 0 ? after(lastHour, -intercept / shallow) : null;
        return new SloStatus.Exhaustion(atCurrentBurn, trend, earliest, latest, Double.isNaN(r2) ? null : r2);
    }

    static Instant after(Instant start, double hours) {
        if (!(hours < 1e7)) {
            return null;
        }
        return start.plusMillis(Math.round(hours * 3_600_000));
    }
}
