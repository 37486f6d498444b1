package org.dcsuite.core.select;

import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.series.SeriesKey;

/**
 * A small recursive-descent reader for selectors and the PromQL pieces around them. Public so that query
 * front ends (the HTTP API, the CLI) can read {@code rate(sel[5m])} with the same tokenizer.
 */
public final class SelectorLexer {

    private final String input;
    private int pos;

    public SelectorLexer(String input) {
        this.input = input == null ? "" : input;
    }

    public String input() {
        return input;
    }

    public int position() {
        return pos;
    }

    public SelectorSyntaxException error(String problem) {
        return new SelectorSyntaxException(input, pos, problem);
    }

    public void skipSpaces() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    public boolean atEnd() {
        skipSpaces();
        return pos >= input.length();
    }

    public void expectEnd() {
        if (!atEnd()) {
            throw error("unexpected '" + input.substring(pos) + "'");
        }
    }

    /** Consumes {@code c} if it is the next non-space character. */
    public boolean accept(char c) {
        skipSpaces();
        if (pos < input.length() && input.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!accept(c)) {
            throw error(pos >= input.length() ? "expected '" + c + "' but the input ended"
                    : "expected '" + c + "' but found '" + input.charAt(pos) + "'");
        }
    }

    /** Peeks the next non-space character, or 0 at the end. */
    public char peek() {
        skipSpaces();
        return pos < input.length() ? input.charAt(pos) : 0;
    }

    /** Reads a name: letters, digits, '_', ':' and '.', not starting with a digit; empty if none. */
    public String name() {
        skipSpaces();
        int start = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            boolean ok = Character.isLetter(c) && c < 128 || c == '_' || c == ':' || c == '.'
                    || (pos > start && Character.isDigit(c));
            if (!ok) {
                break;
            }
            pos++;
        }
        return input.substring(start, pos);
    }

    /** Reads a run of letters and digits (a duration like {@code 5m}); empty if none. */
    public String word() {
        skipSpaces();
        int start = pos;
        while (pos < input.length() && Character.isLetterOrDigit(input.charAt(pos))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    /** Reads one selector at the current position. */
    public SeriesSelector selector() {
        List<LabelMatcher> matchers = new ArrayList<>();
        int start = pos;
        String metric = name();
        if (!metric.isEmpty()) {
            if (!SeriesKey.isValidMetricName(metric)) {
                throw error("invalid metric name '" + metric + "'");
            }
            matchers.add(LabelMatcher.eq(SeriesKey.NAME_LABEL, metric));
        }
        if (accept('{')) {
            if (!accept('}')) {
                do {
                    if (peek() == '}') {
                        break; // a trailing comma is allowed, as in PromQL
                    }
                    matchers.add(matcher());
                } while (accept(','));
                expect('}');
            }
        } else if (metric.isEmpty()) {
            throw error(atEnd() ? "empty selector: expected a metric name or '{'"
                    : "expected a metric name or '{' but found '" + input.charAt(pos) + "'");
        }
        try {
            return SeriesSelector.of(matchers);
        } catch (IllegalArgumentException e) {
            throw new SelectorSyntaxException(input, start, e.getMessage());
        }
    }

    private LabelMatcher matcher() {
        String label = name();
        if (label.isEmpty()) {
            throw error("expected a label name");
        }
        if (!label.equals(SeriesKey.NAME_LABEL) && !SeriesKey.isValidAttributeName(label)) {
            throw error("invalid label name '" + label + "'");
        }
        skipSpaces();
        LabelMatcher.Op op;
        if (input.startsWith("=~", pos)) {
            op = LabelMatcher.Op.RE;
        } else if (input.startsWith("!~", pos)) {
            op = LabelMatcher.Op.NRE;
        } else if (input.startsWith("!=", pos)) {
            op = LabelMatcher.Op.NEQ;
        } else if (input.startsWith("=", pos)) {
            op = LabelMatcher.Op.EQ;
        } else {
            throw error("expected one of =, !=, =~, !~ after label " + label);
        }
        pos += op.symbol().length();
        String value = string();
        try {
            return LabelMatcher.of(label, op, value);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** Reads a double-, single- or back-quoted string with PromQL (Go) escapes. */
    public String string() {
        skipSpaces();
        if (pos >= input.length()) {
            throw error("expected a quoted string but the input ended");
        }
        char quote = input.charAt(pos);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw error("expected a quoted string but found '" + quote + "'");
        }
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && quote != '`') {
                if (pos >= input.length()) {
                    break;
                }
                char e = input.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '\\', '"', '\'' -> sb.append(e);
                    default -> {
                        // Keep unknown escapes as written so regexes like "\d" survive.
                        sb.append('\\').append(e);
                    }
                }
            } else {
                sb.append(c);
            }
        }
        pos = start;
        throw error("unterminated string");
    }
}
