package org.dcsuite.app.importer;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;

/**
 * Reads the OpenMetrics text format with timestamps (what {@code promtool tsdb create-blocks-from
 * openmetrics} reads) one line at a time, so that files larger than memory can be imported.
 *
 * <p>Every line ends up as a {@link ParsedSample}, as family metadata ({@code # HELP}, {@code # TYPE},
 * {@code # UNIT}, which the following samples carry in their {@link MetricDescriptor}), as {@code # EOF}, or
 * as a {@link Problem} naming the line and what was wrong; nothing is dropped silently. Beyond the classic
 * syntax, quoted UTF-8 names ({@code {"hw.power",site="a"} 1 1}) are accepted as Prometheus 3 writes them,
 * because dcsuite's own metric names contain dots.
 */
public final class OpenMetricsParser {

    /** Longer lines are reported and skipped instead of being held in memory whole. */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> TYPES = Set.of(
            "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown");
    /** Seconds beyond this (year 5138) are almost surely milliseconds written by mistake. */
    private static final long MAX_TIMESTAMP_SECONDS = 100_000_000_000L;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean endOfInput;
    private final StringBuilder line = new StringBuilder();
    private boolean lineTooLong;
    private long lineNumber;
    private boolean eofLineSeen;
    private boolean finished;

    private String familyName;
    private String familyType = "unknown";
    private Unit familyUnit = Unit.NONE;
    private String familyHelp = "";
    // Samples of one metric come in runs: a one-entry cache avoids a descriptor per sample.
    private String lastMetric;
    private MetricDescriptor lastDescriptor;

    /** One result of {@link #next()}. */
    public sealed interface Entry permits ParsedSample, Problem {
        /** The 1-based line number in the input. */
        long line();
    }

    /** A sample to store, with the descriptor of its metric (from the family's metadata, if any). */
    public record ParsedSample(long line, Sample sample, MetricDescriptor metric) implements Entry {
    }

    /** A line that was not imported (or, for {@link SkipReason#MISSING_EOF}, a warning about the input). */
    public record Problem(long line, SkipReason reason, String message) implements Entry {
    }

