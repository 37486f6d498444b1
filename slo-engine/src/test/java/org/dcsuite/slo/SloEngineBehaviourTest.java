package org.dcsuite.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.slo.SloDefinitionsFixture.badOverTotal;
import static org.dcsuite.slo.SloDefinitionsFixture.slo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.slo.definition.BudgetingMethod;
import org.dcsuite.slo.definition.Comparison;
import org.dcsuite.slo.definition.CompositeSlo;
import org.dcsuite.slo.definition.DefaultAlertPolicy;
import org.dcsuite.slo.definition.Exclusion;
import org.dcsuite.slo.definition.SliDefinition;
import org.dcsuite.slo.definition.SloDefinition;
import org.dcsuite.slo.definition.SloWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental state, the low-traffic guard, exclusions, composites and forecasts. */
class SloEngineBehaviourTest {

    static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    static final long AT_MIN = AT.toEpochMilli() / 60_000;

    @TempDir
    Path dir;

    static double bad(long minute) {
        return minute % 11 == 0 ? 30 : minute % 5 == 0 ? 1 : 0;
    }

    @Test
    void incrementalEvaluationEqualsAFreshOneAtTheSameTime() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(4));
            Instant firstEnd = AT.minus(Duration.ofHours(3));
            // Data arrives as time goes on: the engine first sees history up to firstEnd, then the rest.
            db.minuteCounter(SeriesKey.of("req", "code", "500"), from, firstEnd, SloEngineBehaviourTest::bad);
            db.minuteCounter(SeriesKey.of("req", "code", "200"), from, firstEnd, m -> 100 - bad(m));
            SliDefinition sli = badOverTotal("req{code=\"500\"}", "req");
            List<SloDefinition> defs = List.of(
                    SloDefinitionsFixture.occurrences("occ", sli, 0.99, Duration.ofDays(2)),
                    slo("ts", sli, BudgetingMethod.TIMESLICES, 0.99, new SloWindow.Rolling(Duration.ofDays(7)), 5,
                            0.9, List.of(), 0));
            SloDefinitions definitions = SloDefinitions.of(defs, List.of());
            SloEngine incremental = new SloEngine(db.store, definitions);
            incremental.evaluate(firstEnd);
            Instant t = firstEnd;
            while (t.isBefore(AT)) {
                Instant next = t.plus(Duration.ofMinutes(7));
                long lastWritten = t.toEpochMilli() / 60_000;
                double[] values = {cumulative(from, lastWritten, true), cumulative(from, lastWritten, false)};
                appendMinutes(db, lastWritten + 1, next.toEpochMilli() / 60_000, values);
                t = next;
                incremental.evaluate(t);
            }
            List<SloStatus> fresh = new SloEngine(db.store, definitions).evaluate(t);
            assertThat(incremental.evaluate(t)).isEqualTo(fresh);
            assertThat(fresh.get(0).sli()).isNotNull();
            // An earlier time rebuilds instead of answering from newer state.
            Instant earlier = t.minus(Duration.ofHours(2));
            assertThat(incremental.evaluate(earlier)).isEqualTo(new SloEngine(db.store, definitions).evaluate(earlier));
        }
    }

    private static double cumulative(Instant from, long lastMinute, boolean badSeries) {
        double v = 0;
        for (long m = from.toEpochMilli() / 60_000; m <= lastMinute; m++) {
            v += badSeries ? bad(m) : 100 - bad(m);
        }
        return v;
    }

    private static void appendMinutes(SloTestStore db, long first, long last, double[] values) {
        List<org.dcsuite.core.series.Sample> samples = new java.util.ArrayList<>();
        for (long m = first; m <= last; m++) {
            values[0] += bad(m);
            values[1] += 100 - bad(m);
            samples.add(new org.dcsuite.core.series.Sample(SeriesKey.of("req", "code", "500"), m * 60_000, values[0]));
            samples.add(new org.dcsuite.core.series.Sample(SeriesKey.of("req", "code", "200"), m * 60_000, values[1]));
        }
        db.store.append(samples);
    }

    @Test
    void lowTrafficGuardKeepsAFewBadRequestsFromPaging() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(4));
            // One request a minute, and in the last hour every fifth one fails: 20% errors, burn 200.
            db.minuteCounter(SeriesKey.of("req", "code", "500"), from, AT, m -> m > AT_MIN - 60 && m % 5 == 0 ? 1 : 0);
            db.minuteCounter(SeriesKey.of("req", "code", "200"), from, AT, m -> m > AT_MIN - 60 && m % 5 == 0 ? 0 : 1);
            SliDefinition sli = badOverTotal("req{code=\"500\"}", "req");
            SloWindow window = new SloWindow.Rolling(Duration.ofDays(30));
            List<SloStatus> s = new SloEngine(db.store, SloDefinitions.of(List.of(
                    slo("unguarded", sli, BudgetingMethod.OCCURRENCES, 0.999, window, 1, 0, List.of(), 0),
                    slo("guarded", sli, BudgetingMethod.OCCURRENCES, 0.999, window, 1, 0, List.of(), 100)),
                    List.of())).evaluate(AT);

            assertThat(s.get(0).burnRates().get("1h")).isCloseTo(12.0 / 60 / 0.001, within(1e-9));
            assertThat(s.get(0).alertsFiring()).contains("page");
            // 60 requests in the hour and 5 in the last 5 minutes are under 100: no tier may fire on them.
            assertThat(s.get(1).alertsFiring()).doesNotContain("page");
            assertThat(s.get(1).burnRates()).isEqualTo(s.get(0).burnRates());
        }
    }

    @Test
    void excludedMaintenanceSpendsNoBudget() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(2));
            long outageStart = AT_MIN - 600;
            long outageEnd = AT_MIN - 540;
            db.minuteCounter(SeriesKey.of("req", "code", "500"), from, AT,
                    m -> m > outageStart && m <= outageEnd ? 100 : 0.1);
            db.minuteCounter(SeriesKey.of("req", "code", "200"), from, AT,
                    m -> m > outageStart && m <= outageEnd ? 0 : 99.9);
            SliDefinition sli = badOverTotal("req{code=\"500\"}", "req");
            SloWindow window = new SloWindow.Rolling(Duration.ofDays(1));
            Exclusion maintenance = new Exclusion(Instant.ofEpochMilli(outageStart * 60_000),
                    Instant.ofEpochMilli(outageEnd * 60_000), "firmware upgrade");
            List<SloStatus> s = new SloEngine(db.store, SloDefinitions.of(List.of(
                    slo("plain", sli, BudgetingMethod.OCCURRENCES, 0.999, window, 1, 0, List.of(), 0),
                    slo("excluded", sli, BudgetingMethod.OCCURRENCES, 0.999, window, 1, 0, List.of(maintenance), 0)),
                    List.of())).evaluate(AT);

            assertThat(s.get(1).sli()).isCloseTo(0.999, within(1e-12));
            assertThat(s.get(1).budgetRemaining()).isCloseTo(0.0, within(1e-9));
            assertThat(s.get(1).budget().total()).isCloseTo(0.001 * 100 * (1440 - 60), within(1e-6));
            assertThat(s.get(0).sli()).isCloseTo(1 - (0.1 * 1380 + 6000) / 144_000, within(1e-12));
        }
    }

    @Test
    void compositesWeightOrTakeTheWorst() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(4));
            db.minuteCounter(SeriesKey.of("a", "code", "500"), from, AT, m -> 1);
            db.minuteCounter(SeriesKey.of("a", "code", "200"), from, AT, m -> 999);
            db.minuteCounter(SeriesKey.of("b", "code", "500"), from, AT, m -> 4);
            db.minuteCounter(SeriesKey.of("b", "code", "200"), from, AT, m -> 996);
            List<SloDefinition> parts = List.of(
                    SloDefinitionsFixture.occurrences("a", badOverTotal("a{code=\"500\"}", "a"), 0.999, Duration.ofDays(30)),
                    SloDefinitionsFixture.occurrences("b", badOverTotal("b{code=\"500\"}", "b"), 0.999, Duration.ofDays(30)));
            List<CompositeSlo.Component> components = List.of(new CompositeSlo.Component("a", 3),
                    new CompositeSlo.Component("b", 1));
            List<CompositeSlo> composites = List.of(
                    new CompositeSlo("weighted", "shop", 0.999, CompositeSlo.Mode.WEIGHTED, components,
                            DefaultAlertPolicy.get(), "test"),
                    new CompositeSlo("any", "shop", 0.999, CompositeSlo.Mode.ANY, components, DefaultAlertPolicy.get(),
                            "test"));
            List<SloStatus> s = new SloEngine(db.store, SloDefinitions.of(parts, composites)).evaluate(AT);

            assertThat(s).hasSize(4);
            // Burns: a at 1, b at 4.
            assertThat(s.get(2).burnRates().get("1h")).isCloseTo((3 * 1.0 + 4.0) / 4, within(1e-9));
            assertThat(s.get(2).sli()).isCloseTo((3 * 0.999 + 0.996) / 4, within(1e-12));
            assertThat(s.get(3).burnRates().get("1h")).isCloseTo(4.0, within(1e-9));
            assertThat(s.get(3).sli()).isCloseTo(0.996, within(1e-12));
            // "Burns if any burns": b's 4x over 3d and 6h opens a ticket for the composite.
            assertThat(s.get(3).alertsFiring()).containsExactly("ticket");
            assertThat(s.get(3).components()).containsExactly("a", "b");
        }
    }

    @Test
    void forecastOfALinearBurnReachesZeroWhenTheArithmeticSays() {
        try (SloTestStore db = new SloTestStore(dir)) {
            // Data starts 30 hours ago; one bad minute in ten spends a 30-day 0.99 budget (432 minutes) at
            // 6 minutes an hour, so it is gone 72 hours after the start.
            Instant start = AT.minus(Duration.ofHours(30));
            db.series(SeriesKey.of("hw.temperature"), start.plusSeconds(30), AT, Duration.ofSeconds(30),
                    ms -> Math.floorMod(Math.ceilDiv(ms, 60_000), 10) == 0 ? 35 : 20);
            SliDefinition sli = new SliDefinition.Threshold(SeriesSelector.parse("hw.temperature"), Comparison.LTE, 27);
            SloStatus s = new SloEngine(db.store, SloDefinitions.of(List.of(slo("f", sli, BudgetingMethod.TIMESLICES,
                    0.99, new SloWindow.Rolling(Duration.ofDays(30)), 1, 0.5, List.of(), 0)), List.of()))
                    .evaluate(AT).get(0);

            assertThat(s.budgetRemaining()).isCloseTo(1 - 30 * 6 / 432.0, within(1e-9));
            Instant expected = start.plus(Duration.ofHours(72));
            assertThat(s.exhaustion().trend()).isBetween(expected.minusSeconds(60), expected.plusSeconds(60));
            assertThat(s.exhaustion().trendEarliest()).isBeforeOrEqualTo(s.exhaustion().trend());
            assertThat(s.exhaustion().trendLatest()).isAfterOrEqualTo(s.exhaustion().trend());
            assertThat(s.exhaustion().trendRSquared()).isCloseTo(1.0, within(1e-9));
            // At the current burn: 1h burns 6/60 / 0.01 = 10, so the remaining share lasts remaining * 30d / 10.
            double hours = s.budgetRemaining() * 720 / 10;
            assertThat(s.exhaustion().atCurrentBurn()).isBetween(AT.plusSeconds((long) (hours * 3600) - 1),
                    AT.plusSeconds((long) (hours * 3600) + 1));
        }
    }
}
