package org.dcsuite.slo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.WindowStats;
import org.dcsuite.slo.definition.SliDefinition;

/**
 * Ratio and latency SLIs: counters read as their last value in each minute, the minute's increase being the
 * difference to the last value before it, a decrease meaning a reset to zero (as Prometheus counts resets).
 * Summed over every series an input matches. A series' first sample adds nothing, since there is no earlier
 * value to measure from.
 *
 * <p>When a minute's last value is below the previous one, the counter restarted within the minute; the
 * increase up to the restart is then recovered from the minute's highest value ({@link #completeReset}). A
 * restart followed by a climb back above the previous value within one minute stays invisible, as it does to
 * Prometheus unless it scrapes in between.
 */
final class CounterSliReader extends SliReader {

    private enum Role { GOOD, BAD, TOTAL }

    private static final class Cursor {
        double committed = Double.NaN;
        double working = Double.NaN;
    }

    private final List<Input> inputs;
    private final Role[] roles;
    /** For latency SLIs: the {@code le} bucket that counts as good; NaN for ratios. */
    private final double latencyBound;
    private final Map<SeriesKey, Cursor>[] cursors;
    private long commitMinute;
    private long firstMinute;
    private double[][] sums;
    private final List<CounterReset> resets = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private CounterSliReader(List<Input> inputs, Role[] roles, double latencyBound) {
        this.inputs = inputs;
        this.roles = roles;
        this.latencyBound = latencyBound;
        this.cursors = new Map[inputs.size()];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new HashMap<>();
        }
    }

    static CounterSliReader ratio(SliDefinition.Ratio r) {
        boolean good = r.good() != null;
        return new CounterSliReader(List.of(new Input(good ? r.good() : r.bad(), Aggregation.LAST),
                new Input(r.total(), Aggregation.LAST)), new Role[] {good ? Role.GOOD : Role.BAD, Role.TOTAL}, Double.NaN);
    }

    static CounterSliReader latency(SliDefinition.Latency l) {
        return new CounterSliReader(List.of(new Input(l.buckets(), Aggregation.LAST)), new Role[] {null},
                l.thresholdSeconds());
    }

    @Override
    List<Input> inputs() {
        return inputs;
    }

    @Override
    void reset() {
        for (Map<SeriesKey, Cursor> map : cursors) {
            map.clear();
        }
    }

    @Override
    void beginCycle(long commitMinute) {
        this.commitMinute = commitMinute;
        for (Map<SeriesKey, Cursor> map : cursors) {
            for (Cursor c : map.values()) {
                c.working = c.committed;
            }
        }
    }

    @Override
    void beginChunk(long firstMinute, int minutes) {
        this.firstMinute = firstMinute;
        this.sums = new double[Role.values().length][minutes];
        resets.clear();
    }

    @Override
    void prime(int input, SeriesKey series, double value) {
        if (role(input, series) != null && !Double.isNaN(value)) {
            Cursor c = cursors[input].computeIfAbsent(series, k -> new Cursor());
            c.committed = value;
            c.working = value;
        }
    }

    @Override
    void accept(int input, SeriesKey series, List<Point> points) {
        Role role = role(input, series);
        if (role == null) {
            return;
        }
        Cursor c = cursors[input].computeIfAbsent(series, k -> new Cursor());
        double[] target = sums[role.ordinal()];
        for (Point p : points) {
            double v = p.value();
            if (Double.isNaN(v)) {
                continue;
            }
            long minute = Math.floorDiv(p.timeMillis(), 60_000L);
            if (!Double.isNaN(c.working)) {
                target[(int) (minute - firstMinute)] += WindowStats.counterDelta(c.working, v);
                if (v < c.working) {
                    resets.add(new CounterReset(input, series, minute, c.working, v));
                }
            }
            c.working = v;
            if (minute <= commitMinute) {
                c.committed = v;
            }
        }
    }

    @Override
    List<CounterReset> resets() {
        return resets;
    }

    /**
     * Before the restart the counter climbed from {@code before} to the minute's highest value; after it, from
     * zero to {@code after}, which is already counted. When the highest value is {@code after} itself, every
     * sample of the minute came after the restart and nothing is missing.
     */
    @Override
    void completeReset(CounterReset reset, double max) {
        if (max > reset.after() && max > reset.before()) {
            sums[role(reset.input(), reset.series()).ordinal()][(int) (reset.minute() - firstMinute)]
                    += max - reset.before();
        }
    }

    /** Which role a series plays; for histograms decided by its {@code le} label, null when it plays none. */
    private Role role(int input, SeriesKey series) {
        if (Double.isNaN(latencyBound)) {
            return roles[input];
        }
        String le = series.label("le");
        if (le.equals("+Inf") || le.equals("Inf")) {
            return Role.TOTAL;
        }
        try {
            return Double.parseDouble(le) == latencyBound ? Role.GOOD : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    void finishChunk(SloLedger ledger, MinuteExclusions excluded) {
        boolean hasBad = Double.isNaN(latencyBound) && roles[0] == Role.BAD;
        double[] good = sums[Role.GOOD.ordinal()];
        double[] bad = sums[Role.BAD.ordinal()];
        double[] total = sums[Role.TOTAL.ordinal()];
        for (int i = 0; i < total.length; i++) {
            long minute = firstMinute + i;
            if (excluded.covers(minute)) {
                ledger.put(minute, 0, 0);
            } else {
                ledger.put(minute, hasBad ? bad[i] : total[i] - good[i], total[i]);
            }
        }
        // A rebuild's chunks are a day long: holding one between cycles would double the memory.
        sums = null;
    }
}
