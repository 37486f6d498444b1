package org.dcsuite.energy.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.energy.EnergyStoreFixture;
import org.dcsuite.energy.config.ItCategory;
import org.dcsuite.energy.config.MeterGroup;
import org.dcsuite.energy.config.OnsiteSource;
import org.dcsuite.energy.config.SignalSpec;
import org.dcsuite.energy.config.ZoneConfig;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.signal.SignalSources;
import org.dcsuite.energy.signal.SiteSignals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Site reports from series in a real DuckDB store; every expected value is computed from the definitions. */
class EnergyReporterTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final ZoneId UTC = ZoneOffset.UTC;

    @TempDir
    Path dir;
    EnergyStoreFixture fx;
    EnergyReporter reporter;
    TestSites site;

    /** The store the tests run on; the PostgreSQL subclass swaps it. */
    EnergyStoreFixture openStore() {
        return new EnergyStoreFixture(dir);
    }

    @BeforeEach
    void open() {
        fx = openStore();
        reporter = new EnergyReporter(fx.store(),
                new SiteSignals(fx.store(), SignalSources.httpClient(), Clock.fixed(T0, UTC)));
        site = new TestSites();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** A constant power gauge in kW, sampled every minute around {@code [from, to]}. */
    private void constantKw(String metric, double kw, Instant from, Instant to) {
        fx.power(SeriesKey.of(metric, "site", "test"), from.minus(Duration.ofMinutes(10)),
                to.plus(Duration.ofMinutes(10)), MINUTE, t -> kw * 1000);
    }

    private static double value(Period p, String kpi) {
        return p.kpi(kpi).orElseThrow().value().orElseThrow();
    }

    private static double figure(Period p, String id) {
        return p.figure(id).orElseThrow().value().orElseThrow();
    }

    @Test
    void theWorkedVectorGivesThePublishedFigures() {
        double facility = 1_250_000;
        double it = 820_000;
        double reused = 210_000;
        double cef = 0.4; // kg CO2 per kWh
        Instant to = T0.plus(Duration.ofHours(10));
        int minutes = 600;
        // Energy counters in kWh that gain their total evenly over the 600 minutes.
        for (String[] m : new String[][] {{"facility.energy", "" + facility}, {"it.energy", "" + it},
                {"reuse.energy", "" + reused}}) {
            double perMinute = Double.parseDouble(m[1]) / minutes;
            fx.counter(SeriesKey.of(m[0], "site", "test"), Unit.KILOWATT_HOUR, T0.minus(Duration.ofMinutes(10)),
                    to.plus(Duration.ofMinutes(10)), MINUTE, t -> 1e6 + perMinute * (t - T0.toEpochMilli()) / 60_000);
        }
        site.facility = MeterGroup.of("facility.energy");
        site.it = MeterGroup.of("it.energy");
        site.reuse = Optional.of(MeterGroup.of("reuse.energy"));
        site.carbon = Optional.of(SignalSpec.constant(cef * 1000));

        Period total = reporter.report(site.build(), UTC, T0, to, Optional.empty()).total();

        double pue = facility / it;
        double erf = reused / facility;
        double ere = (facility - reused) / it;
        double cue = facility * cef / it;
        assertThat(figure(total, "facility")).isCloseTo(facility, within(1e-6));
        assertThat(figure(total, "it")).isCloseTo(it, within(1e-6));
        assertThat(figure(total, "co2")).isCloseTo(facility * cef, within(1e-6));
        assertThat(value(total, "pue")).isCloseTo(pue, within(1e-12)).isCloseTo(1.5244, within(5e-5));
        assertThat(value(total, "erf")).isCloseTo(erf, within(1e-12)).isCloseTo(0.168, within(5e-4));
        assertThat(value(total, "ere")).isCloseTo(ere, within(1e-12)).isCloseTo(1.2683, within(5e-5));
        assertThat(value(total, "cue")).isCloseTo(cue, within(1e-12)).isCloseTo(0.610, within(5e-4));
        // The identities of the definitions.
        assertThat(value(total, "ere")).isCloseTo((1 - value(total, "erf")) * value(total, "pue"), within(1e-12));
        assertThat(value(total, "cue")).isCloseTo(cef * value(total, "pue"), within(1e-12));
        assertThat(total.kpi("pue").orElseThrow().coverage()).isEqualTo(1.0);
    }

    @Test
    void constantLoadsGiveEveryKpiFromItsDefinition() {
        Instant to = T0.plus(Duration.ofHours(2));
        constantKw("facility.power", 200, T0, to);
        constantKw("it.power", 120, T0, to);
        constantKw("room.power", 150, T0, to);
        constantKw("room.it.power", 100, T0, to);
        constantKw("reuse.power", 20, T0, to);
        constantKw("pv.power", 50, T0, to);
        // 30 L a minute on a litre counter.
        fx.counter(SeriesKey.of("facility.water", "site", "test"), Unit.LITER, T0.minus(Duration.ofMinutes(10)),
                to.plus(Duration.ofMinutes(10)), MINUTE, t -> 30.0 * (t - T0.toEpochMilli()) / 60_000 + 1000);
        site.zones.add(new ZoneConfig("room-1", "Server room", MeterGroup.of("room.power"),
                MeterGroup.of("room.it.power")));
        site.water = Optional.of(MeterGroup.of("facility.water"));
        site.reuse = Optional.of(MeterGroup.of("reuse.power"));
        site.renewable = Optional.of(MeterGroup.of("pv.power"));

        Period total = reporter.report(site.build(), UTC, T0, to, Optional.empty()).total();

        double hours = 2;
        assertThat(figure(total, "facility")).isCloseTo(200 * hours, within(1e-9));
        assertThat(figure(total, "water")).isCloseTo(30 * 60 * hours, within(1e-6));
        assertThat(value(total, "pue")).isCloseTo(200.0 / 120, within(1e-12));
        assertThat(total.kpi("ppue", "room-1").orElseThrow().value().orElseThrow()).isCloseTo(150.0 / 100, within(1e-12));
        assertThat(value(total, "wue")).isCloseTo(30 * 60 * hours / (120 * hours), within(1e-9));
        assertThat(value(total, "ref")).isCloseTo(50.0 / 200, within(1e-12));
        assertThat(value(total, "erf")).isCloseTo(20.0 / 200, within(1e-12));
        assertThat(value(total, "ere")).isCloseTo((200.0 - 20) / 120, within(1e-12));
        Kpi wue = total.kpi("wue").orElseThrow();
        assertThat(wue.unit()).isEqualTo("L/kWh");
        assertThat(wue.series()).contains("facility.water{site=\"test\"}", "it.power{site=\"test\"}");
    }

    @Test
    void aKpiWithoutItsInputIsAbsentWithAReasonNeverZero() {
        Instant to = T0.plus(Duration.ofHours(1));
        constantKw("facility.power", 200, T0, to);
        constantKw("it.power", 100, T0, to);

        Period total = reporter.report(site.build(), UTC, T0, to, Optional.empty()).total();

        for (String id : new String[] {"cue", "wue", "ere", "erf", "ref"}) {
            Kpi k = total.kpi(id).orElseThrow();
            assertThat(k.value()).as(id).isEmpty();
            assertThat(k.reason()).as(id).hasValueSatisfying(r -> assertThat(r).contains("configured"));
        }
        assertThat(total.figure("co2").orElseThrow().value()).isEmpty();
    }

    @Test
    void aFacilityGapLowersCoverageAndThePueUsesOnlyTheJointlyMeasuredTime() {
        Instant to = T0.plus(Duration.ofHours(1));
        long lastBefore = T0.plus(Duration.ofMinutes(20)).toEpochMilli();
        long firstAfter = T0.plus(Duration.ofMinutes(40)).toEpochMilli();
        fx.power(SeriesKey.of("facility.power", "site", "test"), T0.minus(Duration.ofMinutes(10)),
                to.plus(Duration.ofMinutes(10)), MINUTE, t -> t > lastBefore && t < firstAfter ? Double.NaN : 200_000);
        constantKw("it.power", 100, T0, to);

        EnergyReport report = reporter.report(site.build(), UTC, T0, to, Optional.empty());

        // 20 + 21 measured minutes (see MeterIntegratorTest); IT is measured throughout.
        double measuredShare = 41.0 / 60;
        Kpi pue = report.total().kpi("pue").orElseThrow();
        assertThat(pue.coverage()).isCloseTo(measuredShare, within(1e-12));
        assertThat(pue.value().orElseThrow()).isCloseTo(200.0 / 100, within(1e-12));
        assertThat(figure(report.total(), "facility")).isCloseTo(200 * 41.0 / 60, within(1e-9));
        assertThat(report.total().figure("it").orElseThrow().coverage()).isEqualTo(1.0);
        assertThat(report.gaps()).singleElement().satisfies(g -> {
            assertThat(g.series().metric()).isEqualTo("facility.power");
            assertThat(g.from()).isEqualTo(Instant.ofEpochMilli(lastBefore));
        });
    }

    @Test
    void cueFollowsTheIntensityHourByHourNotItsAverage() throws Exception {
        Instant to = T0.plus(Duration.ofHours(4));
        double[] facilityKw = {100, 100, 200, 200};
        double[] itKw = {50, 50, 100, 100};
        double[] intensity = {100, 300, 50, 250}; // g CO2/kWh, each for the hour starting at its time
        fx.power(SeriesKey.of("facility.power", "site", "test"), T0.minus(Duration.ofMinutes(10)),
                to.plus(Duration.ofMinutes(10)), MINUTE, t -> 1000 * facilityKw[hourOf(t)]);
        fx.power(SeriesKey.of("it.power", "site", "test"), T0.minus(Duration.ofMinutes(10)),
                to.plus(Duration.ofMinutes(10)), MINUTE, t -> 1000 * itKw[hourOf(t)]);
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int h = 0; h < 4; h++) {
            csv.append(T0.plus(Duration.ofHours(h))).append(',').append(intensity[h]).append('\n');
        }
        Path file = Files.writeString(dir.resolve("carbon.csv"), csv);
        site.carbon = Optional.of(new SignalSpec(SignalSpec.Source.CSV, java.util.OptionalDouble.empty(),
                Optional.of(file), Optional.empty(), Optional.empty(), java.util.Map.of(), SignalSpec.DEFAULT_REFRESH,
                SignalSpec.DEFAULT_MAX_AGE));

        EnergyReport report = reporter.report(site.build(), UTC, T0, to, Optional.of(Duration.ofHours(1)));

        double co2Kg = 0;
        double itKwh = 0;
        double facilityKwh = 0;
        double intensitySum = 0;
        for (int h = 0; h < 4; h++) {
            co2Kg += facilityKw[h] * intensity[h] / 1000;
            itKwh += itKw[h];
            facilityKwh += facilityKw[h];
            intensitySum += intensity[h];
        }
        double averageCue = facilityKwh * (intensitySum / 4) / 1000 / itKwh;
        assertThat(figure(report.total(), "co2")).isCloseTo(co2Kg, within(1e-9));
        assertThat(value(report.total(), "cue")).isCloseTo(co2Kg / itKwh, within(1e-12));
        assertThat(value(report.total(), "cue")).isNotCloseTo(averageCue, within(1e-3));
        for (int h = 0; h < 4; h++) {
            Period step = report.steps().get(h);
            assertThat(value(step, "cue")).isCloseTo(facilityKw[h] * intensity[h] / 1000 / itKw[h], within(1e-12));
        }
    }

    private static int hourOf(long t) {
        // A sample at the end of an hour belongs to it: it stands for the minute before.
        long minutes = Math.floorDiv(t - T0.toEpochMilli() - 1, 60_000L);
        return (int) Math.max(0, Math.min(3, Math.floorDiv(minutes, 60L)));
    }

    @Test
    void onsiteGenerationUsesItsOwnFactorAndCostOnlyTheGridShare() {
        Instant to = T0.plus(Duration.ofHours(1));
        constantKw("facility.power", 200, T0, to);
        constantKw("it.power", 100, T0, to);
        constantKw("diesel.power", 20, T0, to);
        site.carbon = Optional.of(SignalSpec.constant(100));
        site.onsite.add(new OnsiteSource("diesel", 700, MeterGroup.of("diesel.power")));
        site.price = Optional.of(SignalSpec.constant(0.18));

        Period total = reporter.report(site.build(), UTC, T0, to, Optional.empty()).total();

        double co2Kg = ((200 - 20) * 100 + 20 * 700) / 1000.0;
        assertThat(figure(total, "co2")).isCloseTo(co2Kg, within(1e-9));
        assertThat(figure(total, "onsite.diesel")).isCloseTo(20, within(1e-9));
        assertThat(value(total, "cue")).isCloseTo(co2Kg / 100, within(1e-12));
        assertThat(figure(total, "cost")).isCloseTo((200 - 20) * 0.18, within(1e-9));
    }

    @Test
    void pueIsLabelledWithItsCategory() {
        Instant to = T0.plus(Duration.ofHours(1));
        constantKw("facility.power", 200, T0, to);
        constantKw("it.power", 100, T0, to);
        site.category = ItCategory.PDU_OUTPUT;

        Period total = reporter.report(site.build(), UTC, T0, to, Optional.empty()).total();

        assertThat(total.kpi("pue").orElseThrow().label()).isEqualTo("PUE category 2 (PDU output)");
        assertThat(total.figure("it").orElseThrow().label()).contains("category 2 (PDU output)");
    }

    @Test
    void daySteps_followTheSiteTimeZoneAcrossDaylightSaving() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // 28 to 31 March 2026 in Paris: clocks go forward on the 29th, a 23-hour day.
        Instant from = Instant.parse("2026-03-27T23:00:00Z");
        Instant to = Instant.parse("2026-03-30T22:00:00Z");
        constantKw("facility.power", 10, from, to);
        constantKw("it.power", 5, from, to);

        EnergyReport report = reporter.report(site.build(), paris, from, to, Optional.of(Duration.ofDays(1)));

        assertThat(report.steps()).hasSize(3);
        double[] hours = {24, 23, 24};
        for (int d = 0; d < 3; d++) {
            assertThat(figure(report.steps().get(d), "facility")).isCloseTo(10 * hours[d], within(1e-9));
        }
        assertThat(report.steps().get(1).from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(report.steps().get(2).from()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void pueIsCalledAnnualOnlyOverTwelveMeasuredMonths() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant from = Instant.parse("2024-12-31T23:00:00Z"); // 1 January 2025 in Paris
        Instant to = Instant.parse("2025-12-31T23:00:00Z");
        Instant juneStart = Instant.parse("2025-06-01T00:00:00Z");
        Instant juneEnd = Instant.parse("2025-07-01T00:00:00Z");
        Duration hour = Duration.ofHours(1);
        site.resolution = hour;
        site.maxGap = Duration.ofHours(2);
        fx.power(SeriesKey.of("facility.power", "site", "test"), from.minus(hour), to.plus(hour), hour, t -> 150_000);
        fx.power(SeriesKey.of("it.power", "site", "test"), from.minus(hour), to.plus(hour), hour, t -> 100_000);
        fx.power(SeriesKey.of("facility.partial.power", "site", "test"), from.minus(hour), to.plus(hour), hour,
                t -> t >= juneStart.toEpochMilli() && t < juneEnd.toEpochMilli() ? Double.NaN : 150_000);

        Kpi year = reporter.report(site.build(), paris, from, to, Optional.empty()).total().kpi("pue").orElseThrow();
        Kpi elevenMonths = reporter.report(site.build(), paris, from, Instant.parse("2025-11-30T23:00:00Z"),
                Optional.empty()).total().kpi("pue").orElseThrow();
        site.facility = MeterGroup.of("facility.partial.power");
        Kpi withoutJune = reporter.report(site.build(), paris, from, to, Optional.empty()).total().kpi("pue")
                .orElseThrow();

        assertThat(year.label()).isEqualTo("annual PUE category 1 (UPS output)");
        assertThat(year.value().orElseThrow()).isCloseTo(1.5, within(1e-12));
        assertThat(elevenMonths.label()).isEqualTo("PUE category 1 (UPS output)");
        assertThat(withoutJune.label()).isEqualTo("PUE category 1 (UPS output)");
        assertThat(withoutJune.coverage()).isLessThan(1);
    }
}
