package org.dcsuite.collectors.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class SlidingQuantilesTest {

    private static final double[] QS = {0.5, 0.95, 0.99};

    @Test
    void quantilesOfKnownValuesAreWithinOnePercentOfTheNearestRank() {
        SlidingQuantiles q = new SlidingQuantiles(10_000, 6);
        for (int ms = 1; ms <= 100; ms++) {
            q.record(ms / 1000.0, 0);
        }
        double[] v = q.quantiles(QS, 0);
        // Nearest rank: the ceil(q * 100)-th smallest values are 50, 95 and 99 ms.
        assertThat(v[0]).isCloseTo(0.050, withinPercentage(1));
        assertThat(v[1]).isCloseTo(0.095, withinPercentage(1));
        assertThat(v[2]).isCloseTo(0.099, withinPercentage(1));
    }

    @Test
    void relativeErrorStaysWithinOnePercentOverSixDecades() {
        SlidingQuantiles q = new SlidingQuantiles(10_000, 6);
        Random random = new Random(42);
        double[] values = DoubleStream.generate(() -> Math.pow(10, -6 + 6 * random.nextDouble())).limit(10_000)
                .toArray();
        for (double v : values) {
            q.record(v, 5_000);
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double[] got = q.quantiles(QS, 5_000);
        for (int i = 0; i < QS.length; i++) {
            double exact = sorted[(int) Math.ceil(QS[i] * sorted.length) - 1];
            assertThat(got[i]).isCloseTo(exact, withinPercentage(SlidingQuantiles.RELATIVE_ACCURACY * 100));
        }
    }

    @Test
    void valuesLeaveTheWindowAfterAMinuteInTenSecondSteps() {
        SlidingQuantiles q = new SlidingQuantiles(10_000, 6);
        q.record(1.0, 0);
        q.record(0.010, 30_000);
        assertThat(q.quantiles(new double[] {1.0}, 59_999)[0]).isCloseTo(1.0, withinPercentage(1));
        // At 60 s the slot of time 0 is no longer in the window; the value of 30 s is.
        assertThat(q.quantiles(new double[] {1.0}, 60_000)[0]).isCloseTo(0.010, withinPercentage(1));
        assertThat(q.quantiles(QS, 89_999)).isNotNull();
        assertThat(q.quantiles(QS, 90_000)).isNull();
    }

    @Test
    void theP99OfTwoValuesIsTheLarger() {
        SlidingQuantiles q = new SlidingQuantiles(10_000, 6);
        q.record(0.1, 0);
        q.record(0.3, 0);
        double[] v = q.quantiles(QS, 0);
        assertThat(v[0]).isCloseTo(0.1, withinPercentage(1));
        assertThat(v[2]).isCloseTo(0.3, withinPercentage(1));
    }

    @Test
    void aReusedSlotForgetsItsOldValues() {
        SlidingQuantiles q = new SlidingQuantiles(10_000, 6);
        q.record(5.0, 1_000);
        q.record(0.002, 61_000);
        assertThat(q.quantiles(new double[] {1.0}, 61_000)[0]).isCloseTo(0.002, withinPercentage(1));
    }

    @Test
    void zeroDurationsCountAsZero() {
        SlidingQuantiles q = new SlidingQuantiles(10_000, 6);
        q.record(0, 0);
        q.record(0, 0);
        q.record(0.5, 0);
        double[] v = q.quantiles(new double[] {0.5, 0.99, 1.0}, 0);
        assertThat(v[0]).isEqualTo(0.0, within(0.0));
        // The median is the second smallest, a zero; the p99 is the ceil(2.97) = 3rd, the half second.
        assertThat(v[1]).isCloseTo(0.5, withinPercentage(1));
        assertThat(v[2]).isCloseTo(0.5, withinPercentage(1));
    }
}
