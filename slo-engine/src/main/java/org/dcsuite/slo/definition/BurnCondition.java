package org.dcsuite.slo.definition;

import java.time.Duration;
import java.util.Objects;
import org.dcsuite.core.time.Durations;

/**
 * {@code burn(window) op threshold}. When {@code scaled}, the threshold was written for a 30-day SLO and is
 * multiplied by {@code sloWindow / 30d}, so that it still means the same share of the budget spent in
 * {@code window} (the SRE Workbook's 14.4 over 1h is 2% of a 30-day budget).
 */
public record BurnCondition(Duration window, Comparison op, double threshold, boolean scaled) {

    /** The SLO window the SRE Workbook's factors are written for. */
    public static final Duration REFERENCE_WINDOW = Duration.ofDays(30);

    public BurnCondition {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(op, "op");
        if (window.toMinutes() < 1 || window.toMillis() % 60_000 != 0) {
            throw new IllegalArgumentException("burn-rate windows are whole minutes, got " + window);
        }
    }

    /** The threshold for an SLO whose window is {@code sloWindow} long. */
    public double thresholdFor(Duration sloWindow) {
        return scaled ? threshold * sloWindow.toMillis() / REFERENCE_WINDOW.toMillis() : threshold;
    }

    @Override
    public String toString() {
        return "burn(" + Durations.format(window) + ") " + op.id() + " " + threshold + (scaled ? " (scaled)" : "");
    }
}
