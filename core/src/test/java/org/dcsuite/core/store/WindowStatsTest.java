package org.dcsuite.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.junit.jupiter.api.Test;

/** Expected values are derived by hand from Prometheus's extrapolatedRate, as comments show. */
class WindowStatsTest {

    private static WindowStats of(long[] times, double[] values) {
        WindowStats s = new WindowStats();
        for (int i = 0; i < times.length; i++) {
            s.add(times[i], values[i]);
        }
        return s;
    }

    @Test
    void simpleAggregations() {
        WindowStats s = of(new long[] {0, 10_000, 20_000}, new double[] {4, 1, 7});
        assertThat(s.value(Aggregation.AVG, 0, 30_000)).isEqualTo(4);
        assertThat(s.value(Aggregation.MIN, 0, 30_000)).isEqualTo(1);
        assertThat(s.value(Aggregation.MAX, 0, 30_000)).isEqualTo(7);
        assertThat(s.value(Aggregation.SUM, 0, 30_000)).isEqualTo(12);
        assertThat(s.value(Aggregation.COUNT, 0, 30_000)).isEqualTo(3);
        assertThat(s.value(Aggregation.LAST, 0, 30_000)).isEqualTo(7);
    }

    @Test
    void increaseHandlesResets() {
        // 10 -> 15 (+5), reset to 3 (+3), 3 -> 8 (+5): 13 in the sampled 30 s.
        WindowStats s = of(new long[] {0, 10_000, 20_000, 30_000}, new double[] {10, 15, 3, 8});
        assertThat(s.increase()).isEqualTo(13);
    }

    @Test
    void extrapolatesToWindowEdgesLikePrometheus() {
        // Window [0, 60s), samples at 5s..55s every 10s, values 100..150 (+10 each): increase 50 over 50 s.
        // durationToStart 5 s and durationToEnd 5 s are below 1.1 x 10 s, so extrapolate to both edges.
        // durationToZero = 50 * 100/50 = 100 s > 5 s, no clamp. factor = (50 + 5 + 5) / 50 = 1.2.
        WindowStats s = of(new long[] {5_000, 15_000, 25_000, 35_000, 45_000, 55_000},
                new double[] {100, 110, 120, 130, 140, 150});
        assertThat(s.value(Aggregation.INCREASE, 0, 60_000)).isCloseTo(60, within(1e-9));
        assertThat(s.value(Aggregation.RATE, 0, 60_000)).isCloseTo(1, within(1e-9));
    }

    @Test
    void extrapolatesHalfAnIntervalWhenTheSeriesStartsLate() {
        // Window [0, 60s), samples at 30s, 40s, 50s: durationToStart 30 s >= 11 s, so use 5 s;
        // durationToEnd 10 s < 11 s, extrapolate fully. increase 20 over 20 s -> 20 * (20+5+10)/20 = 35.
        WindowStats s = of(new long[] {30_000, 40_000, 50_000}, new double[] {200, 210, 220});
        assertThat(s.value(Aggregation.INCREASE, 0, 60_000)).isCloseTo(35, within(1e-9));
    }

    @Test
    void doesNotExtrapolateBelowZero() {
        // Counter starting at 1: durationToZero = 20 s * 1/20 = 1 s < durationToStart 5 s.
        // increase 20 * (20 + 1 + 5) / 20 = 26, with window [0, 30s) and samples at 5, 15, 25 s.
        WindowStats s = of(new long[] {5_000, 15_000, 25_000}, new double[] {1, 11, 21});
        assertThat(s.value(Aggregation.INCREASE, 0, 30_000)).isCloseTo(26, within(1e-9));
    }

    @Test
    void mergingBucketsEqualsAddingAllSamples() {
        long[] t = {0, 10_000, 20_000, 30_000, 40_000, 50_000};
        double[] v = {5, 9, 2, 4, 1, 6};
        WindowStats all = of(t, v);
        WindowStats merged = of(new long[] {0, 10_000}, new double[] {5, 9});
        merged.merge(of(new long[] {20_000, 30_000}, new double[] {2, 4}));
        merged.merge(new WindowStats());
        merged.merge(of(new long[] {40_000, 50_000}, new double[] {1, 6}));
        for (Aggregation a : Aggregation.values()) {
            assertThat(merged.value(a, 0, 60_000)).as(a.id()).isEqualTo(all.value(a, 0, 60_000));
        }
        // Resets at the bucket boundaries: 9 -> 2 and 4 -> 1 count as restarts from zero.
        assertThat(merged.increase()).isEqualTo(4 + 2 + 2 + 1 + 5);
    }

    @Test
    void minAndMaxIgnoreNaNUnlessAllAreNaN() {
        WindowStats s = of(new long[] {0, 1, 2}, new double[] {Double.NaN, 3, 1});
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(3);
        assertThat(of(new long[] {0}, new double[] {Double.NaN}).value(Aggregation.LAST, 0, 1)).isNaN();
    }

    @Test
    void counterFunctionsNeedTwoSamples() {
        WindowStats one = of(new long[] {0}, new double[] {1});
        assertThat(one.hasValue(Aggregation.LAST)).isTrue();
        assertThat(one.hasValue(Aggregation.RATE)).isFalse();
    }

    @Test
    void assemblerBuildsOverlappingPrometheusWindowsFromBuckets() {
        // Query: from 0, to 40s, step 20s, window 40s -> right-closed buckets of gcd = 20s ending at 0, 20s, ...
        RangeQuery q = new RangeQuery(SeriesSelector.parse("m"), Instant.EPOCH, Instant.ofEpochSecond(40),
                Duration.ofSeconds(20), Duration.ofSeconds(40), Aggregation.SUM);
        assertThat(q.bucketMillis()).isEqualTo(20_000);
        assertThat(q.scanAfterMillis()).isEqualTo(-40_000);
        assertThat(q.scanUntilMillis()).isEqualTo(40_000);
        long[] ends = {0, 20_000, 40_000, 60_000};
        WindowStats[] buckets = {
                of(new long[] {-10_000, 0}, new double[] {1, 2}),
                of(new long[] {20_000}, new double[] {3}),
                of(new long[] {35_000}, new double[] {4}),
                of(new long[] {50_000}, new double[] {5}),
        };
        // t=0: (-40s, 0] holds the first bucket; t=20s: (-20s, 20s] the first two; t=40s: (0, 40s] the 2nd and 3rd.
        List<Point> points = WindowAssembler.points(q, ends, buckets, buckets.length);
        assertThat(points).containsExactly(new Point(0, 3), new Point(20_000, 6), new Point(40_000, 7));
    }

    @Test
    void bucketsAreRightClosedAndAlignedToTheOrigin() {
        assertThat(WindowAssembler.bucketEnd(65_000, 5_000, 60_000)).isEqualTo(65_000);
        assertThat(WindowAssembler.bucketEnd(65_001, 5_000, 60_000)).isEqualTo(125_000);
        assertThat(WindowAssembler.bucketEnd(5_001, 5_000, 60_000)).isEqualTo(65_000);
        assertThat(WindowAssembler.bucketEnd(5_000, 5_000, 60_000)).isEqualTo(5_000);
        assertThat(WindowAssembler.bucketEnd(1_000, 5_000, 60_000)).isEqualTo(5_000);
        assertThat(WindowAssembler.bucketEnd(-56_000, 5_000, 60_000)).isEqualTo(-55_000);
    }
}
