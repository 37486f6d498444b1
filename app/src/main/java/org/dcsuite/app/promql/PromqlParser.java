package org.dcsuite.app.promql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.core.select.SelectorLexer;
import org.dcsuite.core.select.SelectorSyntaxException;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.time.Durations;

/**
 * Reads the subset of PromQL that dcsuite answers:
 *
 * <pre>
 * query    = [ aggr ] vector
 * aggr     = ( "sum" | "avg" | "min" | "max" | "count" ) [ grouping ] "(" vector ")" [ grouping ]
 * grouping = ( "by" | "without" ) "(" [ label { "," label } [ "," ] ] ")"
 * vector   = selector | function "(" selector "[" duration "]" ")"
 * function = "rate" | "increase" | "avg_over_time" | "min_over_time" | "max_over_time"
 *          | "sum_over_time" | "count_over_time" | "last_over_time"
 * </pre>
 *
 * Anything else (binary operators, numbers, other functions and aggregations, {@code offset}, {@code @},
 * subqueries, nested aggregations) is refused with an error that lists what is supported. The tokenizer is
 * core's {@link SelectorLexer}, so selectors read exactly as everywhere else in dcsuite.
 */
public final class PromqlParser {

    /** Appended to every "not supported" error so users learn the whole language from one mistake. */
    public static final String SUPPORTED = "supported are a selector (metric{label=\"value\"}), rate, increase, "
            + "avg_over_time, min_over_time, max_over_time, sum_over_time, count_over_time or last_over_time over a "
            + "range (selector[5m]), and sum, avg, min, max or count around either, with optional by (labels) or "
            + "without (labels)";

    private static final String OPERATOR_CHARS = "+-*/%^=!<>";

    private final String input;
    private final SelectorLexer lexer;

    private PromqlParser(String input) {
        this.input = input == null ? "" : input;
        this.lexer = new SelectorLexer(this.input);
    }

    /**
     * Parses a whole query.
     *
     * @throws PromqlSyntaxException naming the position and the problem
     */
    public static PromqlQuery parse(String query) {
        PromqlParser parser = new PromqlParser(query);
        try {
            return parser.query();
        } catch (SelectorSyntaxException e) {
            throw new PromqlSyntaxException(parser.input, e.position(), problemOf(e, parser.input));
        }
    }

    private PromqlQuery query() {
        if (lexer.atEnd()) {
            throw error("empty query; " + SUPPORTED);
        }
        PromqlQuery query;
        String ident = peekName();
        Optional<PromqlAggregation.Op> op = PromqlAggregation.Op.byId(ident);
        if (op.isPresent() && (nextAfterNameIs('(') || isGroupingKeyword(peekWordAfterName()))) {
            query = aggregation(op.get());
        } else {
            query = vector();
        }
        expectEnd();
        return query;
    }

    private PromqlQuery aggregation(PromqlAggregation.Op op) {
        lexer.name();
        Optional<PromqlAggregation> grouping = grouping(op);
        lexer.expect('(');
        String ident = peekName();
        if (PromqlAggregation.Op.byId(ident).isPresent() && nextAfterNameIs('(')) {
            throw error("nested aggregations are not supported; " + SUPPORTED);
        }
        PromqlQuery inner = vector();
        lexer.expect(')');
        if (grouping.isEmpty()) {
            grouping = grouping(op);
        } else if (isGroupingKeyword(peekName())) {
            throw error("an aggregation takes one by or without clause");
        }
        PromqlAggregation aggregation = grouping.orElse(
                new PromqlAggregation(op, PromqlAggregation.Grouping.NONE, List.of()));
        return new PromqlQuery(inner.selector(), inner.function(), inner.range(), Optional.of(aggregation));
    }

    private Optional<PromqlAggregation> grouping(PromqlAggregation.Op op) {
        String word = peekName();
        if (!isGroupingKeyword(word)) {
            return Optional.empty();
        }
        lexer.name();
        PromqlAggregation.Grouping grouping = word.equalsIgnoreCase("by")
                ? PromqlAggregation.Grouping.BY : PromqlAggregation.Grouping.WITHOUT;
        lexer.expect('(');
        List<String> labels = new ArrayList<>();
        while (!lexer.accept(')')) {
            String label = lexer.name();
            if (label.isEmpty()) {
                throw error("expected a label name in the " + word + " clause");
            }
            if (!label.equals(SeriesKey.NAME_LABEL) && !SeriesKey.isValidAttributeName(label)) {
                throw error("invalid label name '" + label + "'");
            }
            labels.add(label);
            if (!lexer.accept(',')) {
                lexer.expect(')');
                break;
            }
        }
        return Optional.of(new PromqlAggregation(op, grouping, labels));
    }

