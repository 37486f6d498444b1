package org.dcsuite.energy.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.OptionalDouble;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.energy.EnergyStoreFixture;
import org.dcsuite.energy.config.MeterGroup;
import org.dcsuite.energy.config.MeterSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration of power gauges and energy/water counters against a real DuckDB store. Every expected value is
 * derived by hand from the samples written and the documented rule: a power sample stands for the time since
 * the previous sample; a counter's increase is spread over the time since its previous reading.
 */
class MeterIntegratorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration MAX_GAP = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    EnergyStoreFixture fx;
    MeterIntegrator integrator;

    @BeforeEach
    void open() {
        fx = new EnergyStoreFixture(dir);
        integrator = new MeterIntegrator(fx.store());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static IntegrationGrid hours(int n) {
        return IntegrationGrid.of(T0, T0.plus(Duration.ofHours(n)), MINUTE);
    }

    private static BitSet all(int n) {
        BitSet b = new BitSet();
        b.set(0, n);
        return b;
    }

    private Measured energy(String selector, IntegrationGrid grid) {
        return integrator.integrate(MeterSpec.of(selector), grid, MAX_GAP, false);
    }

    @Test
    void constantPowerIntegratesToPowerTimesTime() {
        SeriesKey ups = SeriesKey.of("hw.power", "device", "ups-1");
        // 120 kW sampled every 15 s, from before the interval to after it.
        fx.power(ups, T0.minus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(3)), Duration.ofSeconds(15),
                t -> 120_000);
        IntegrationGrid grid = hours(2);

        Measured m = energy("hw.power{device=\"ups-1\"}", grid);

        double expectedKwh = 120.0 * 2; // kW x h
        assertThat(m.sum(0, grid.count(), all(grid.count()))).isCloseTo(expectedKwh, within(1e-9));
        assertThat(m.measured().cardinality()).isEqualTo(grid.count());
        assertThat(m.gaps()).isEmpty();
        assertThat(m.series()).containsExactly(ups.toString());
    }

    @Test
    void aStepChangeCountsEachLevelForItsOwnTime() {
        SeriesKey key = SeriesKey.of("hw.power", "device", "ups-1");
        Instant change = T0.plus(Duration.ofMinutes(30));
        // A sample at t stands for (t - 1 min, t]: 100 kW up to and including 00:30, 200 kW after.
        fx.power(key, T0.minus(MINUTE), T0.plus(Duration.ofHours(2)), MINUTE,
                t -> t <= change.toEpochMilli() ? 100_000 : 200_000);
        IntegrationGrid grid = hours(1);

        Measured m = energy("hw.power", grid);

        double expected = 100 * 0.5 + 200 * 0.5;
        assertThat(m.sum(0, grid.count(), all(grid.count()))).isCloseTo(expected, within(1e-9));
        assertThat(m.sum(0, 30, all(60))).isCloseTo(100 * 0.5, within(1e-9));
        assertThat(m.sum(30, 60, all(60))).isCloseTo(200 * 0.5, within(1e-9));
    }

    @Test
    void aGapLongerThanMaxGapIsReportedAndNotBridged() {
        SeriesKey key = SeriesKey.of("hw.power", "device", "meter");
        Instant lastBefore = T0.plus(Duration.ofMinutes(20));
        Instant firstAfter = T0.plus(Duration.ofMinutes(40));
        // 60 kW every minute, nothing strictly between 00:20 and 00:40: 20 minutes > max_gap 5 minutes.
        fx.power(key, T0.minus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(2)), MINUTE,
                t -> t > lastBefore.toEpochMilli() && t < firstAfter.toEpochMilli() ? Double.NaN : 60_000);
        IntegrationGrid grid = hours(1);

        Measured m = energy("hw.power", grid);

        // Samples 00:01..00:20 and 00:40..01:00 each stand for one minute: 20 + 21 measured minutes.
        int measuredMinutes = 20 + 21;
        assertThat(m.measured().cardinality()).isEqualTo(measuredMinutes);
        assertThat(m.sum(0, 60, all(60))).isCloseTo(60.0 * measuredMinutes / 60, within(1e-9));
        assertThat(m.gaps()).singleElement().satisfies(g -> {
            assertThat(g.from()).isEqualTo(lastBefore);
            assertThat(g.to()).isEqualTo(firstAfter.minus(MINUTE));
            assertThat(g.series()).isEqualTo(key);
            assertThat(g.unattributed()).isEmpty();
        });
    }

    @Test
    void aGapWithinMaxGapIsBridgedWithTheLaterSample() {
        SeriesKey key = SeriesKey.of("hw.power", "device", "meter");
        // Missing 00:21, 00:22, 00:23: the next sample (00:24) is 4 minutes after 00:20, within max_gap.
        fx.power(key, T0.minus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(2)), MINUTE, t -> {
            long minute = (t - T0.toEpochMilli()) / 60_000;
            return minute >= 21 && minute <= 23 ? Double.NaN : minute < 24 ? 60_000 : 90_000;
        });
        IntegrationGrid grid = hours(1);

        Measured m = energy("hw.power", grid);

        // 00:24's 90 kW stands for (00:20, 00:24]: 20 minutes at 60 kW, 40 at 90 kW.
        double expected = 60.0 * 20 / 60 + 90.0 * 40 / 60;
        assertThat(m.measured().cardinality()).isEqualTo(60);
        assertThat(m.gaps()).isEmpty();
        assertThat(m.sum(0, 60, all(60))).isCloseTo(expected, within(1e-9));
    }

    @Test
    void energyCounterInJoulesIsDifferenced() {
        SeriesKey key = SeriesKey.of("hw.energy", "device", "pdu-1");
        // 3 kW constant: the counter gains 3000 J every second, 180,000 J a minute, from 5e9 J.
        fx.counter(key, Unit.JOULE, T0.minus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(2)), MINUTE,
                t -> 5e9 + 3000.0 * (t - T0.toEpochMilli()) / 1000);
        IntegrationGrid grid = hours(1);

        Measured m = energy("hw.energy", grid);

        assertThat(m.sum(0, 60, all(60))).isCloseTo(3.0 * 1, within(1e-9));
        assertThat(m.measured().cardinality()).isEqualTo(60);
    }

    @Test
    void aCounterResetCountsWhatTheMeterCountedSinceRestarting() {
        SeriesKey key = SeriesKey.of("facility.energy", "site", "a");
        // kWh counter read every minute, +10 kWh a minute from 1000; the meter restarts after 00:29 and reads
        // 5 at 00:30 (it restarted at zero), then +10 a minute again.
        fx.counter(key, Unit.KILOWATT_HOUR, T0.minus(Duration.ofMinutes(5)), T0.plus(Duration.ofHours(2)), MINUTE,
                t -> {
                    long k = (t - T0.toEpochMilli()) / 60_000;
                    return k < 30 ? 1000 + 10.0 * k : 5 + 10.0 * (k - 30);
                });
        IntegrationGrid grid = hours(1);

        Measured m = energy("facility.energy", grid);

        // Minutes 1..29: 10 each; minute 30: 5 (the reading after the reset); minutes 31..60: 10 each.
        double expected = 29 * 10 + 5 + 30 * 10;
        assertThat(m.sum(0, 60, all(60))).isCloseTo(expected, within(1e-9));
        assertThat(m.amount(29)).isCloseTo(5, within(1e-9));
        assertThat(m.gaps()).isEmpty();
    }

    @Test
    void aCounterWrapIsAddedAcrossTheWrapPoint() {
        SeriesKey key = SeriesKey.of("meter.energy", "device", "m");
        // A 100,000 Wh register: 99,000, 99,500, then 500 (wrapped), 1,000 at 00:00..00:03.
        double[] readings = {99_000, 99_500, 500, 1_000};
        for (int k = 0; k < readings.length; k++) {
            double v = readings[k];
            Instant t = T0.plus(MINUTE.multipliedBy(k));
            fx.counter(key, new Unit("W.h"), t, t, MINUTE, x -> v);
        }
        IntegrationGrid grid = IntegrationGrid.of(T0, T0.plus(Duration.ofMinutes(3)), MINUTE);
        MeterSpec wrapping = new MeterSpec(SeriesSelector.parse("meter.energy"), 1, OptionalDouble.of(100_000));

        Measured m = integrator.integrate(wrapping, grid, MAX_GAP, false);

        double wrapIncrease = 100_000 - 99_500 + 500;
        double expectedWh = (99_500 - 99_000) + wrapIncrease + (1_000 - 500);
        assertThat(m.sum(0, 3, all(3))).isCloseTo(expectedWh / 1000, within(1e-12));
    }

    @Test
    void aCounterGapKeepsItsIncreaseOutOfTheStepsAndListsIt() {
        SeriesKey key = SeriesKey.of("facility.energy", "site", "a");
        // +1 kWh a minute, but no reading strictly between 00:10 and 00:30.
        fx.counter(key, Unit.KILOWATT_HOUR, T0.minus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(2)), MINUTE,
                t -> {
                    long k = (t - T0.toEpochMilli()) / 60_000;
                    return k > 10 && k < 30 ? Double.NaN : 100.0 + k;
                });
        IntegrationGrid grid = hours(1);

        Measured m = energy("facility.energy", grid);

        // Measured: minutes 1..10 and 31..60 (each 1 kWh); the 20 kWh counted over (00:10, 00:30] is unattributed.
        assertThat(m.measured().cardinality()).isEqualTo(40);
        assertThat(m.sum(0, 60, all(60))).isCloseTo(40, within(1e-9));
        assertThat(m.gaps()).singleElement().satisfies(g -> {
            assertThat(g.from()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            assertThat(g.to()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(g.unattributed()).hasValueCloseTo(20.0, within(1e-9));
        });
    }

    @Test
    void waterCountersInCubicMetresAreReportedInLitres() {
        SeriesKey key = SeriesKey.of("facility.water", "site", "a");
        // 0.02 m3 (20 L) a minute.
        fx.counter(key, new Unit("m3"), T0.minus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(2)), MINUTE,
                t -> 50 + 0.02 * (t - T0.toEpochMilli()) / 60_000);
        IntegrationGrid grid = hours(1);

        Measured m = integrator.integrate(MeterSpec.of("facility.water"), grid, MAX_GAP, true);

        assertThat(m.sum(0, 60, all(60))).isCloseTo(20.0 * 60, within(1e-6));
    }

    @Test
    void seriesMatchedBySeveralMetersAreSummedAndScaled() {
        fx.power(SeriesKey.of("hw.power", "device", "pdu-a"), T0.minus(MINUTE), T0.plus(Duration.ofHours(1)),
                MINUTE, t -> 2_000);
        fx.power(SeriesKey.of("hw.power", "device", "pdu-b"), T0.minus(MINUTE), T0.plus(Duration.ofHours(1)),
                MINUTE, t -> 3_000);
        IntegrationGrid grid = hours(1);
        MeterSpec scaled = new MeterSpec(SeriesSelector.parse("hw.power{device=~\"pdu-.*\"}"), 2,
                OptionalDouble.empty());

        Measured m = integrator.integrate(new MeterGroup(java.util.List.of(scaled)), grid, MAX_GAP, false);

        assertThat(m.sum(0, 60, all(60))).isCloseTo((2 + 3) * 2 * 1.0, within(1e-9));
        assertThat(m.series()).hasSize(2);
    }

    @Test
    void aSelectorMatchingNothingIsMissingWithAReason() {
        Measured m = energy("hw.power{device=\"nowhere\"}", hours(1));

        assertThat(m.hasAnyMeasurement()).isFalse();
        assertThat(m.problems()).singleElement().asString().contains("no series matches");
    }

    @Test
    void aSeriesInAnotherUnitIsRefusedByName() {
        fx.write("hw.temperature", Unit.CELSIUS, org.dcsuite.core.series.MetricKind.GAUGE,
                SeriesKey.of("hw.temperature", "device", "x"), T0, T0.plus(Duration.ofHours(1)), MINUTE, t -> 20);

        Measured m = energy("hw.temperature", hours(1));

        assertThat(m.problems()).singleElement().asString().contains("unit 'Cel'").contains("hw.temperature");
    }

    @Test
    void theGridRejectsRangesOffTheResolution() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IntegrationGrid.of(T0.plusSeconds(30),
                T0.plus(Duration.ofHours(1)), MINUTE)).hasMessageContaining("whole 1m");
    }
}
