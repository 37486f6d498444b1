package org.dcsuite.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.slo.SloDefinitionsFixture.badOverTotal;
import static org.dcsuite.slo.SloDefinitionsFixture.slo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.slo.definition.BudgetingMethod;
import org.dcsuite.slo.definition.CalendarPeriod;
import org.dcsuite.slo.definition.Comparison;
import org.dcsuite.slo.definition.SliDefinition;
import org.dcsuite.slo.definition.SloDefinition;
import org.dcsuite.slo.definition.SloWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Budgeting methods, calendar windows and SLI kinds, each checked against values computed here. */
class SloMethodsTest {

    static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    static final long AT_MIN = AT.toEpochMilli() / 60_000;

    @TempDir
    Path dir;

    /** An irregular error pattern so that the three methods disagree. */
    static double bad(long minute) {
        return minute % 7 == 0 ? 40 : minute % 3 == 0 ? 2 : 0;
    }

    @Test
    void occurrencesTimeslicesAndRatioTimeslicesOnTheSameData() {
        int days = 7;
        int slice = 5;
        double objective = 0.99;
        double sliceTarget = 0.95;
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofDays(days + 2));
            db.minuteCounter(SeriesKey.of("req", "code", "500"), from, AT, SloMethodsTest::bad);
            db.minuteCounter(SeriesKey.of("req", "code", "200"), from, AT, m -> 100 - bad(m));
            SliDefinition sli = badOverTotal("req{code=\"500\"}", "req");
            SloWindow window = new SloWindow.Rolling(Duration.ofDays(days));
            List<SloDefinition> defs = List.of(
                    slo("occ", sli, BudgetingMethod.OCCURRENCES, objective, window, 1, 0, List.of(), 0),
                    slo("ts", sli, BudgetingMethod.TIMESLICES, objective, window, slice, sliceTarget, List.of(), 0),
                    slo("rts", sli, BudgetingMethod.RATIO_TIMESLICES, objective, window, slice, 0, List.of(), 0));
            List<SloStatus> s = new SloEngine(db.store, SloDefinitions.of(defs, List.of())).evaluate(AT);