    private PromqlQuery vector() {
        String ident = peekName();
        if (nextAfterNameIs('(')) {
            PromqlFunction function = PromqlFunction.byId(ident).orElseThrow(() -> error(
                    (ident.isEmpty() ? "parentheses are" : "the function '" + ident + "' is") + " not supported; "
                            + SUPPORTED));
            lexer.name();
            lexer.expect('(');
            SeriesSelector selector = selector();
            if (lexer.peek() != '[') {
                throw error(function.id() + "() needs a range after the selector, e.g. " + function.id() + "("
                        + selector + "[5m])");
            }
            Duration range = range();
            lexer.expect(')');
            return new PromqlQuery(selector, Optional.of(function), range, Optional.empty());
        }
        SeriesSelector selector = selector();
        if (lexer.peek() == '[') {
            throw error("a range selector needs a function around it, e.g. rate(" + selector + "[5m]); " + SUPPORTED);
        }
        return new PromqlQuery(selector, Optional.empty(), PromqlQuery.LOOKBACK, Optional.empty());
    }

    private SeriesSelector selector() {
        char c = lexer.peek();
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
            throw error("numbers and arithmetic are not supported; " + SUPPORTED);
        }
        if (c == '"' || c == '\'' || c == '`') {
            throw error("string literals are not supported; " + SUPPORTED);
        }
        return lexer.selector();
    }

    private Duration range() {
        lexer.expect('[');
        int start = lexer.position();
        String text = lexer.word();
        if (lexer.peek() == ':') {
            throw error("subqueries are not supported; " + SUPPORTED);
        }
        Duration range;
        try {
            range = Durations.parsePositive(text);
        } catch (IllegalArgumentException e) {
            throw new PromqlSyntaxException(input, start, e.getMessage());
        }
        lexer.expect(']');
        return range;
    }

    private void expectEnd() {
        if (lexer.atEnd()) {
            return;
        }
        char c = lexer.peek();
        String word = peekName();
        if (OPERATOR_CHARS.indexOf(c) >= 0 || List.of("and", "or", "unless").contains(word)) {
            throw error("binary operators are not supported; " + SUPPORTED);
        }
        if (word.equals("offset") || c == '@') {
            throw error("offset and @ modifiers are not supported; " + SUPPORTED);
        }
        if (isGroupingKeyword(word)) {
            throw error("'" + word + "' needs an aggregation (sum, avg, min, max, count) before it");
        }
        throw error("unexpected '" + input.substring(lexer.position()) + "'; " + SUPPORTED);
    }

    private static boolean isGroupingKeyword(String word) {
        return word.equalsIgnoreCase("by") || word.equalsIgnoreCase("without");
    }

    /** The name at the current position, not consumed (the lexer cannot rewind). */
    private String peekName() {
        int i = nameStart();
        int end = nameEnd(i);
        return input.substring(i, end);
    }

    /** The name after the one at the current position, not consumed. */
    private String peekWordAfterName() {
        int i = skipSpaces(nameEnd(nameStart()));
        return input.substring(i, nameEnd(i));
    }

    private boolean nextAfterNameIs(char c) {
        int i = skipSpaces(nameEnd(nameStart()));
        return i < input.length() && input.charAt(i) == c;
    }

    private int nameStart() {
        return skipSpaces(lexer.position());
    }

    private int skipSpaces(int i) {
        while (i < input.length() && Character.isWhitespace(input.charAt(i))) {
            i++;
        }
        return i;
    }

    // The same characters as SelectorLexer.name(), so a peeked name is what name() will consume.
    private int nameEnd(int start) {
        int i = start;
        while (i < input.length()) {
            char c = input.charAt(i);
            boolean ok = Character.isLetter(c) && c < 128 || c == '_' || c == ':' || c == '.'
                    || (i > start && Character.isDigit(c));
            if (!ok) {
                break;
            }
            i++;
        }
        return i;
    }

    private PromqlSyntaxException error(String problem) {
        return new PromqlSyntaxException(input, nameStart(), problem);
    }

    private static String problemOf(SelectorSyntaxException e, String input) {
        String prefix = "invalid selector '" + input + "' at position " + (e.position() + 1) + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
