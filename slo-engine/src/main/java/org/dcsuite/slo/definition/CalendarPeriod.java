package org.dcsuite.slo.definition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/** The calendar periods an SLO window can follow; weeks start on Monday, quarters in January. */
public enum CalendarPeriod {
    DAY("day", "1d", Duration.ofHours(25)),
    WEEK("week", "1w", Duration.ofDays(7).plusHours(1)),
    MONTH("month", "1M", Duration.ofDays(31).plusHours(1)),
    QUARTER("quarter", "1Q", Duration.ofDays(92).plusHours(1)),
    YEAR("year", "1Y", Duration.ofDays(366).plusHours(1));

    private final String id;
    private final String openSloDuration;
    private final Duration longest;

    CalendarPeriod(String id, String openSloDuration, Duration longest) {
        this.id = id;
        this.openSloDuration = openSloDuration;
        this.longest = longest;
    }

    public String id() {
        return id;
    }

    /** The longest such period, a daylight-saving hour included. */
    public Duration longest() {
        return longest;
    }

    /** The first day of the period containing {@code day}. */
    LocalDate first(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the next period. */
    LocalDate next(LocalDate first) {
        return switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
            case QUARTER -> first.plusMonths(3);
            case YEAR -> first.plusYears(1);
        };
    }

    /** Reads OpenSLO's {@code 1d, 1w, 1M, 1Q, 1Y} and the native names. */
    public static Optional<CalendarPeriod> parse(String text) {
        String t = text.trim();
        return Arrays.stream(values()).filter(p -> p.id.equals(t) || p.openSloDuration.equals(t)
                || p == YEAR && t.equals("1y")).findFirst();
    }
}
