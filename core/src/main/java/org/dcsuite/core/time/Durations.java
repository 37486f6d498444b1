package org.dcsuite.core.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Prometheus writes them: one or more number-unit pairs from largest to smallest unit,
 * {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}, {@code 2w}, {@code 1y} (365 days), {@code 250ms}.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final String UNITS = "y w d h m s ms";

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the text and the accepted form
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration: use e.g. 30s, 5m, 1h, 1d");
        }
        String s = text.trim();
        Matcher m = PART.matcher(s);
        int pos = 0;
        Duration total = Duration.ZERO;
        int lastRank = Integer.MAX_VALUE;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw invalid(text);
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2);
            int rank = UNITS.split(" ").length - java.util.Arrays.asList(UNITS.split(" ")).indexOf(unit);
            if (rank >= lastRank) {
                throw new IllegalArgumentException("invalid duration '" + text + "': units must go from largest to smallest");
            }
            lastRank = rank;
            total = total.plus(switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                case "y" -> Duration.ofDays(365 * n);
                default -> throw invalid(text);
            });
            pos = m.end();
        }
        return total;
    }

    /** Parses and requires a positive result. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration '" + text + "' must be greater than zero");
        }
        return d;
    }

    /** Writes a duration in the same syntax, largest units first ({@code 90m} becomes {@code 1h30m}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] sizes = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                sb.append(ms / sizes[i]).append(names[i]);
                ms %= sizes[i];
            }
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration '" + text
                + "': use a number and a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m, 1d");
    }
}
