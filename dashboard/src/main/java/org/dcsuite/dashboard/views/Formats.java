package org.dcsuite.dashboard.views;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** How numbers and times read on screen: always with their unit, a dash when there is no value. */
final class Formats {

    /** Shown instead of a number that is not known. */
    static final String NONE = "—";
    /** English zone abbreviations (CET, EST); the root locale would print GMT+01:00. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private Formats() {
    }

    static String kilowatts(OptionalDouble kw) {
        return kw.isEmpty() ? NONE : String.format(Locale.ROOT, "%.1f kW", kw.getAsDouble());
    }

    /** Watts as kilowatts with one decimal, as the rack and site figures are read. */
    static String kilowattsOfWatts(OptionalDouble watts) {
        return watts.isEmpty() ? NONE : String.format(Locale.ROOT, "%.1f kW", watts.getAsDouble() / 1000.0);
    }

    static String watts(OptionalDouble w) {
        return w.isEmpty() ? NONE : String.format(Locale.ROOT, "%.0f W", w.getAsDouble());
    }

    static String amperes(OptionalDouble a) {
        return a.isEmpty() ? NONE : String.format(Locale.ROOT, "%.1f A", a.getAsDouble());
    }

    static String percent(OptionalDouble p) {
        return p.isEmpty() ? NONE : String.format(Locale.ROOT, "%.0f %%", p.getAsDouble());
    }

    /** Step lengths as people write them: {@code 10 s}, {@code 2 min}, {@code 1 h}. */
    static String step(Duration d) {
        if (d.toSeconds() < 60) {
            return d.toSeconds() + " s";
        }
        return d.toMinutes() < 60 ? d.toMinutes() + " min" : d.toHours() + " h";
    }

    static String celsius(OptionalDouble c) {
        return c.isEmpty() ? NONE : String.format(Locale.ROOT, "%.1f °C", c.getAsDouble());
    }

    /** A temperature difference, in kelvin as differences are written. */
    static String kelvin(OptionalDouble k) {
        return k.isEmpty() ? NONE : String.format(Locale.ROOT, "%.1f K", k.getAsDouble());
    }

    /** Fan speeds, whole revolutions per minute. */
    static String rpm(OptionalDouble rpm) {
        return rpm.isEmpty() ? NONE : String.format(Locale.ROOT, "%.0f rpm", rpm.getAsDouble());
    }

    /** Seconds with millisecond resolution, as poll durations are measured. */
    static String seconds(OptionalDouble s) {
        return s.isEmpty() ? NONE : String.format(Locale.ROOT, "%.3f s", s.getAsDouble());
    }

    /** A time in the viewer's zone, with the zone's abbreviation so screenshots stay unambiguous. */
    static String time(Optional<Instant> t, ZoneId zone) {
        return t.map(i -> TIME.format(i.atZone(zone))).orElse(NONE);
    }

    /** A count with its noun, singular or plural: {@code 1 error}, {@code 3 errors}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
