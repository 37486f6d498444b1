package org.dcsuite.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dcsuite.slo.definition.AlertRule;
import org.dcsuite.slo.definition.BudgetingMethod;
import org.dcsuite.slo.definition.BurnCondition;
import org.dcsuite.slo.definition.SloDefinition;
import org.dcsuite.slo.definition.SloWindow;

/** One SLO being evaluated: its definition, its SLI reader and its ledger, and how a status is computed. */
final class SloRuntime {

    /** Minute detail beyond the longest burn window: one hour so sums can split at an hour, one slack. */
    private static final long DETAIL_SLACK_MINUTES = 120;

    final SloDefinition definition;
    final SliReader reader;
    final SloLedger ledger;
    final MinuteExclusions exclusions;

    SloRuntime(SloDefinition definition) {
        this.definition = definition;
        this.reader = SliReader.of(definition.sli());
        this.exclusions = new MinuteExclusions(definition.exclusions());
        long longest = BurnWindows.ALL.values().stream().mapToLong(Duration::toMinutes).max().orElseThrow();
        for (AlertRule r : definition.alertPolicy().rules()) {
            for (BurnCondition c : r.conditions()) {
                longest = Math.max(longest, c.window().toMinutes());
            }
        }
        int hours = (int) (longestWindow(definition.window()).toHours() + ExhaustionForecast.HOURS + 2);
        this.ledger = new SloLedger(definition.method(), definition.sliceMinutes(), definition.timeSliceTarget(),
                (int) (longest + DETAIL_SLACK_MINUTES), hours);
    }

    private static Duration longestWindow(SloWindow window) {
        return switch (window) {
            case SloWindow.Rolling r -> r.duration();
            case SloWindow.Calendar c -> c.period().longest();
        };
    }

    /** The first minute a rebuild must read so that the status at {@code atMinute} is complete. */
    long earliestMinuteNeeded(long atMinute) {
        long windowStart = windowStartMinute(atMinute);
        return Math.min(windowStart - ExhaustionForecast.HOURS * 60L - 60, atMinute - ledger.minuteSpan());
    }

    private long windowStartMinute(long atMinute) {
        return Math.floorDiv(definition.window().start(Instant.ofEpochMilli(atMinute * 60_000)).toEpochMilli(),
                60_000L);
    }

    SloStatus status(long atMinute) {
        Instant at = Instant.ofEpochMilli(atMinute * 60_000);
        Duration length = definition.window().length(at);
        double allowedBad = 1 - definition.objective();
        long windowStart = windowStartMinute(atMinute);
        SloLedger.Sums sums = ledger.endingAt(atMinute);
        double[] window = sums.since(windowStart);
        Double sli = window[1] > 0 ? 1 - window[0] / window[1] : null;
        SloStatus.Budget budget = budget(window, length);
        Double remaining = budget == null ? null : remainingShare(budget);

        Map<String, Double> burns = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> w : BurnWindows.ALL.entrySet()) {
            double[] s = sums.since(atMinute - w.getValue().toMinutes());
            if (s[1] > 0) {
                burns.put(w.getKey(), s[0] / s[1] / allowedBad);
            }
        }
        Set<String> firing = new LinkedHashSet<>();
        for (AlertRule rule : definition.alertPolicy().rules()) {
            if (!firing.contains(rule.tier()) && holds(rule, sums, atMinute, length, allowedBad)) {
                firing.add(rule.tier());
            }
        }
        Double burn1h = burns.get("1h");
        Instant atCurrentBurn = remaining != null && remaining > 0 && burn1h != null && burn1h > 0
                ? ExhaustionForecast.after(at, remaining * length.toMillis() / 3_600_000.0 / burn1h) : null;
        SloStatus.Exhaustion exhaustion = ExhaustionForecast.trend(Instant.ofEpochMilli(
                Math.floorDiv(atMinute, 60) * 3_600_000), remainingByHour(atMinute), atCurrentBurn);
        return new SloStatus(at, definition.name(), definition.service(), definition.objective(),
                definition.window().describe(), definition.method().openSloName(), sli, remaining, budget, burns,
                new ArrayList<>(firing), exhaustion, List.of());
    }

    private boolean holds(AlertRule rule, SloLedger.Sums sums, long atMinute, Duration length, double allowedBad) {
        for (BurnCondition c : rule.conditions()) {
            double[] s = sums.since(atMinute - c.window().toMinutes());
            if (s[1] <= 0 || s[1] < definition.minEvents()
                    || !c.op().test(s[0] / s[1] / allowedBad, c.thresholdFor(length))) {
                return false;
            }
        }
        return true;
    }

    private SloStatus.Budget budget(double[] window, Duration length) {
        if (window[1] <= 0) {
            return null;
        }
        double allowedBad = 1 - definition.objective();
        if (definition.method() == BudgetingMethod.OCCURRENCES) {
            double total = allowedBad * window[1];
            return new SloStatus.Budget("events", total, window[0], total - window[0]);
        }
        double total = allowedBad * length.toMinutes();
        double consumed = window[0] * definition.sliceMinutes();
        return new SloStatus.Budget("minutes", total, consumed, total - consumed);
    }

    private static double remainingShare(SloStatus.Budget budget) {
        return budget.total() > 0 ? budget.remaining() / budget.total() : Double.NaN;
    }

    /**
     * The remaining budget share at each of the last hour boundaries, newest first, from hour buckets only;
     * points whose calendar period differs from the current one are left out (NaN).
     */
    private double[] remainingByHour(long atMinute) {
        long lastHour = Math.floorDiv(atMinute, 60);
        double[] out = new double[ExhaustionForecast.HOURS + 1];
        long currentStart = windowStartMinute(atMinute);
        boolean calendar = definition.window() instanceof SloWindow.Calendar;
        double[][] back = ledger.hourTotalsBack(lastHour);
        int span = back[0].length - 1;
        for (int k = 0; k < out.length; k++) {
            long t = (lastHour - k) * 60;
            long start = windowStartMinute(t);
            if (calendar && start != currentStart || t <= start) {
                out[k] = Double.NaN;
                continue;
            }
            // Whole hours in (start, t]: from the first hour starting at or after start, to the hour ending at t.
            int newer = k;
            int older = (int) Math.min(span, lastHour - (Math.ceilDiv(start, 60) + 1) + 1);
            double[] s = older <= newer ? new double[2]
                    : new double[] {back[0][older] - back[0][newer], back[1][older] - back[1][newer]};
            SloStatus.Budget b = budget(s, definition.window().length(Instant.ofEpochMilli(t * 60_000)));
            out[k] = b == null ? Double.NaN : remainingShare(b);
        }
        return out;
    }
}
