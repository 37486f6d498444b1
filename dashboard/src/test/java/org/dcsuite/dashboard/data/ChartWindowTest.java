package org.dcsuite.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Live charts read only their tail, and a tail continues the chart shown. */
class ChartWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:05Z");

    @Test
    void aShortRangeOnScreenReadsOnlyItsLastStepsAndTheNewOnes() {
        ChartWindow whole = ChartWindow.whole(ChartRange.HOUR_1, NOW);
        assertThat(whole.points()).isEqualTo(361);
        ChartData shown = data(whole, 1.0);
        ChartWindow tail = ChartWindow.next(ChartRange.HOUR_1, Optional.of(shown), NOW.plusSeconds(20)).orElseThrow();
        assertThat(tail.isTail()).isTrue();
        assertThat(tail.toMillis()).isEqualTo(whole.toMillis() + 20_000);
        assertThat(tail.fromMillis()).isEqualTo(whole.toMillis() - ChartWindow.REREAD_STEPS * 10_000L);
        assertThat(tail.points()).isEqualTo(ChartWindow.REREAD_STEPS + 3);
    }

    @Test
    void aLongRangeIsReadWholeOnceANewStepEnded() {
        ChartWindow whole = ChartWindow.whole(ChartRange.DAYS_7, NOW);
        ChartData shown = data(whole, 1.0);
        assertThat(ChartWindow.next(ChartRange.DAYS_7, Optional.of(shown), NOW.plusSeconds(10))).isEmpty();
        assertThat(ChartWindow.next(ChartRange.DAYS_7, Optional.of(shown), NOW.plus(Duration.ofMinutes(15))))
                .hasValueSatisfying(w -> assertThat(w.isTail()).isFalse());
        assertThat(ChartWindow.next(ChartRange.HOUR_1, Optional.of(shown), NOW)).hasValueSatisfying(
                w -> assertThat(w.isTail()).isFalse());
    }

    @Test
    void aTailReplacesWhatItCoversAndPushesTheOldestOut() {
        ChartWindow whole = ChartWindow.whole(ChartRange.MINUTES_15, NOW);
        ChartData shown = data(whole, 1.0);
        ChartWindow tail = ChartWindow.next(ChartRange.MINUTES_15, Optional.of(shown), NOW.plusSeconds(20))
                .orElseThrow();
        ChartData merged = shown.followedBy(data(tail, 2.0));
        assertThat(merged.timesMillis()).hasSize(whole.points());
        assertThat(merged.timesMillis().getFirst()).isEqualTo(whole.fromMillis() + 20_000);
        assertThat(merged.timesMillis().getLast()).isEqualTo(tail.toMillis());
        List<Double> values = merged.series().getFirst().values();
        assertThat(values.subList(0, values.size() - tail.points())).containsOnly(1.0);
        assertThat(values.subList(values.size() - tail.points(), values.size())).containsOnly(2.0);
    }

    private static ChartData data(ChartWindow w, double value) {
        List<Long> times = ChartService.times(w);
        return new ChartData("kW", w.range(), w.step(), ChartService.source(w.step()), times,
                List.of(new ChartData.Series("IT power", times.stream().map(t -> value).toList())));
    }
}
