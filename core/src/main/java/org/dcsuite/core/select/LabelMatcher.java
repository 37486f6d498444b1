package org.dcsuite.core.select;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.dcsuite.core.series.SeriesKey;

/**
 * One {@code label op "value"} term of a selector. Regular expressions are fully anchored, as in PromQL, and
 * an absent label matches as the empty string.
 */
public final class LabelMatcher {

    /** The four PromQL matching operators. */
    public enum Op {
        EQ("="), NEQ("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final String label;
    private final Op op;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String label, Op op, String value) {
        this.label = Objects.requireNonNull(label, "label");
        this.op = Objects.requireNonNull(op, "op");
        this.value = Objects.requireNonNull(value, "value");
        if (op == Op.RE || op == Op.NRE) {
            try {
                this.pattern = Pattern.compile("(?:" + value + ")", Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression for label " + label + ": "
                        + e.getDescription(), e);
            }
        } else {
            this.pattern = null;
        }
    }

    public static LabelMatcher of(String label, Op op, String value) {
        return new LabelMatcher(label, op, value);
    }

    public static LabelMatcher eq(String label, String value) {
        return new LabelMatcher(label, Op.EQ, value);
    }

    public String label() {
        return label;
    }

    public Op op() {
        return op;
    }

    public String value() {
        return value;
    }

    /** Whether this matcher accepts the given label value ({@code ""} for an absent label). */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQ -> v.equals(value);
            case NEQ -> !v.equals(value);
            case RE -> pattern.matcher(v).matches();
            case NRE -> !pattern.matcher(v).matches();
        };
    }

    public boolean matches(SeriesKey series) {
        return matches(series.label(label));
    }

    /** Whether the matcher accepts the empty string, i.e. also series that lack the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && label.equals(m.label) && op == m.op && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, op, value);
    }

    @Override
    public String toString() {
        return label + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