            long minutes = days * 1440L;
            double badEvents = 0;
            int badSlices = 0;
            double ratioSum = 0;
            for (long m = AT_MIN - minutes + 1; m <= AT_MIN; m++) {
                badEvents += bad(m);
            }
            for (long end = AT_MIN - minutes + slice; end <= AT_MIN; end += slice) {
                double b = 0;
                for (long m = end - slice + 1; m <= end; m++) {
                    b += bad(m);
                }
                double good = 1 - b / (100.0 * slice);
                badSlices += good >= sliceTarget ? 0 : 1;
                ratioSum += good;
            }
            long slices = minutes / slice;
            assertThat(s.get(0).sli()).isCloseTo(1 - badEvents / (100.0 * minutes), within(1e-12));
            assertThat(s.get(1).sli()).isCloseTo(1 - (double) badSlices / slices, within(1e-12));
            assertThat(s.get(2).sli()).isCloseTo(ratioSum / slices, within(1e-9));
            assertThat(s.get(1).budget().unit()).isEqualTo("minutes");
            assertThat(s.get(1).budget().total()).isCloseTo((1 - objective) * minutes, within(1e-9));
            assertThat(s.get(1).budget().consumed()).isCloseTo(badSlices * (double) slice, within(1e-9));
            assertThat(s.get(2).budget().consumed()).isCloseTo((slices - ratioSum) * slice, within(1e-6));
            // The three really differ on this data, so the comparison above means something.
            assertThat(s.get(0).sli()).isNotCloseTo(s.get(1).sli(), within(1e-3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-03-31T12:00:00Z, 2026-02-28T23:00:00Z, 743", "2026-10-31T12:00:00Z, 2026-09-30T22:00:00Z, 745",
            "2026-11-24T08:00:00Z, 2026-10-31T23:00:00Z, 720"})
    void calendarMonthInParisAcrossDaylightSaving(String at, String monthStart, int hours) {
        Instant t = Instant.parse(at);
        Instant start = Instant.parse(monthStart);
        try (SloTestStore db = new SloTestStore(dir)) {
            // Every minute has data; the minute ending on the half hour is hot: 1 bad minute in 60.
            SeriesKey temp = SeriesKey.of("hw.temperature", "sensor", "inlet");
            db.series(temp, start.minus(Duration.ofDays(3)), t, Duration.ofSeconds(30),
                    ms -> Math.floorMod(Math.ceilDiv(ms, 60_000), 60) == 30 ? 30 : 22);
            SloWindow window = new SloWindow.Calendar(CalendarPeriod.MONTH, ZoneId.of("Europe/Paris"));
            SliDefinition sli = new SliDefinition.Threshold(SeriesSelector.parse("hw.temperature"), Comparison.LTE, 27);
            List<SloDefinition> defs = List.of(
                    slo("ts", sli, BudgetingMethod.TIMESLICES, 0.999, window, 1, 0.5, List.of(), 0),
                    slo("occ", sli, BudgetingMethod.OCCURRENCES, 0.999, window, 1, 0, List.of(), 0));
            List<SloStatus> s = new SloEngine(db.store, SloDefinitions.of(defs, List.of())).evaluate(t);

            assertThat(window.start(t)).isEqualTo(start);
            assertThat(window.length(t)).isEqualTo(Duration.ofHours(hours));
            assertThat(s.get(0).window()).isEqualTo("1 calendar month (Europe/Paris)");
            long elapsed = Duration.between(start, t).toMinutes();
            long badMinutes = elapsed / 60;
            assertThat(s.get(0).budget().total()).isCloseTo(0.001 * hours * 60, within(1e-9));
            assertThat(s.get(0).budget().consumed()).isEqualTo((double) badMinutes);
            assertThat(s.get(1).budget().total()).isCloseTo(0.001 * elapsed, within(1e-9));
            assertThat(s.get(1).sli()).isCloseTo(1 - (double) badMinutes / elapsed, within(1e-12));
        }
    }

