package org.dcsuite.core.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dcsuite.core.series.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesSelectorTest {

    private static final SeriesKey PDU_A = SeriesKey.of("hw.power", "site", "lyon", "device", "r01-pdu-a", "feed", "A");
    private static final SeriesKey PDU_B = SeriesKey.of("hw.power", "site", "lyon", "device", "r01-pdu-b");
    private static final SeriesKey TEMP = SeriesKey.of("hw.temperature", "site", "paris");

    @Test
    void metricNamesMayContainDots() {
        SeriesSelector s = SeriesSelector.parse("hw.power");
        assertThat(s.metricName()).contains("hw.power");
        assertThat(s.matches(PDU_A)).isTrue();
        assertThat(s.matches(TEMP)).isFalse();
    }

    @Test
    void allFourOperators() {
        assertThat(SeriesSelector.parse("hw.power{site=\"lyon\"}").matches(PDU_A)).isTrue();
        assertThat(SeriesSelector.parse("hw.power{device!=\"r01-pdu-a\"}").matches(PDU_A)).isFalse();
        assertThat(SeriesSelector.parse("hw.power{device!=\"r01-pdu-a\"}").matches(PDU_B)).isTrue();
        assertThat(SeriesSelector.parse("hw.power{device=~\"r01-.*\"}").matches(PDU_B)).isTrue();
        assertThat(SeriesSelector.parse("hw.power{device!~\".*-b\"}").matches(PDU_B)).isFalse();
    }

    @Test
    void regexesAreFullyAnchored() {
        assertThat(SeriesSelector.parse("hw.power{device=~\"pdu\"}").matches(PDU_A)).isFalse();
        assertThat(SeriesSelector.parse("hw.power{device=~\"r01|r02\"}").matches(PDU_A)).isFalse();
        assertThat(SeriesSelector.parse("hw.power{device=~\"r01-pdu-a|x\"}").matches(PDU_A)).isTrue();
    }

    @Test
    void emptyValueMatchesAbsentLabel() {
        SeriesSelector noFeed = SeriesSelector.parse("hw.power{feed=\"\"}");
        assertThat(noFeed.matches(PDU_B)).isTrue();
        assertThat(noFeed.matches(PDU_A)).isFalse();
        assertThat(SeriesSelector.parse("hw.power{feed!=\"\"}").matches(PDU_A)).isTrue();
    }

    @Test
    void nameLabelSelectsMetrics() {
        SeriesSelector s = SeriesSelector.parse("{__name__=~\"hw\\\\..*\", site=\"paris\"}");
        assertThat(s.matches(TEMP)).isTrue();
        assertThat(s.matches(PDU_A)).isFalse();
    }

    @Test
    void escapesAndQuotes() {
        SeriesKey odd = SeriesKey.of("m", "path", "a\"b\\c");
        assertThat(SeriesSelector.parse("m{path=\"a\\\"b\\\\c\"}").matches(odd)).isTrue();
        assertThat(SeriesSelector.parse("m{path='a\"b\\\\c'}").matches(odd)).isTrue();
        assertThat(SeriesSelector.parse("m{path=`a\"b\\c`}").matches(odd)).isTrue();
    }

    @Test
    void keyToStringParsesBackToASelectorForTheKey() {
        SeriesKey odd = SeriesKey.of("hw.power", "hw.id", "psu \"1\"", "site", "x\\y");
        SeriesSelector s = SeriesSelector.parse(odd.toString());
        assertThat(s.matches(odd)).isTrue();
        assertThat(s.matches(odd.with("site", "other"))).isFalse();
    }

    @Test
    void trailingCommaAndSpacesAreAccepted() {
        assertThat(SeriesSelector.parse("  hw.power { site = \"lyon\" , } ").matches(PDU_A)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty selector: expected a metric name or '{'",
            "'{}'|a selector needs a metric name or at least one matcher that does not match the empty string",
            "'{site=\"\"}'|a selector needs a metric name or at least one matcher that does not match the empty string",
            "'hw.power{site}'|expected one of =, !=, =~, !~ after label site",
            "'hw.power{site=lyon}'|expected a quoted string but found 'l'",
            "'hw.power{site=\"lyon}'|unterminated string",
            "'hw.power{site=\"lyon\"'|expected '}' but the input ended",
            "'hw.power{site=~\"(\"}'|invalid regular expression for label site: Unclosed group",
            "'hw.power x'|unexpected 'x'",
            "'9lives'|expected a metric name or '{' but found '9'",
    })
    void errorsSayWhatIsWrong(String input, String problem) {
        assertThatThrownBy(() -> SeriesSelector.parse(input))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessageContaining(problem)
                .hasMessageStartingWith("invalid selector '" + input + "' at position ");
    }

    @Test
    void invalidKeysAreRefused() {
        assertThatThrownBy(() -> SeriesKey.of("1abc")).hasMessageContaining("invalid metric name '1abc'");
        assertThatThrownBy(() -> SeriesKey.of("m", "bad-name", "v")).hasMessageContaining("invalid attribute name 'bad-name'");
        assertThat(SeriesKey.of("m", "a", "").attributes()).isEmpty();
    }
}
