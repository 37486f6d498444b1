package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiParamsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({"15, 15000", "15s, 15000", "0.5, 500", "1m30s, 90000", "1e1, 10000", "3600, 3600000"})
    void stepsAreDurationsOrFloatSeconds(String text, long millis) {
        assertThat(ApiParams.step(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "15x", "NaN", "Inf", "1e400"})
    void badStepsAreBadData(String text) {
        assertThatThrownBy(() -> ApiParams.step(text))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.BAD_DATA))
                .hasMessage("invalid parameter \"step\": cannot parse \"" + text
                        + "\" to a valid duration: use seconds (15) or a duration (15s, 1m)");
    }

    @Test
    void zeroStepIsRefusedAsPrometheusDoes() {
        assertThatThrownBy(() -> ApiParams.step("0"))
                .hasMessage("zero or negative query resolution step widths are not accepted. Try a positive integer");
        assertThatThrownBy(() -> ApiParams.step("0.0001"))
                .hasMessage("zero or negative query resolution step widths are not accepted. Try a positive integer");
    }

    @Test
    void timesAreRfc3339OrUnixSeconds() {
        assertThat(ApiParams.time("start", "2026-11-24T09:00:00Z", CLOCK)).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(ApiParams.time("start", "1764000000.5", CLOCK)).isEqualTo(Instant.ofEpochMilli(1_764_000_000_500L));
        assertThat(ApiParams.time("end", "now-1h", CLOCK)).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "1e30", "+999999999-12-31T23:59:59Z"})
    void badTimesNameTheParameter(String text) {
        assertThatThrownBy(() -> ApiParams.time("start", text, CLOCK))
                .hasMessage("invalid parameter \"start\": cannot parse \"" + text
                        + "\" to a valid timestamp: use RFC 3339 or unix seconds");
    }

    @Test
    void missingParametersAreNamed() {
        assertThatThrownBy(() -> ApiParams.time("end", null, CLOCK)).hasMessage("missing parameter \"end\"");
        assertThatThrownBy(() -> ApiParams.step(" ")).hasMessage("missing parameter \"step\"");
    }

    @Test
    void rangesAreCheckedAsPrometheusDoes() {
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        ApiParams.checkRange(t, t.plusSeconds(10_999), Duration.ofSeconds(1));
        assertThatThrownBy(() -> ApiParams.checkRange(t, t.plusSeconds(11_000), Duration.ofSeconds(1)))
                .hasMessage("exceeded maximum resolution of 11,000 points per timeseries. "
                        + "Try decreasing the query resolution (?step=XX)");
        assertThatThrownBy(() -> ApiParams.checkRange(t, t.minusSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("end timestamp must not be before start time");
    }

    @Test
    void matchersAreSelectors() {
        assertThat(ApiParams.matchers(List.of("hw.power{site=\"a\"}", "up"))).hasSize(2);
        assertThatThrownBy(() -> ApiParams.matchers(List.of("{")))
                .hasMessageStartingWith("invalid parameter \"match[]\": invalid selector '{' at position 2");
    }
}
