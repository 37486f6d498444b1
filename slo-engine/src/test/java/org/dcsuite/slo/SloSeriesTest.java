package org.dcsuite.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.slo.SloDefinitionsFixture.badOverTotal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One evaluation written as series: every figure of the status, and a 0 or 1 for every tier of the policy. */
class SloSeriesTest {

    static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    static final long AT_MIN = AT.toEpochMilli() / 60_000;

    @TempDir
    Path dir;

    @Test
    void anIncidentPagesAndEveryFigureBecomesASample() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(4));
            // 100 requests a minute; in the last hour half of them fail: burn 500 over 1h, the page tier fires.
            db.minuteCounter(SeriesKey.of("req", "code", "500"), from, AT, m -> m > AT_MIN - 60 ? 50 : 0);
            db.minuteCounter(SeriesKey.of("req", "code", "200"), from, AT, m -> m > AT_MIN - 60 ? 50 : 100);
            SloDefinitions definitions = SloDefinitions.of(List.of(SloDefinitionsFixture.occurrences("checkout",
                    badOverTotal("req{code=\"500\"}", "req"), 0.999, Duration.ofDays(30))), List.of());
            List<SloStatus> statuses = new SloEngine(db.store, definitions).evaluate(AT);
            SloStatus status = statuses.get(0);

            Map<SeriesKey, Double> written = SloSeries.samples(definitions, statuses, AT).stream()
                    .peek(s -> assertThat(s.timeMillis()).isEqualTo(AT.toEpochMilli()))
                    .collect(Collectors.toMap(Sample::series, Sample::value));

            assertThat(status.alertsFiring()).containsExactly("page", "ticket");
            assertThat(written).containsEntry(key("slo.sli"), status.sli())
                    .containsEntry(key("slo.objective"), 0.999)
                    .containsEntry(key("slo.error_budget.remaining"), status.budgetRemaining())
                    .containsEntry(key("slo.alert.firing").with("tier", "page"), 1.0)
                    .containsEntry(key("slo.alert.firing").with("tier", "ticket"), 1.0);
            status.burnRates().forEach((window, rate) ->
                    assertThat(written).containsEntry(key("slo.burn_rate").with("window", window), rate));
            assertThat(written.get(key("slo.burn_rate").with("window", "1h"))).isCloseTo(0.5 / 0.001, within(1e-9));
            // Objective, SLI, budget, 7 burn rates and 2 tiers.
            assertThat(written).hasSize(3 + 7 + 2);
        }
    }

    @Test
    void aTierThatDoesNotHoldIsWrittenAsZeroAndMissingFiguresAreLeftOut() {
        try (SloTestStore db = new SloTestStore(dir)) {
            SloDefinitions definitions = SloDefinitions.of(List.of(SloDefinitionsFixture.occurrences("quiet",
                    badOverTotal("none{code=\"500\"}", "none"), 0.99, Duration.ofDays(7))), List.of());
            List<SloStatus> statuses = new SloEngine(db.store, definitions).evaluate(AT);

            Map<SeriesKey, Double> written = SloSeries.samples(definitions, statuses, AT).stream()
                    .collect(Collectors.toMap(Sample::series, Sample::value));

            assertThat(written).containsOnlyKeys(SeriesKey.of("slo.objective", "slo", "quiet", "service", "svc"),
                    SeriesKey.of("slo.alert.firing", "slo", "quiet", "service", "svc", "tier", "page"),
                    SeriesKey.of("slo.alert.firing", "slo", "quiet", "service", "svc", "tier", "ticket"));
            assertThat(written.get(SeriesKey.of("slo.alert.firing", "slo", "quiet", "service", "svc", "tier",
                    "page"))).isZero();
        }
    }

    private static SeriesKey key(String metric) {
        return SeriesKey.of(metric, "slo", "checkout", "service", "svc");
    }
}