    /**
     * @param in the input; read in chunks, so it need not be buffered
     */
    public OpenMetricsParser(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** The number of the last line read. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next sample or problem, or {@code null} at the end of the input.
     *
     * @throws IOException when the input cannot be read
     */
    public Entry next() throws IOException {
        while (readLine()) {
            Entry entry = parseLine();
            if (entry != null) {
                return entry;
            }
        }
        if (!finished) {
            finished = true;
            if (!eofLineSeen) {
                return new Problem(lineNumber + 1, SkipReason.MISSING_EOF,
                        "missing # EOF at the end of the input: the file may be truncated");
            }
        }
        return null;
    }

    private boolean readLine() throws IOException {
        line.setLength(0);
        lineTooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (endOfInput || !fill()) {
                    break;
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                lineNumber++;
                stripCarriageReturn();
                return true;
            }
            if (line.length() < MAX_LINE_LENGTH) {
                line.append(c);
            } else {
                lineTooLong = true;
            }
        }
        if (!any) {
            return false;
        }
        lineNumber++;
        stripCarriageReturn();
        return true;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    // CRLF files (written on Windows) hold the same data; only the line break differs.
    private void stripCarriageReturn() {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
    }

    private Entry parseLine() {
        long number = lineNumber;
        if (eofLineSeen) {
            return new Problem(number, SkipReason.AFTER_EOF, "line after # EOF");
        }
        if (lineTooLong) {
            return new Problem(number, SkipReason.SYNTAX, "line longer than " + MAX_LINE_LENGTH + " characters");
        }
        String text = line.toString();
        try {
            // The decoder replaces bytes that are not UTF-8 with U+FFFD; storing them would corrupt names.
            if (text.indexOf('\uFFFD') >= 0) {
                throw new LineException(SkipReason.SYNTAX, "not valid UTF-8");
            }
            if (text.isEmpty()) {
                throw new LineException(SkipReason.SYNTAX, "blank line (OpenMetrics has none)");
            }
            if (text.charAt(0) == '#') {
                parseComment(text);
                return null;
            }
            return parseSample(text, number);
        } catch (LineException e) {
            return new Problem(number, e.reason, e.getMessage());
        }
    }

    private void parseComment(String text) {
        if (text.equals("# EOF")) {
            eofLineSeen = true;
            return;
        }
        String keyword;
        if (text.equals("# HELP") || text.equals("# TYPE") || text.equals("# UNIT")) {
            throw new LineException(SkipReason.SYNTAX, "missing metric name after '" + text + "'");
        } else if (text.startsWith("# HELP ")) {
            keyword = "HELP";
        } else if (text.startsWith("# TYPE ")) {
            keyword = "TYPE";
        } else if (text.startsWith("# UNIT ")) {
            keyword = "UNIT";
        } else if (text.startsWith("# EOF")) {
            throw new LineException(SkipReason.SYNTAX, "unexpected text after # EOF on the same line");
        } else {
            throw new LineException(SkipReason.SYNTAX,
                    "comment other than # HELP, # TYPE, # UNIT or # EOF (OpenMetrics allows no others)");
        }
        Cursor c = new Cursor(text, 7);
        boolean quoted = c.peek() == '"';
        String name = quoted ? c.quoted("metric name") : c.bareMetricName();
        if (!(quoted ? SeriesKey.isValidMetricName(name) : METRIC_NAME.matcher(name).matches())) {
            throw new LineException(SkipReason.INVALID_NAME, "invalid metric name '" + name + "' in # " + keyword);
        }
        String rest;
        if (c.atEnd()) {
            rest = "";
        } else if (c.peek() == ' ') {
            rest = text.substring(c.pos + 1);
        } else {
            throw new LineException(SkipReason.SYNTAX, "expected a space after '" + name + "' in # " + keyword
                    + ", found '" + c.peek() + "'");
        }
        if (!name.equals(familyName)) {
            familyName = name;
            familyType = "unknown";
            familyUnit = Unit.NONE;
            familyHelp = "";
        }
        switch (keyword) {
            case "TYPE" -> {
                if (!TYPES.contains(rest)) {
                    throw new LineException(SkipReason.SYNTAX, "unknown type '" + rest + "' for " + name
                            + ": use counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown");
                }
                familyType = rest;
            }
            case "UNIT" -> familyUnit = unit(rest, name);
            default -> familyHelp = unescapeHelp(rest);
        }
        lastMetric = null;
    }

    private ParsedSample parseSample(String text, long number) {
        Cursor c = new Cursor(text, 0);
        String metric = null;
        if (c.peek() != '{') {
            char first = c.peek();
            if (!(Character.isLetterOrDigit(first) || first == '_' || first == ':')) {
                throw new LineException(SkipReason.SYNTAX, "expected a metric name, found '" + first + "'");
            }
            metric = c.bareMetricName();
            if (!METRIC_NAME.matcher(metric).matches()) {
                throw new LineException(SkipReason.INVALID_NAME, "invalid metric name '" + metric
                        + "': use letters, digits, '_' and ':', or quote it: {\"" + metric + "\"}");
            }
        }
        Map<String, String> labels = Map.of();
        if (c.peek() == '{') {
            LabelSet set = c.labels(metric == null);
            labels = set.labels;
            if (metric == null) {
                metric = set.quotedName;
                if (metric == null) {
                    throw new LineException(SkipReason.SYNTAX, "no metric name before or inside the braces");
                }
            }
        }
        c.expectSpace("the name and labels of " + metric, "a value");
        double value = parseValue(c.token("a value"), metric);
        if (c.atEnd() || c.startsWith(" #")) {
            throw new LineException(SkipReason.NO_TIMESTAMP, "sample of " + metric + " without timestamp");
        }
        c.expectSpace("the value of " + metric, "a timestamp");
        long timeMillis = parseTimestamp(c.token("a timestamp"), metric);
        if (!c.atEnd()) {
            if (!c.startsWith(" # ")) {
                throw new LineException(SkipReason.SYNTAX, "unexpected text after the timestamp of " + metric
                        + ": '" + text.substring(c.pos) + "'");
            }
            c.pos += 3;
            parseExemplar(c, metric);
        }
        SeriesKey key;
        try {
            key = SeriesKey.of(metric, labels);
        } catch (IllegalArgumentException e) {
            throw new LineException(SkipReason.INVALID_NAME, e.getMessage());
        }
        return new ParsedSample(number, new Sample(key, timeMillis, value), descriptor(metric));
    }

    // Exemplars are not stored, but a malformed one means the line is not what the writer intended.
    private static void parseExemplar(Cursor c, String description) {
        if (c.peek() != '{') {
            throw new LineException(SkipReason.SYNTAX, "invalid exemplar of " + description + ": expected '{'");
        }
        c.labels(false);
        c.expectSpace("the exemplar labels of " + description, "an exemplar value");
        parseValue(c.token("an exemplar value"), "the exemplar of " + description);
        if (!c.atEnd()) {
            c.expectSpace("the exemplar value of " + description, "an exemplar timestamp");
            parseTimestamp(c.token("an exemplar timestamp"), "the exemplar of " + description);
            if (!c.atEnd()) {
                throw new LineException(SkipReason.SYNTAX, "unexpected text after the exemplar of " + description);
            }
        }
    }

    private MetricDescriptor descriptor(String metric) {
        if (metric.equals(lastMetric)) {
            return lastDescriptor;
        }
        MetricDescriptor d;
        String suffix = familyName != null && metric.startsWith(familyName)
                ? metric.substring(familyName.length()) : null;
        if (suffix != null && (suffix.isEmpty() || suffixes(familyType).contains(suffix))) {
            // _created holds the creation time in seconds, not a value in the family's unit.
            Unit unit = suffix.equals("_created") ? Unit.NONE : familyUnit;
            d = new MetricDescriptor(metric, unit, kind(suffix), familyHelp);
        } else {
            d = new MetricDescriptor(metric, Unit.NONE, MetricKind.UNKNOWN, "");
        }
        lastMetric = metric;
        lastDescriptor = d;
        return d;
    }

    // A counter's _created series is a timestamp, not a count.
    private MetricKind kind(String suffix) {
        return switch (familyType) {
            case "counter" -> suffix.equals("_created") ? MetricKind.UNKNOWN : MetricKind.COUNTER;
            case "gauge" -> MetricKind.GAUGE;
            default -> MetricKind.UNKNOWN;
        };
    }

    private static Set<String> suffixes(String type) {
        return switch (type) {
            case "counter" -> Set.of("_total", "_created");
            case "histogram" -> Set.of("_bucket", "_count", "_sum", "_created");
            case "gaugehistogram" -> Set.of("_bucket", "_gcount", "_gsum");
            case "summary" -> Set.of("_count", "_sum", "_created");
            case "info" -> Set.of("_info");
            default -> Set.of();
        };
    }

    /** OpenMetrics units are words ({@code seconds}); dcsuite keeps UCUM codes ({@code s}) where one exists. */
    private static final Map<String, String> UCUM = Map.ofEntries(
            Map.entry("seconds", "s"), Map.entry("milliseconds", "ms"), Map.entry("bytes", "By"),
            Map.entry("joules", "J"), Map.entry("watts", "W"), Map.entry("celsius", "Cel"),
            Map.entry("amperes", "A"), Map.entry("volts", "V"), Map.entry("volt_amperes", "VA"),
            Map.entry("hertz", "Hz"), Map.entry("ratio", "1"), Map.entry("percent", "%"),
            Map.entry("liters", "L"), Map.entry("meters", "m"), Map.entry("grams", "g"));

    private static Unit unit(String text, String metric) {
        try {
            return Unit.of(UCUM.getOrDefault(text, text));
        } catch (IllegalArgumentException e) {
            throw new LineException(SkipReason.SYNTAX, "invalid unit '" + text + "' for " + metric
                    + ": printable ASCII without spaces");
        }
    }

    private static String unescapeHelp(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case '\\', '"' -> sb.append(e);
                    default -> sb.append('\\').append(e);
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A sample value: a decimal float, {@code NaN}, {@code +Inf} or {@code -Inf} (case-insensitive). */
    static double parseValue(String token, String what) {
        if (DECIMAL.matcher(token).matches()) {
            return Double.parseDouble(token);
        }
        String unsigned = token.startsWith("+") || token.startsWith("-") ? token.substring(1) : token;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return token.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (token.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        throw new LineException(SkipReason.SYNTAX, "invalid value '" + token + "' of " + what
                + ": expected a number, NaN, +Inf or -Inf");
    }

    /** Seconds since the epoch with an optional fraction, rounded to the millisecond. */
    static long parseTimestamp(String token, String what) {
        if (!DECIMAL.matcher(token).matches()) {
            throw new LineException(SkipReason.SYNTAX, "invalid timestamp '" + token + "' of " + what
                    + ": expected seconds since the epoch, e.g. 1764000000.5");
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(token);
        } catch (NumberFormatException e) {
            throw new LineException(SkipReason.SYNTAX, "invalid timestamp '" + token + "' of " + what);
        }
        if (seconds.abs().compareTo(BigDecimal.valueOf(MAX_TIMESTAMP_SECONDS)) >= 0) {
            throw new LineException(SkipReason.SYNTAX, "timestamp '" + token + "' of " + what
                    + " is after the year 5000: OpenMetrics timestamps are seconds, not milliseconds");
        }
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** A line problem, thrown while parsing and turned into a {@link Problem}; needs no stack trace. */
    private static final class LineException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SkipReason reason;

        LineException(SkipReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private record LabelSet(Map<String, String> labels, String quotedName) {
    }

    /** A position in one line. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        boolean startsWith(String prefix) {
            return s.startsWith(prefix, pos);
        }

        /** Characters up to a space, a brace or the end: a bare name, checked by the caller. */
        String bareMetricName() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '{') {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** Characters up to a space or the end. */
        String token(String expected) {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ') {
                pos++;
            }
            if (start == pos) {
                throw new LineException(SkipReason.SYNTAX, "expected " + expected + " at column " + (pos + 1)
                        + ", found " + (atEnd() ? "the end of the line" : "a space"));
            }
            return s.substring(start, pos);
        }

        void expectSpace(String after, String expected) {
            if (atEnd()) {
                throw new LineException(SkipReason.SYNTAX, "expected " + expected + " after " + after);
            }
            if (peek() != ' ') {
                throw new LineException(SkipReason.SYNTAX, "unexpected '" + peek() + "' after " + after
                        + " at column " + (pos + 1));
            }
            pos++;
            if (peek() == ' ') {
                throw new LineException(SkipReason.SYNTAX, "more than one space after " + after
                        + " at column " + (pos + 1));
            }
        }

        /**
         * A label set in braces. When {@code nameAllowed}, its first item may be a quoted metric name without
         * {@code =} (the Prometheus 3 form for names outside the classic character set).
         */
        LabelSet labels(boolean nameAllowed) {
            pos++;
            Map<String, String> labels = new HashMap<>();
            String quotedName = null;
            boolean first = true;
            while (true) {
                if (peek() == '}') {
                    pos++;
                    return new LabelSet(labels, quotedName);
                }
                if (atEnd()) {
                    throw new LineException(SkipReason.SYNTAX, "missing '}' at the end of the labels");
                }
                String name;
                if (peek() == '"') {
                    name = quoted("label name");
                    if (first && nameAllowed && (peek() == ',' || peek() == '}')) {
                        quotedName = name;
                        first = false;
                        skipComma();
                        continue;
                    }
                } else {
                    int start = pos;
                    while (pos < s.length() && "=,} \"".indexOf(s.charAt(pos)) < 0) {
                        pos++;
                    }
                    name = s.substring(start, pos);
                    if (name.isEmpty()) {
                        throw new LineException(SkipReason.SYNTAX, "expected a label name at column " + (pos + 1)
                                + ", found '" + peek() + "'");
                    }
                    if (!LABEL_NAME.matcher(name).matches()) {
                        throw new LineException(SkipReason.INVALID_NAME, "invalid label name '" + name
                                + "': use letters, digits and '_', not starting with a digit");
                    }
                }
                first = false;
                if (peek() != '=') {
                    throw new LineException(SkipReason.SYNTAX, "expected '=' after label name '" + name
                            + "' at column " + (pos + 1));
                }
                pos++;
                if (peek() != '"') {
                    throw new LineException(SkipReason.SYNTAX, "expected '\"' to start the value of label '"
                            + name + "' at column " + (pos + 1));
                }
                String value = quoted("value of label '" + name + "'");
                if (labels.put(name, value) != null) {
                    throw new LineException(SkipReason.SYNTAX, "duplicate label '" + name + "'");
                }
                skipComma();
            }
        }

        private void skipComma() {
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw new LineException(SkipReason.SYNTAX, "expected ',' or '}' at column " + (pos + 1)
                        + ", found " + (atEnd() ? "the end of the line" : "'" + peek() + "'"));
            }
        }

        /**
         * A double-quoted string with the escapes {@code \\}, {@code \"} and {@code \n}; other backslashes
         * are kept as written, as Prometheus does.
         */
        String quoted(String what) {
            pos++;
            StringBuilder sb = null;
            int start = pos;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '"') {
                    String result = sb == null ? s.substring(start, pos) : sb.toString();
                    pos++;
                    return result;
                }
                if (ch == '\\' && pos + 1 < s.length()) {
                    if (sb == null) {
                        sb = new StringBuilder(s.substring(start, pos));
                    }
                    char e = s.charAt(pos + 1);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case '\\', '"' -> sb.append(e);
                        default -> sb.append('\\').append(e);
                    }
                    pos += 2;
                    continue;
                }
                if (sb != null) {
                    sb.append(ch);
                }
                pos++;
            }
            throw new LineException(SkipReason.SYNTAX, "unterminated " + what + ": missing closing '\"'");
        }
    }
}
