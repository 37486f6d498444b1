package org.dcsuite.app.http;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.time.Durations;
import org.dcsuite.core.time.Timestamps;

/**
 * Reads Prometheus API parameters. Every failure is an {@link ApiException} of type {@code bad_data} naming
 * the parameter, worded as Prometheus words it where one exists, so clients show a useful message.
 */
public final class ApiParams {

    private static final Pattern SECONDS = Pattern.compile("[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");

    private ApiParams() {
    }

    /** A required parameter's value. */
    public static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badData("missing parameter \"" + name + "\"");
        }
        return value;
    }

    /** A time as RFC 3339 or unix seconds (with fraction); {@code now} and {@code now-1h} are accepted too. */
    public static Instant time(String name, String value, Clock clock) {
        try {
            Instant t = Timestamps.parse(required(name, value), clock);
            t.toEpochMilli(); // throws for times outside the range stores and clients can represent
            return t;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badData("invalid parameter \"" + name + "\": cannot parse \"" + value
                    + "\" to a valid timestamp: use RFC 3339 or unix seconds");
        }
    }

    /** An optional positive integer limit, at most {@code max}. */
    public static int limit(String value, int defaultLimit, int max) {
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw ApiException.badData("invalid parameter \"limit\": expected an integer from 1 to " + max + ", got \""
                + value + "\"");
    }

    /** A step as a duration ({@code 15s}) or float seconds ({@code 15}, {@code 0.5}, as Grafana sends it). */
    public static Duration step(String value) {
        String text = required("step", value).strip();
        Duration step;
        try {
            if (SECONDS.matcher(text).matches()) {
                step = Duration.ofMillis(new BigDecimal(text).movePointRight(3)
                        .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
            } else {
                step = Durations.parse(text);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badData("invalid parameter \"step\": cannot parse \"" + value
                    + "\" to a valid duration: use seconds (15) or a duration (15s, 1m)");
        }
        if (step.toMillis() <= 0) {
            throw ApiException.badData("zero or negative query resolution step widths are not accepted. "
                    + "Try a positive integer");
        }
        return step;
    }

    /** Checks a range query's bounds the way Prometheus does. */
    public static void checkRange(Instant start, Instant end, Duration step) {
        if (end.isBefore(start)) {
            throw ApiException.badData("end timestamp must not be before start time");
        }
        long points = (end.toEpochMilli() - start.toEpochMilli()) / step.toMillis() + 1;
        if (points > RangeQuery.MAX_POINTS_PER_SERIES) {
            throw ApiException.badData("exceeded maximum resolution of 11,000 points per timeseries. "
                    + "Try decreasing the query resolution (?step=XX)");
        }
    }

    /** The {@code match[]} selectors; an empty list when none are given. */
    public static List<SeriesSelector> matchers(List<String> values) {
        List<SeriesSelector> selectors = new ArrayList<>(values.size());
        for (String v : values) {
            try {
                selectors.add(SeriesSelector.parse(v));
            } catch (IllegalArgumentException e) {
                throw ApiException.badData("invalid parameter \"match[]\": " + e.getMessage());
            }
        }
        return selectors;
    }

    /** Checks optional {@code start}/{@code end}, which the store does not use but clients send. */
    public static void optionalTimes(String start, String end, Clock clock) {
        if (start != null && !start.isBlank()) {
            time("start", start, clock);
        }
        if (end != null && !end.isBlank()) {
            time("end", end, clock);
        }
    }
}
