package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic that decides which rollup serves a query and which ranges a refresh rebuilds. */
class RollupRangesTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;

    @Test
    void theCoarsestRollupThatTilesTheBucketsAndStartIsChosen() {
        assertThat(JdbcTelemetryStore.rollupResolution(2 * HOUR, 5 * HOUR)).isEqualTo(HOUR);
        assertThat(JdbcTelemetryStore.rollupResolution(2 * HOUR, 5 * HOUR + MINUTE)).isEqualTo(MINUTE);
        assertThat(JdbcTelemetryStore.rollupResolution(5 * MINUTE, 0)).isEqualTo(MINUTE);
        assertThat(JdbcTelemetryStore.rollupResolution(90_000, 0)).isZero();
        assertThat(JdbcTelemetryStore.rollupResolution(HOUR, 1)).isZero();
        assertThat(JdbcTelemetryStore.rollupResolution(HOUR, -HOUR)).isEqualTo(HOUR);
    }

    @Test
    void overlappingAndTouchingRangesMerge() {
        List<long[]> merged = JdbcTelemetryStore.merge(List.of(new long[] {50, 60}, new long[] {0, 10},
                new long[] {10, 20}, new long[] {55, 70}, new long[] {30, 40}));
        assertThat(merged).containsExactly(new long[] {0, 20}, new long[] {30, 40}, new long[] {50, 70});
    }

    @Test
    void floorAndCeilAlignAlsoBeforeTheEpoch() {
        assertThat(JdbcTelemetryStore.floor(-1, MINUTE)).isEqualTo(-MINUTE);
        assertThat(JdbcTelemetryStore.ceil(-1, MINUTE)).isZero();
        assertThat(JdbcTelemetryStore.ceil(MINUTE, MINUTE)).isEqualTo(MINUTE);
        assertThat(JdbcTelemetryStore.ceil(MINUTE + 1, MINUTE)).isEqualTo(2 * MINUTE);
    }
}
