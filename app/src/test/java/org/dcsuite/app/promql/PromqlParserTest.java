package org.dcsuite.app.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.store.Aggregation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlParserTest {

    @Test
    void plainSelectorLooksBackFiveMinutesForTheLastSample() {
        PromqlQuery q = PromqlParser.parse("hw.power{site=\"lyon\", device=~\"pdu-.*\"}");
        assertThat(q.selector()).isEqualTo(SeriesSelector.parse("hw.power{site=\"lyon\",device=~\"pdu-.*\"}"));
        assertThat(q.function()).isEmpty();
        assertThat(q.range()).isEqualTo(Duration.ofMinutes(5));
        assertThat(q.storeAggregation()).isEqualTo(Aggregation.LAST);
        assertThat(q.keepsMetricName()).isTrue();
        assertThat(q.aggregation()).isEmpty();
    }

    @Test
    void rangeFunctionsMapToStoreAggregations() {
        PromqlQuery q = PromqlParser.parse(" rate( hw.energy{site='lyon'} [ 1h30m ] ) ");
        assertThat(q.function()).contains(PromqlFunction.RATE);
        assertThat(q.range()).isEqualTo(Duration.ofMinutes(90));
        assertThat(q.storeAggregation()).isEqualTo(Aggregation.RATE);
        assertThat(q.keepsMetricName()).isFalse();
        assertThat(PromqlParser.parse("last_over_time(x[1m])").keepsMetricName()).isTrue();
        assertThat(PromqlParser.parse("count_over_time(x[1m])").storeAggregation()).isEqualTo(Aggregation.COUNT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hw.power                                   | hw.power",
            "{__name__=\"hw.power\"}                    | hw.power",
            "increase(x[5m])                            | increase(x[5m])",
            "sum(x)                                     | sum (x)",
            "SUM(x)                                     | sum (x)",
            "sum by (site, room) (rate(x[5m]))          | sum by (site, room) (rate(x[5m]))",
            "sum(rate(x[5m])) by (site)                 | sum by (site) (rate(x[5m]))",
            "avg without (device) (x{a=\"b\"})          | avg without (device) (x{a=\"b\"})",
            "max by () (max_over_time(x[10m]))          | max by () (max_over_time(x[10m]))",
            "count BY (site,) (x)                       | count by (site) (x)",
            "min(avg_over_time(x[1h]))                  | min (avg_over_time(x[1h]))",
            "sum_over_time(x[1d])                       | sum_over_time(x[1d])",
            "sum{a=\"b\"}                               | sum{a=\"b\"}",
    })
    void readsTheSupportedLanguage(String query, String canonical) {
        assertThat(PromqlParser.parse(query)).hasToString(canonical);
    }

    @Test
    void groupingLabelsAreKept() {
        PromqlAggregation a = PromqlParser.parse("sum without (hw.id, device) (x)").aggregation().orElseThrow();
        assertThat(a.op()).isEqualTo(PromqlAggregation.Op.SUM);
        assertThat(a.grouping()).isEqualTo(PromqlAggregation.Grouping.WITHOUT);
        assertThat(a.labels()).isEqualTo(List.of("hw.id", "device"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "~~                   | invalid query '' at position 1: empty query; " + PromqlParser.SUPPORTED,
            "x + 1                | invalid query 'x + 1' at position 3: binary operators are not supported; "
                    + PromqlParser.SUPPORTED,
            "x and y              | invalid query 'x and y' at position 3: binary operators are not supported; "
                    + PromqlParser.SUPPORTED,
            "1 + 1                | invalid query '1 + 1' at position 1: numbers and arithmetic are not supported; "
                    + PromqlParser.SUPPORTED,
            "abs(x)               | invalid query 'abs(x)' at position 1: the function 'abs' is not supported; "
                    + PromqlParser.SUPPORTED,
            "topk(3, x)           | invalid query 'topk(3, x)' at position 1: the function 'topk' is not supported; "
                    + PromqlParser.SUPPORTED,
            "x[5m]                | invalid query 'x[5m]' at position 2: a range selector needs a function around it, "
                    + "e.g. rate(x[5m]); " + PromqlParser.SUPPORTED,
            "rate(x)              | invalid query 'rate(x)' at position 7: rate() needs a range after the selector, "
                    + "e.g. rate(x[5m])",
            "rate(x[5m:1m])       | invalid query 'rate(x[5m:1m])' at position 10: subqueries are not supported; "
                    + PromqlParser.SUPPORTED,
            "rate(x[5q])          | invalid query 'rate(x[5q])' at position 8: invalid duration '5q': use a number "
                    + "and a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m, 1d",
            "rate(x[0s])          | invalid query 'rate(x[0s])' at position 8: duration '0s' must be greater than zero",
            "rate(x[5m]          | invalid query 'rate(x[5m]' at position 11: expected ')' but the input ended",
            "x offset 5m          | invalid query 'x offset 5m' at position 3: offset and @ modifiers are not "
                    + "supported; " + PromqlParser.SUPPORTED,
            "x @ 100              | invalid query 'x @ 100' at position 3: offset and @ modifiers are not supported; "
                    + PromqlParser.SUPPORTED,
            "sum(sum(x))          | invalid query 'sum(sum(x))' at position 5: nested aggregations are not "
                    + "supported; " + PromqlParser.SUPPORTED,
            "sum by (a) (x) by (b) | invalid query 'sum by (a) (x) by (b)' at position 16: an aggregation takes one "
                    + "by or without clause",
            "sum by (1a) (x)      | invalid query 'sum by (1a) (x)' at position 9: expected a label name in the by clause",
            "x by (a)             | invalid query 'x by (a)' at position 3: 'by' needs an aggregation (sum, avg, min, "
                    + "max, count) before it",
            "x{a=\"b\"            | invalid query 'x{a=\"b\"' at position 8: expected '}' but the input ended",
            "x{a~\"b\"}           | invalid query 'x{a~\"b\"}' at position 4: expected one of =, !=, =~, !~ after label a",
            "{a=\"\"}             | invalid query '{a=\"\"}' at position 1: a selector needs a metric name or at least "
                    + "one matcher that does not match the empty string",
            "(x)                  | invalid query '(x)' at position 1: parentheses are not supported; "
                    + PromqlParser.SUPPORTED,
            "\"x\"                | invalid query '\"x\"' at position 1: string literals are not supported; "
                    + PromqlParser.SUPPORTED,
            "x y                  | invalid query 'x y' at position 3: unexpected 'y'; " + PromqlParser.SUPPORTED,
    })
    void refusesEverythingElseWithTheExactReason(String query, String message) {
        assertThatThrownBy(() -> PromqlParser.parse(query))
                .isInstanceOf(PromqlSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void supportedListNamesEveryFunctionAndAggregation() {
        for (PromqlFunction f : PromqlFunction.values()) {
            assertThat(PromqlParser.SUPPORTED).contains(f.id());
        }
        for (PromqlAggregation.Op op : PromqlAggregation.Op.values()) {
            assertThat(PromqlParser.SUPPORTED).contains(" " + op.id());
        }
    }
}
