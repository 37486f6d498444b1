package org.dcsuite.dashboard.views;

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

    static String celsius(OptionalDouble c) {
        return c.isEmpty() ? NONE : String.format(Locale.ROOT, "%.1f °C", c.getAsDouble());
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
