package org.dcsuite.slo.definition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.dcsuite.core.time.Durations;

/**
 * The period an SLO is judged over: a rolling duration ending at the evaluation time, or the calendar day,
 * week (from Monday), month, quarter or year containing it, in an IANA time zone (so a March in Europe/Paris
 * is 743 hours long and an October 745).
 */
public sealed interface SloWindow {

    /** Where the window containing {@code at} starts. */
    Instant start(Instant at);

    /** The full length of the window containing {@code at}; what the error budget is a share of. */
    Duration length(Instant at);

    /** For people and the API: {@code 30d} or {@code 1 calendar month (Europe/Paris)}. */
    String describe();

    record Rolling(Duration duration) implements SloWindow {
        public Rolling {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public Instant start(Instant at) {
            return at.minus(duration);
        }

        @Override
        public Duration length(Instant at) {
            return duration;
        }

        @Override
        public String describe() {
            // SLO windows are spoken of in days (28d, 90d), never in weeks.
            long day = Duration.ofDays(1).toMillis();
            return duration.toMillis() % day == 0 ? duration.toMillis() / day + "d" : Durations.format(duration);
        }
    }

    record Calendar(CalendarPeriod period, ZoneId zone) implements SloWindow {
        public Calendar {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant start(Instant at) {
            return period.first(at.atZone(zone).toLocalDate()).atStartOfDay(zone).toInstant();
        }

        @Override
        public Duration length(Instant at) {
            LocalDate first = period.first(at.atZone(zone).toLocalDate());
            return Duration.between(first.atStartOfDay(zone), period.next(first).atStartOfDay(zone));
        }

        @Override
        public String describe() {
            return "1 calendar " + period.id() + " (" + zone.getId() + ")";
        }
    }
}
