package org.dcsuite.slo;

import java.util.Arrays;
import org.dcsuite.slo.definition.BudgetingMethod;

/**
 * The incremental state of one SLO: bad and total events per minute for the recent past, and per hour, in
 * the budgeting method's units, for the whole SLO window. Window sums never rescan raw samples.
 *
 * <p>Minutes are numbered by their end: minute {@code m} holds what happened in
 * {@code ((m-1)*60s, m*60s]}, so the window {@code (at - W, at]} with a minute-aligned {@code at} is minutes
 * {@code (atMin - W, atMin]}. Hour {@code h} holds minutes {@code (60(h-1), 60h]}. A time slice of {@code L}
 * minutes ({@code L} divides 60) ends at a multiple of {@code L} and counts in the window containing its end.
 *
 * <p>Hour buckets hold {@code (bad, total)} in the method's unit: events for Occurrences; bad and all slices
 * with data for Timeslices; the sum of slices' bad ratios and the number of slices for RatioTimeslices. Events
 * reach them minute by minute, slices when their last minute is recorded; a re-read minute replaces its old
 * value, so an hour is always the sum of its minutes or slices.
 *
 * <p>Memory: two doubles per minute of {@link #minuteSpan} and per hour of the hour span: about 69 KiB plus
 * 12 KiB for a 30-day window (at three days of minutes). Doubles rather than floats, because a budget
 * magnifies errors by {@code 1 / (1 - objective)}: float minutes would move a 99.9% budget by 1e-4.
 */
final class SloLedger {

    private final BudgetingMethod method;
    private final int slice;
    private final double sliceTarget;
    private final int minuteSpan;
    private final int hourSpan;
    private final double[] minuteBad;
    private final double[] minuteTotal;
    private final double[] hourBad;
    private final double[] hourTotal;
    private long newestMinute = Long.MIN_VALUE;
    private long newestHour = Long.MIN_VALUE;
    /** The end of the newest time slice whose contribution is in the hour buckets. */
    private long countedSliceEnd = Long.MIN_VALUE;

    SloLedger(BudgetingMethod method, int sliceMinutes, double sliceTarget, int minuteSpan, int hourSpan) {
        this.method = method;
        this.slice = sliceMinutes;
        this.sliceTarget = sliceTarget;
        this.minuteSpan = minuteSpan;
        this.hourSpan = hourSpan;
        this.minuteBad = new double[minuteSpan];
        this.minuteTotal = new double[minuteSpan];
        this.hourBad = new double[hourSpan];
        this.hourTotal = new double[hourSpan];
    }

    /** How many minutes back from the newest one the minute detail reaches. */
    int minuteSpan() {
        return minuteSpan;
    }

    void clear() {
        Arrays.fill(minuteBad, 0);
        Arrays.fill(minuteTotal, 0);
        Arrays.fill(hourBad, 0);
        Arrays.fill(hourTotal, 0);
        newestMinute = Long.MIN_VALUE;
        newestHour = Long.MIN_VALUE;
        countedSliceEnd = Long.MIN_VALUE;
    }

    /**
     * Records (or re-records) one minute; minutes older than the minute span are ignored. Minutes come in time
     * order except for re-reads of recent ones. A time slice reaches the hour buckets when its last minute is
     * recorded; re-recording a minute of a slice already counted replaces the slice's contribution.
     */
    void put(long minute, double bad, double total) {
        if (newestMinute != Long.MIN_VALUE && minute <= newestMinute - minuteSpan) {
            return;
        }
        advanceMinutes(minute);
        int slot = slot(minute);
        if (!method.slicesTime()) {
            addToHour(Math.ceilDiv(minute, 60), bad - minuteBad[slot], total - minuteTotal[slot]);
            minuteBad[slot] = bad;
            minuteTotal[slot] = total;
            return;
        }
        long sliceEnd = Math.ceilDiv(minute, slice) * slice;
        if (sliceEnd <= countedSliceEnd) {
            double[] before = sliceContribution(sliceEnd);
            minuteBad[slot] = bad;
            minuteTotal[slot] = total;
            double[] after = sliceContribution(sliceEnd);
            addToHour(Math.ceilDiv(sliceEnd, 60), after[0] - before[0], after[1] - before[1]);
            return;
        }
        minuteBad[slot] = bad;
        minuteTotal[slot] = total;
        if (minute == sliceEnd) {
            double[] c = sliceContribution(sliceEnd);
            addToHour(Math.ceilDiv(sliceEnd, 60), c[0], c[1]);
            countedSliceEnd = sliceEnd;
        }
    }

    private void addToHour(long hour, double bad, double total) {
        advanceHours(hour);
        if (hour > newestHour - hourSpan) {
            int h = (int) Math.floorMod(hour, (long) hourSpan);
            hourBad[h] += bad;
            hourTotal[h] += total;
        }
    }

    private void advanceMinutes(long minute) {
        if (newestMinute == Long.MIN_VALUE || minute - newestMinute >= minuteSpan) {
            Arrays.fill(minuteBad, 0);
            Arrays.fill(minuteTotal, 0);
            newestMinute = minute;
            return;
        }
        for (long m = newestMinute + 1; m <= minute; m++) {
            minuteBad[slot(m)] = 0;
            minuteTotal[slot(m)] = 0;
        }
        newestMinute = Math.max(newestMinute, minute);
    }

