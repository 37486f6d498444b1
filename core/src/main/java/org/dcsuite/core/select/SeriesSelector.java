package org.dcsuite.core.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.series.SeriesKey;

/**
 * A PromQL series selector: {@code metric{label="v", label!="v", label=~"re", label!~"re"}}, where the
 * metric name may contain dots ({@code hw.power}) and may also be given as {@code {__name__="hw.power"}}.
 */
public final class SeriesSelector {

    private final List<LabelMatcher> matchers;

    private SeriesSelector(List<LabelMatcher> matchers) {
        this.matchers = List.copyOf(matchers);
    }

    /**
     * Builds a selector; like Prometheus it must contain at least one matcher that does not match the empty
     * string, so that a selector can never mean "every series".
     */
    public static SeriesSelector of(List<LabelMatcher> matchers) {
        Objects.requireNonNull(matchers, "matchers");
        if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw new IllegalArgumentException(
                    "a selector needs a metric name or at least one matcher that does not match the empty string");
        }
        return new SeriesSelector(matchers);
    }

    /** All series of one metric. */
    public static SeriesSelector metric(String metric) {
        return new SeriesSelector(List.of(LabelMatcher.eq(SeriesKey.NAME_LABEL, metric)));
    }

    /** Parses the whole input as one selector. */
    public static SeriesSelector parse(String input) {
        SelectorLexer lexer = new SelectorLexer(input);
        SeriesSelector selector = lexer.selector();
        lexer.expectEnd();
        return selector;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    /** The metric name when the selector fixes it with an equality matcher. */
    public Optional<String> metricName() {
        return matchers.stream()
                .filter(m -> m.label().equals(SeriesKey.NAME_LABEL) && m.op() == LabelMatcher.Op.EQ)
                .map(LabelMatcher::value)
                .findFirst();
    }

    public boolean matches(SeriesKey series) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(series)) {
                return false;
            }
        }
        return true;
    }

    /** Returns this selector narrowed by one more matcher. */
    public SeriesSelector and(LabelMatcher matcher) {
        List<LabelMatcher> copy = new ArrayList<>(matchers);
        copy.add(matcher);
        return new SeriesSelector(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesSelector s && matchers.equals(s.matchers);
    }

    @Override
    public int hashCode() {
        return matchers.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        List<LabelMatcher> rest = new ArrayList<>(matchers);
        Optional<String> name = metricName();
        if (name.isPresent()) {
            sb.append(name.get());
            rest.removeIf(m -> m.label().equals(SeriesKey.NAME_LABEL) && m.op() == LabelMatcher.Op.EQ
                    && m.value().equals(name.get()));
        }
        if (!rest.isEmpty() || name.isEmpty()) {
            sb.append('{');
            for (int i = 0; i < rest.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(rest.get(i));
            }
            sb.append('}');
        }
        return sb.toString();
    }
}
