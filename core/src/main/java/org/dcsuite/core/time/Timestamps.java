package org.dcsuite.core.time;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Points in time as users type them: RFC 3339 ({@code 2026-11-24T10:00:00Z}, offsets allowed), unix
 * seconds with an optional fraction ({@code 1764000000.5}), {@code now}, or {@code now-1h}.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Instant parse(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            throw invalid(text);
        }
        String s = text.trim();
        if (s.equals("now")) {
            return clock.instant();
        }
        if (s.startsWith("now-") || s.startsWith("now+")) {
            var d = Durations.parse(s.substring(4));
            return s.charAt(3) == '-' ? clock.instant().minus(d) : clock.instant().plus(d);
        }
        if (s.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(s);
            BigDecimal millis = seconds.movePointRight(3);
            return Instant.ofEpochMilli(millis.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid time '" + text
                + "': use RFC 3339 (2026-11-24T10:00:00Z), unix seconds (1764000000), now or now-1h");
    }
}