    private void advanceHours(long hour) {
        if (newestHour == Long.MIN_VALUE || hour - newestHour >= hourSpan) {
            Arrays.fill(hourBad, 0);
            Arrays.fill(hourTotal, 0);
            newestHour = hour;
            return;
        }
        for (long h = newestHour + 1; h <= hour; h++) {
            int i = (int) Math.floorMod(h, (long) hourSpan);
            hourBad[i] = 0;
            hourTotal[i] = 0;
        }
        newestHour = Math.max(newestHour, hour);
    }

    private int slot(long minute) {
        return (int) Math.floorMod(minute, (long) minuteSpan);
    }

    private boolean holdsMinute(long minute) {
        return newestMinute != Long.MIN_VALUE && minute <= newestMinute && minute > newestMinute - minuteSpan;
    }

    /** The (bad, total) a slice adds in the method's unit; zero for a slice without data. */
    private double[] sliceContribution(long sliceEnd) {
        double bad = 0;
        double total = 0;
        for (long m = sliceEnd - slice + 1; m <= sliceEnd; m++) {
            if (holdsMinute(m)) {
                bad += minuteBad[slot(m)];
                total += minuteTotal[slot(m)];
            }
        }
        if (total <= 0) {
            return new double[] {0, 0};
        }
        double badRatio = bad / total;
        if (method == BudgetingMethod.TIMESLICES) {
            return new double[] {1 - badRatio >= sliceTarget ? 0 : 1, 1};
        }
        return new double[] {badRatio, 1};
    }

    /**
     * Prepares sums of (bad, total), in the method's unit, of windows that all end at {@code toMinute}: one pass
     * over the minute detail, then each window is a difference of two running totals. A window counts the
     * slices whose end lies in it; the part older than the minute detail comes from hour buckets, whole hours
     * only, so there the start is rounded up to the next hour (documented in docs/slo.md).
     */
    Sums endingAt(long toMinute) {
        long newest = newestMinute == Long.MIN_VALUE ? toMinute : newestMinute;
        // Minute detail is trusted back to an hour boundary that stays inside it, so slices never straddle.
        long detailFrom = Math.min(Math.ceilDiv(newest - minuteSpan, 60) * 60, toMinute);
        int steps = method.slicesTime()
                ? (int) (Math.floorDiv(toMinute, slice) - Math.floorDiv(detailFrom, slice))
                : (int) (toMinute - detailFrom);
        double[] bad = new double[steps + 1];
        double[] total = new double[steps + 1];
        long lastSliceEnd = Math.floorDiv(toMinute, slice) * slice;
        for (int k = 1; k <= steps; k++) {
            double b;
            double t;
            if (method.slicesTime()) {
                double[] c = sliceContribution(lastSliceEnd - (long) (k - 1) * slice);
                b = c[0];
                t = c[1];
            } else {
                long m = toMinute - k + 1;
                boolean held = holdsMinute(m);
                b = held ? minuteBad[slot(m)] : 0;
                t = held ? minuteTotal[slot(m)] : 0;
            }
            bad[k] = bad[k - 1] + b;
            total[k] = total[k - 1] + t;
        }
        return new Sums(toMinute, detailFrom, bad, total);
    }

    /** Windows ending at one minute, see {@link #endingAt}. */
    final class Sums {
        private final long toMinute;
        private final long detailFrom;
        private final double[] bad;
        private final double[] total;

        private Sums(long toMinute, long detailFrom, double[] bad, double[] total) {
            this.toMinute = toMinute;
            this.detailFrom = detailFrom;
            this.bad = bad;
            this.total = total;
        }

        /** (bad, total) over {@code (fromMinute, toMinute]}. */
        double[] since(long fromMinute) {
            if (toMinute <= fromMinute) {
                return new double[2];
            }
            long from = Math.max(fromMinute, detailFrom);
            int k = method.slicesTime()
                    ? (int) (Math.floorDiv(toMinute, slice) - Math.floorDiv(from, slice))
                    : (int) (toMinute - from);
            double[] out = {bad[k], total[k]};
            if (fromMinute < detailFrom) {
                addHours(out, Math.ceilDiv(fromMinute, 60) + 1, detailFrom / 60);
            }
            return out;
        }
    }

    private void addHours(double[] out, long firstHour, long lastHour) {
        for (long h = Math.max(firstHour, newestHour - hourSpan + 1); h <= Math.min(lastHour, newestHour); h++) {
            int i = (int) Math.floorMod(h, (long) hourSpan);
            out[0] += hourBad[i];
            out[1] += hourTotal[i];
        }
    }

    /**
     * Running totals of the hour buckets ending with hour {@code lastHour} going back: element {@code k} of
     * each array sums hours {@code lastHour - k + 1 .. lastHour}.
     */
    double[][] hourTotalsBack(long lastHour) {
        double[] bad = new double[hourSpan + 1];
        double[] total = new double[hourSpan + 1];
        for (int k = 1; k <= hourSpan; k++) {
            long h = lastHour - k + 1;
            boolean held = h <= newestHour && h > newestHour - hourSpan;
            int i = (int) Math.floorMod(h, (long) hourSpan);
            bad[k] = bad[k - 1] + (held ? hourBad[i] : 0);
            total[k] = total[k - 1] + (held ? hourTotal[i] : 0);
        }
        return new double[][] {bad, total};
    }
}
