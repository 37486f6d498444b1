package org.dcsuite.energy.meter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One quantity (energy in kWh or water in L) over the buckets of a grid: how much each bucket holds, which
 * buckets were measured, the series that fed it, its unmeasured spans and why it may be missing altogether.
 * Unmeasured buckets hold zero and must be read through {@link #measured()}.
 */
public final class Measured {

    private final double[] amount;
    private final BitSet measured;
    private final List<String> series;
    private final List<MeterGap> gaps;
    private final List<String> problems;

    Measured(double[] amount, BitSet measured, List<String> series, List<MeterGap> gaps, List<String> problems) {
        this.amount = amount;
        this.measured = measured;
        this.series = List.copyOf(series);
        this.gaps = List.copyOf(gaps);
        this.problems = List.copyOf(problems);
    }

    /** Nothing measured, for the reason given (no series matched, a wrong unit). */
    static Measured missing(int buckets, String problem) {
        return new Measured(new double[buckets], new BitSet(buckets), List.of(), List.of(), List.of(problem));
    }

    /** A quantity computed elsewhere (CO2, cost) bucket by bucket; unmeasured buckets should hold zero. */
    public static Measured of(double[] amount, BitSet measured, List<String> series, List<String> problems) {
        return new Measured(amount.clone(), (BitSet) measured.clone(), series, List.of(), problems);
    }

    /** A quantity known for every bucket, such as a synthetic input in tests. */
    public static Measured complete(double[] amount, String source) {
        BitSet all = new BitSet(amount.length);
        all.set(0, amount.length);
        return new Measured(amount.clone(), all, List.of(source), List.of(), List.of());
    }

    /**
     * The sum of several quantities, bucket by bucket; a bucket is measured only when every part is, since a
     * sum with a missing part is not the quantity.
     */
    public static Measured sum(List<Measured> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to sum");
        }
        int n = parts.getFirst().buckets();
        double[] total = new double[n];
        BitSet all = new BitSet(n);
        all.set(0, n);
        List<String> series = new ArrayList<>();
        List<MeterGap> gaps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Measured p : parts) {
            if (p.buckets() != n) {
                throw new IllegalArgumentException("parts on different grids: " + p.buckets() + " vs " + n);
            }
            for (int i = 0; i < n; i++) {
                total[i] += p.amount[i];
            }
            all.and(p.measured);
            series.addAll(p.series);
            gaps.addAll(p.gaps);
            problems.addAll(p.problems);
        }
        for (int i = all.nextClearBit(0); i < n; i = all.nextClearBit(i + 1)) {
            total[i] = 0;
        }
        return new Measured(total, all, series, gaps, problems);
    }

    Measured scaled(double factor) {
        double[] out = new double[amount.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = amount[i] * factor;
        }
        return new Measured(out, measured, series, gaps, problems);
    }

    public int buckets() {
        return amount.length;
    }

    /** A copy of the measured buckets. */
    public BitSet measured() {
        return (BitSet) measured.clone();
    }

    public boolean isMeasured(int bucket) {
        return measured.get(bucket);
    }

    /** What bucket {@code i} holds; zero when unmeasured. */
    public double amount(int bucket) {
        return amount[bucket];
    }

    /** The sum over buckets {@code [from, to)} that {@code mask} selects (and that are measured). */
    public double sum(int from, int to, BitSet mask) {
        // Kahan summation: a year holds half a million one-minute buckets, whose plain sum drifts.
        double s = 0;
        double compensation = 0;
        for (int i = mask.nextSetBit(from); i >= 0 && i < to; i = mask.nextSetBit(i + 1)) {
            if (measured.get(i)) {
                double y = amount[i] - compensation;
                double t = s + y;
                compensation = (t - s) - y;
                s = t;
            }
        }
        return s;
    }

    /** The keys of the series that fed this quantity, in selector syntax. */
    public List<String> series() {
        return series;
    }

    public List<MeterGap> gaps() {
        return gaps;
    }

    /** Why this quantity is (partly) missing: selectors matching nothing, unsupported units. */
    public List<String> problems() {
        return problems;
    }

    public boolean hasAnyMeasurement() {
        return !measured.isEmpty();
    }

    @Override
    public String toString() {
        return "Measured" + series + " (" + measured.cardinality() + "/" + amount.length + " buckets measured)";
    }
}