    @Test
    void counterResetsCountAsPrometheusCountsThem() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofHours(8));
            long resetMinute = AT_MIN - 90;
            // 1000 a minute; the process restarts at resetMinute and has served 300 since when scraped.
            db.series(SeriesKey.of("req"), from, AT, Duration.ofMinutes(1), ms -> {
                long m = ms / 60_000;
                return m < resetMinute ? 1000.0 * (m - from.toEpochMilli() / 60_000) : 300 + 1000.0 * (m - resetMinute);
            });
            db.series(SeriesKey.of("err"), from, AT, Duration.ofMinutes(1), ms -> 2.0 * (ms / 60_000 - from.toEpochMilli() / 60_000));
            SloStatus s = new SloEngine(db.store, SloDefinitions.of(List.of(SloDefinitionsFixture.occurrences("r",
                    badOverTotal("err", "req"), 0.999, Duration.ofDays(30))), List.of())).evaluate(AT).get(0);

            // 2h: 119 ordinary minutes of 1000 and the reset minute counting the 300 seen after the restart.
            assertThat(s.burnRates().get("2h")).isCloseTo(2.0 * 120 / (1000 * 119 + 300) / 0.001, within(1e-9));
            assertThat(s.burnRates().get("1h")).isCloseTo(2.0 / 1000 / 0.001, within(1e-9));
        }
    }

    @Test
    void aRestartWithinAMinuteKeepsTheIncreaseBeforeIt() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant at = Instant.parse("2026-11-24T16:00:00Z");
            Instant restart = Instant.parse("2026-11-24T15:30:13Z");
            Instant first = Instant.parse("2026-11-24T10:00:07Z");
            // Scrapes at :07 and :37; the request counter grows 10/s and restarts from zero at 15:30:13, so the
            // minute ending 15:31 holds one scrape before the restart (15:30:07) and one after (15:30:37).
            db.series(SeriesKey.of("req"), first, at, Duration.ofSeconds(30), ms -> ms < restart.toEpochMilli()
                    ? (ms - first.toEpochMilli()) / 100.0 : (ms - restart.toEpochMilli()) / 100.0);
            db.series(SeriesKey.of("err"), first, at, Duration.ofSeconds(30), ms -> (ms - first.toEpochMilli()) / 1000.0);
            SloStatus s = new SloEngine(db.store, SloDefinitions.of(List.of(SloDefinitionsFixture.occurrences("r",
                    badOverTotal("err", "req"), 0.999, Duration.ofDays(30))), List.of())).evaluate(at).get(0);

            // (15:00, 16:00] counts the 120 scrape intervals from 14:59:37 to 15:59:37: 300 requests each, except
            // the one holding the restart, which counts the 240 seen since it (as Prometheus counts a reset).
            double requests = 119 * 300 + 240;
            assertThat(s.burnRates().get("1h")).isCloseTo(120 * 30 / requests / 0.001, within(1e-9));
        }
    }

    @Test
    void thresholdSliCountsMinutesWhereEverySensorIsWithinTheBound() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofHours(4));
            // Sensor a is always fine; b averages 28 over minutes 10..19 of each hour (samples 26 and 30).
            db.series(SeriesKey.of("hw.temperature", "sensor", "a"), from, AT, Duration.ofSeconds(30), ms -> 24);
            db.series(SeriesKey.of("hw.temperature", "sensor", "b"), from, AT, Duration.ofSeconds(30), ms -> {
                long minuteOfHour = Math.floorMod(Math.ceilDiv(ms, 60_000), 60);
                return minuteOfHour >= 10 && minuteOfHour < 20 ? (ms % 60_000 == 0 ? 30 : 26) : 25;
            });
            SliDefinition sli = new SliDefinition.Threshold(SeriesSelector.parse("hw.temperature"), Comparison.LTE, 27);
            SloStatus s = new SloEngine(db.store, SloDefinitions.of(List.of(slo("t", sli, BudgetingMethod.OCCURRENCES,
                    0.99, new SloWindow.Rolling(Duration.ofHours(2)), 1, 0, List.of(), 0)), List.of())).evaluate(AT).get(0);

            // Minutes (m-1, m] with m % 60 in 10..19: 10 per hour, 20 in the 2-hour window.
            assertThat(s.sli()).isCloseTo(1 - 20.0 / 120, within(1e-12));
            assertThat(s.burnRates().get("1h")).isCloseTo(10.0 / 60 / 0.01, within(1e-9));
        }
    }

    @Test
    void latencySliFromHistogramBuckets() {
        try (SloTestStore db = new SloTestStore(dir)) {
            Instant from = AT.minus(Duration.ofHours(3));
            // 100 requests a minute: 70 under 0.1 s, 90 under 0.25 s; in the last 30 minutes only 60 under 0.25 s.
            db.minuteCounter(SeriesKey.of("trace.duration.bucket", "service", "a", "le", "0.1"), from, AT, m -> 70);
            db.minuteCounter(SeriesKey.of("trace.duration.bucket", "service", "a", "le", "0.25"), from, AT,
                    m -> m > AT_MIN - 30 ? 60 : 90);
            db.minuteCounter(SeriesKey.of("trace.duration.bucket", "service", "a", "le", "+Inf"), from, AT, m -> 100);
            SliDefinition sli = new SliDefinition.Latency(SeriesSelector.parse("trace.duration.bucket{service=\"a\"}"), 0.25,
                    Map.of());
            SloStatus s = new SloEngine(db.store, SloDefinitions.of(List.of(slo("lat", sli, BudgetingMethod.OCCURRENCES,
                    0.9, new SloWindow.Rolling(Duration.ofHours(1)), 1, 0, List.of(), 0)), List.of())).evaluate(AT).get(0);

            assertThat(s.sli()).isCloseTo((30 * 90 + 30 * 60) / 6000.0, within(1e-12));
            assertThat(s.burnRates().get("30m")).isCloseTo(0.4 / 0.1, within(1e-9));
            assertThat(s.burnRates().get("2h")).isCloseTo((90 * 10 + 30 * 40) / 12000.0 / 0.1, within(1e-9));
        }
    }
}
