package org.dcsuite.dashboard.data;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The span a chart reads: a whole {@link ChartRange} ending at the last whole step, or, for a chart already on
 * screen, only its tail. Live charts re-read the last {@link #REREAD_STEPS} steps plus the new ones instead of the
 * whole range, so a refresh costs a few points per series however long the chart is.
 *
 * @param range      the range the chart shows
 * @param step       the distance between points ({@link ChartService#step})
 * @param fromMillis the first point's time, aligned to the step
 * @param toMillis   the last point's time, aligned to the step
 */
public record ChartWindow(ChartRange range, Duration step, long fromMillis, long toMillis) {

    /**
     * Ranges up to this length are extended by their tail: they are read from raw samples or 1-minute rollups,
     * which the store keeps current within a minute. Longer ranges are read whole, once a new step has ended.
     */
    public static final Duration LIVE_TAIL_LIMIT = Duration.ofHours(6);
    /**
     * Steps read again at each refresh: a sample may reach the store a poll late, and a 1-minute rollup is
     * refreshed once a minute, so the newest steps can still change.
     */
    public static final int REREAD_STEPS = 3;

    public ChartWindow {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("window ends before it starts: " + fromMillis + " > " + toMillis);
        }
    }

    /** The whole range, ending at the last whole step before {@code now}. */
    public static ChartWindow whole(ChartRange range, Instant now) {
        Duration step = ChartService.step(range);
        long to = Math.floorDiv(now.toEpochMilli(), step.toMillis()) * step.toMillis();
        return new ChartWindow(range, step, to - range.length().toMillis(), to);
    }

    /**
     * What a refresh reads: for a short range of which {@code shown} is still a part, its tail (the last
     * {@link #REREAD_STEPS} steps shown and the new ones); for a long range, the whole range once a new step has
     * ended, nothing before (empty); the whole range when nothing of it is shown.
     */
    public static Optional<ChartWindow> next(ChartRange range, Optional<ChartData> shown, Instant now) {
        ChartWindow whole = whole(range, now);
        if (shown.isEmpty() || shown.get().range() != range || shown.get().timesMillis().isEmpty()) {
            return Optional.of(whole);
        }
        long lastShown = shown.get().timesMillis().getLast();
        if (range.length().compareTo(LIVE_TAIL_LIMIT) > 0) {
            return lastShown == whole.toMillis ? Optional.empty() : Optional.of(whole);
        }
        long tailFrom = lastShown - REREAD_STEPS * whole.step.toMillis();
        if (tailFrom <= whole.fromMillis || lastShown > whole.toMillis) {
            return Optional.of(whole);
        }
        return Optional.of(new ChartWindow(range, whole.step, tailFrom, whole.toMillis));
    }

    public Instant from() {
        return Instant.ofEpochMilli(fromMillis);
    }

    public Instant to() {
        return Instant.ofEpochMilli(toMillis);
    }

    /** Whether this reads only the newest part of its range. */
    public boolean isTail() {
        return toMillis - fromMillis < range.length().toMillis();
    }

    /** Number of points per series. */
    public int points() {
        return (int) ((toMillis - fromMillis) / step.toMillis()) + 1;
    }
}
