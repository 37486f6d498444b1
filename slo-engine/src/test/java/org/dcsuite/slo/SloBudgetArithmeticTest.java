package org.dcsuite.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.slo.SloDefinitionsFixture.badOverTotal;
import static org.dcsuite.slo.SloDefinitionsFixture.occurrences;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.slo.definition.AlertRule;
import org.dcsuite.slo.definition.BurnCondition;
import org.dcsuite.slo.definition.DefaultAlertPolicy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Error budgets and burn rates on synthetic counters whose every per-minute increase the test knows: 1000
 * requests a minute, a baseline of 1 bad a minute (burning at exactly 1), and a one-hour incident of 20 bad a minute ending at the
 * evaluation time.
 */
class SloBudgetArithmeticTest {

    static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    static final long AT_MIN = AT.toEpochMilli() / 60_000;
    static final double OBJECTIVE = 0.999;

    @TempDir
    Path dir;

    static double bad(long minute) {
        return minute > AT_MIN - 60 && minute <= AT_MIN ? 20 : 1;
    }

    private SloStatus evaluate(SloTestStore db, Duration window) {
        SloEngine engine = new SloEngine(db.store, SloDefinitions.of(List.of(occurrences("s",
                badOverTotal("req{code=\"500\"}", "req"), OBJECTIVE, window)), List.of()));
        return engine.evaluate(AT).get(0);
    }

    private void write(SloTestStore db, Duration history) {
        Instant from = AT.minus(history).minus(Duration.ofDays(1));
        db.minuteCounter(SeriesKey.of("req", "code", "500"), from, AT, SloBudgetArithmeticTest::bad);
        db.minuteCounter(SeriesKey.of("req", "code", "200"), from, AT, m -> 1000 - bad(m));
    }

    @ParameterizedTest(name = "{0} days")
    @ValueSource(ints = {7, 28, 30, 90})
    void budgetOverRollingWindows(int days) {
        try (SloTestStore db = new SloTestStore(dir)) {
            write(db, Duration.ofDays(days));
            SloStatus s = evaluate(db, Duration.ofDays(days));

            long minutes = days * 1440L;
            double total = 1000.0 * minutes;
            double bad = (minutes - 60) + 20 * 60;
            double budget = (1 - OBJECTIVE) * total;
            assertThat(s.window()).isEqualTo(days + "d");
            assertThat(s.budget().unit()).isEqualTo("events");
            assertThat(s.budget().total()).isCloseTo(budget, within(1e-6 * budget));
            assertThat(s.budget().consumed()).isCloseTo(bad, within(1e-6 * bad));
            assertThat(s.budgetRemaining()).isCloseTo(1 - bad / budget, within(1e-9));
            assertThat(s.sli()).isCloseTo(1 - bad / total, within(1e-12));
        }
    }

    @Test
    void burnRatesAndAlertTiersOfAKnownIncident() {
        try (SloTestStore db = new SloTestStore(dir)) {
            write(db, Duration.ofDays(30));
            SloStatus s = evaluate(db, Duration.ofDays(30));

            for (Map.Entry<String, Duration> w : BurnWindows.ALL.entrySet()) {
                long minutes = w.getValue().toMinutes();
                long incident = Math.min(60, minutes);
                double bad = 20 * incident + (minutes - incident);
                double expected = bad / (1000.0 * minutes) / (1 - OBJECTIVE);
                assertThat(s.burnRates().get(w.getKey())).as(w.getKey()).isCloseTo(expected, within(1e-9));
            }
            // 20x over 1h and 5m pages; 3d burns (1200 + 4260) / 4320 = 1.26 > 1 and 6h 4.2 > 1: a ticket.
            assertThat(s.alertsFiring()).containsExactlyElementsOf(expectedTiers(s.burnRates()));
            assertThat(s.alertsFiring()).containsExactly("page", "ticket");
        }
    }

    /** The default policy applied by hand to the burn rates, factors as written (the window is 30 days). */
    private static List<String> expectedTiers(Map<String, Double> burns) {
        java.util.LinkedHashSet<String> tiers = new java.util.LinkedHashSet<>();
        for (AlertRule rule : DefaultAlertPolicy.get().rules()) {
            boolean all = true;
            for (BurnCondition c : rule.conditions()) {
                String key = org.dcsuite.core.time.Durations.format(c.window());
                all &= burns.get(key) > c.threshold();
            }
            if (all) {
                tiers.add(rule.tier());
            }
        }
        return List.copyOf(tiers);
    }

    @Test
    void steadyErrorRateAtTheObjectiveBurnsAtOne() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(4));
            db.minuteCounter(SeriesKey.of("req", "code", "500"), from, AT, m -> 1);
            db.minuteCounter(SeriesKey.of("req", "code", "200"), from, AT, m -> 999);
            SloStatus s = evaluate(db, Duration.ofDays(30));

            assertThat(s.burnRates()).containsOnlyKeys(BurnWindows.ALL.keySet());
            s.burnRates().values().forEach(b -> assertThat(b).isCloseTo(1.0, within(1e-9)));
            assertThat(s.alertsFiring()).isEmpty();
        }
    }

    @Test
    void factorsScaleWithTheWindow() {
        BurnCondition page = DefaultAlertPolicy.get().rules().get(0).conditions().get(0);
        assertThat(page.thresholdFor(Duration.ofDays(30))).isEqualTo(14.4);
        assertThat(page.thresholdFor(Duration.ofDays(7))).isCloseTo(14.4 * 7 / 30, within(1e-12));
        assertThat(page.thresholdFor(Duration.ofDays(90))).isCloseTo(43.2, within(1e-12));
    }

    @Test
    void noDataGivesNulls() {
        try (SloTestStore db = new SloTestStore(dir)) {
            SloStatus s = evaluate(db, Duration.ofDays(30));
            assertThat(s.sli()).isNull();
            assertThat(s.budgetRemaining()).isNull();
            assertThat(s.burnRates()).isEmpty();
            assertThat(s.alertsFiring()).isEmpty();
        }
    }
}
