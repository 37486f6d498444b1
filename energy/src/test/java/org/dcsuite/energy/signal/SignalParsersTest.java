package org.dcsuite.energy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.dcsuite.energy.config.SignalSpec.PayloadFormat;
import org.junit.jupiter.api.Test;

/** CSV, Electricity Maps and WattTime payloads into signal series, broken ones too. */
class SignalParsersTest {

    private static final Duration AGE = Duration.ofHours(2);

    private static String fixture(String name) throws IOException {
        try (InputStream in = SignalParsersTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void csvWithHeaderCommentsAndOffsets() throws Exception {
        String csv = "time,value\n# French grid, hourly\n2026-11-24T00:00:00Z,56\n\n2026-11-24T02:00:00+01:00,61.5\n";

        SignalSeries s = CsvSignalParser.parse("fr.csv", csv);

        assertThat(s.points()).extracting(SignalSeries.Point::time).containsExactly(
                Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-24T01:00:00Z"));
        // A value holds from its time until the next one.
        assertThat(s.valueAt(Instant.parse("2026-11-24T00:59:59Z"), AGE)).hasValue(56);
        assertThat(s.valueAt(Instant.parse("2026-11-24T01:00:00Z"), AGE)).hasValue(61.5);
        assertThat(s.valueAt(Instant.parse("2026-11-23T23:59:59Z"), AGE)).isEmpty();
        assertThat(s.valueAt(Instant.parse("2026-11-24T03:00:01Z"), AGE)).isEmpty();
    }

    @Test
    void csvErrorsNameFileAndLine() {
        assertThatThrownBy(() -> CsvSignalParser.parse("fr.csv", "time,value\n2026-11-24T00:00:00Z,56\n2026-11-24,3\n"))
                .isInstanceOf(SignalException.class).hasMessage("fr.csv:3: time '2026-11-24' is not ISO-8601 with an "
                        + "offset, such as 2026-11-24T10:00:00Z");
        assertThatThrownBy(() -> CsvSignalParser.parse("fr.csv", "2026-11-24T00:00:00Z,lots\n"))
                .hasMessage("fr.csv:1: value 'lots' is not a number");
        assertThatThrownBy(() -> CsvSignalParser.parse("fr.csv", "2026-11-24T00:00:00Z,1,2\n"))
                .hasMessage("fr.csv:1: expected 'time,value', got 3 columns");
    }

    @Test
    void electricityMapsHistorySkipsPeriodsNotYetEstimated() throws Exception {
        SignalSeries s = JsonSignalParser.parse("em", fixture("electricitymaps-history.json"),
                PayloadFormat.ELECTRICITYMAPS, SignalKind.CARBON_INTENSITY);

        assertThat(s.points()).extracting(SignalSeries.Point::value).containsExactly(52.0, 61.0);
        assertThat(s.valueAt(Instant.parse("2026-11-24T08:30:00Z"), AGE)).hasValue(52);
    }

    @Test
    void electricityMapsBareArrayAndPricesPerMwh() throws Exception {
        String carbon = "[{\"datetime\":\"2026-11-24T08:00:00Z\",\"carbonIntensity\":40}]";
        String price = "{\"data\":[{\"datetime\":\"2026-11-24T08:00:00Z\",\"value\":95.0,\"unit\":\"EUR/MWh\"}]}";

        SignalSeries c = JsonSignalParser.parse("em", carbon, PayloadFormat.ELECTRICITYMAPS, SignalKind.CARBON_INTENSITY);
        SignalSeries p = JsonSignalParser.parse("em", price, PayloadFormat.ELECTRICITYMAPS, SignalKind.PRICE);

        assertThat(c.points().getFirst().value()).isEqualTo(40);
        assertThat(p.points().getFirst().value()).isCloseTo(95.0 / 1000, within(1e-15));
    }

    @Test
    void wattTimePoundsPerMegawattHourBecomeGramsPerKilowattHour() throws Exception {
        SignalSeries s = JsonSignalParser.parse("wt", fixture("watttime-historical.json"), PayloadFormat.WATTTIME,
                SignalKind.CARBON_INTENSITY);

        // 1 lb = 453.59237 g and 1 MWh = 1000 kWh.
        double gramsPerKwh = 936.0 * 453.59237 / 1000;
        assertThat(s.points().getFirst().value()).isCloseTo(gramsPerKwh, within(1e-9));
        assertThat(s.points().get(1).value()).isCloseTo(1012.5 * 453.59237 / 1000, within(1e-9));
    }

    @Test
    void wattTimeRelativeIndexAndMissingUnitsAreRefused() {
        String percent = "{\"data\":[{\"point_time\":\"2026-11-24T08:00:00Z\",\"value\":55}],\"meta\":{\"units\":\"percent\"}}";
        String noUnits = "{\"data\":[{\"point_time\":\"2026-11-24T08:00:00Z\",\"value\":55}]}";

        assertThatThrownBy(() -> JsonSignalParser.parse("wt", percent, PayloadFormat.WATTTIME,
                SignalKind.CARBON_INTENSITY)).hasMessageContaining("'percent' is not an emission rate");
        assertThatThrownBy(() -> JsonSignalParser.parse("wt", noUnits, PayloadFormat.WATTTIME,
                SignalKind.CARBON_INTENSITY)).hasMessageContaining("meta.units is missing");
    }

    @Test
    void brokenJsonNamesTheLine() {
        assertThatThrownBy(() -> JsonSignalParser.parse("em.json", "[\n{\"datetime\": }", PayloadFormat.ELECTRICITYMAPS,
                SignalKind.CARBON_INTENSITY)).isInstanceOf(SignalException.class).hasMessageStartingWith("em.json:2: ");
        assertThatThrownBy(() -> JsonSignalParser.parse("em.json", "[{\"datetime\":\"yesterday\",\"carbonIntensity\":1}]",
                PayloadFormat.ELECTRICITYMAPS, SignalKind.CARBON_INTENSITY))
                .hasMessage("em.json: item 0: 'datetime' yesterday is not ISO-8601 with an offset");
    }
}
