package org.dcsuite.simulator.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A site's photovoltaic array under a clear sky: its output follows the sine of the sun's elevation, so it is zero
 * from sunset to sunrise and peaks at solar noon, lower in winter than in summer.
 */
final class PvArrayModel {

    /** Rated at 30 % of the site's peak IT power: what the roof of a small edge building holds. */
    static final double SHARE_OF_PEAK_IT = 0.3;
    /**
     * The demo's PV sites lie between 33 and 46 degrees north; one latitude keeps coordinates out of the site
     * configuration, at the cost of an hour of day length between the two in midwinter.
     */
    static final double LATITUDE_DEG = 45;
    /** Inverter, wiring, soiling and heat losses: with the sun overhead the array gives 85 % of its rating. */
    static final double PERFORMANCE_RATIO = 0.85;
    private static final double AXIAL_TILT_DEG = 23.44;
    /** The declination is lowest at the December solstice, ten days before the year starts. */
    private static final double SOLSTICE_DAYS_BEFORE_NEW_YEAR = 10;
    private static final double DAYS_PER_YEAR = 365.25;
    private static final double DEG_PER_HOUR = 15;

    private final double ratedW;
    private final ZoneId zone;

    PvArrayModel(double ratedW, ZoneId zone) {
        this.ratedW = ratedW;
        this.zone = zone;
    }

    double outputW(Instant t) {
        // Solar noon is taken at 12:00 standard time, so summer time moves it to 13:00 on the site's clocks.
        LocalDateTime solar = LocalDateTime.ofInstant(t, zone.getRules().getStandardOffset(t));
        double hour = solar.getHour() + solar.getMinute() / 60.0 + solar.getSecond() / 3600.0;
        double declination = Math.toRadians(-AXIAL_TILT_DEG) * Math.cos(2 * Math.PI
                * (solar.getDayOfYear() - 1 + hour / 24 + SOLSTICE_DAYS_BEFORE_NEW_YEAR) / DAYS_PER_YEAR);
        double hourAngle = Math.toRadians(DEG_PER_HOUR * (hour - 12));
        double latitude = Math.toRadians(LATITUDE_DEG);
        double sinElevation = Math.sin(latitude) * Math.sin(declination)
                + Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngle);
        return ratedW * PERFORMANCE_RATIO * Math.max(0, sinElevation);
    }
}
