package org.dcsuite.collectors.otlp;

import java.util.Arrays;

/**
 * Quantiles of durations over a sliding window (by default the last minute, in six 10-second slots), computed from
 * a log-bucket histogram in the manner of DDSketch: a value {@code v} falls into bucket {@code ceil(log_g(v))} with
 * {@code g = (1 + a) / (1 - a)}, and a bucket's representative value is within relative error {@code a} = 1% of
 * every value in it. Each slot stores its buckets densely between the lowest and highest index it has seen, so a
 * route whose latencies span 1 ms to 10 s costs about 3.7 KiB a slot. Not thread-safe: its owner synchronises.
 */
final class SlidingQuantiles {

    /** The guaranteed relative error of every quantile. */
    static final double RELATIVE_ACCURACY = 0.01;
    /** Durations below this many seconds (a nanosecond) count as zero. */
    private static final double MIN_VALUE = 1e-9;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final long slotMillis;
    private final Slot[] slots;

    /**
     * @param slotMillis the width of one slot
     * @param slotCount  slots in the window; the window covers the current slot and the {@code slotCount - 1} before
     */
    SlidingQuantiles(long slotMillis, int slotCount) {
        if (slotMillis <= 0 || slotCount <= 0) {
            throw new IllegalArgumentException("slot width and count must be positive");
        }
        this.slotMillis = slotMillis;
        this.slots = new Slot[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new Slot();
        }
    }

    void record(double seconds, long nowMillis) {
        long id = Math.floorDiv(nowMillis, slotMillis);
        Slot slot = slots[(int) Math.floorMod(id, (long) slots.length)];
        if (slot.id > id) {
            // The slot already holds a later period: the clock stepped back, and the value is too old to keep.
            return;
        }
        if (slot.id != id) {
            slot.reset(id);
        }
        if (seconds < MIN_VALUE) {
            slot.zeros++;
        } else {
            slot.add((int) Math.ceil(Math.log(seconds) / LOG_GAMMA));
        }
        slot.total++;
    }

    /**
     * The given quantiles of the values recorded in the window ending now, each the nearest-rank value (the
     * {@code ceil(q * n)}-th smallest, so the p99 of two values is the larger) within {@link #RELATIVE_ACCURACY};
     * null when the window holds no value.
     */
    double[] quantiles(double[] qs, long nowMillis) {
        long current = Math.floorDiv(nowMillis, slotMillis);
        long total = 0;
        long zeros = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (Slot s : slots) {
            if (s.live(current, slots.length) && s.total > 0) {
                total += s.total;
                zeros += s.zeros;
                if (s.counts != null) {
                    min = Math.min(min, s.offset);
                    max = Math.max(max, s.offset + s.counts.length - 1);
                }
            }
        }
        if (total == 0) {
            return null;
        }
        long[] merged = min <= max ? new long[max - min + 1] : new long[0];
        for (Slot s : slots) {
            if (s.live(current, slots.length) && s.counts != null) {
                for (int i = 0; i < s.counts.length; i++) {
                    merged[s.offset - min + i] += s.counts[i];
                }
            }
        }
        double[] result = new double[qs.length];
        for (int k = 0; k < qs.length; k++) {
            long rank = Math.max(1, (long) Math.ceil(qs[k] * total));
            long cumulative = zeros;
            if (cumulative >= rank) {
                result[k] = 0;
                continue;
            }
            result[k] = Double.NaN;
            for (int i = 0; i < merged.length; i++) {
                cumulative += merged[i];
                if (cumulative >= rank) {
                    result[k] = 2 * Math.pow(GAMMA, min + i) / (GAMMA + 1);
                    break;
                }
            }
        }
        return result;
    }

    private static final class Slot {
        private long id = Long.MIN_VALUE;
        private long total;
        private long zeros;
        private int offset;
        private long[] counts;

        void reset(long newId) {
            id = newId;
            total = 0;
            zeros = 0;
            counts = null;
        }

        boolean live(long current, int window) {
            return id <= current && id > current - window;
        }

        void add(int index) {
            if (counts == null) {
                offset = index;
                counts = new long[16];
            } else if (index < offset) {
                // Grow downwards with some slack, so a slowly widening range does not copy on every value.
                int newOffset = index - 8;
                long[] grown = new long[counts.length + (offset - newOffset)];
                System.arraycopy(counts, 0, grown, offset - newOffset, counts.length);
                counts = grown;
                offset = newOffset;
            } else if (index >= offset + counts.length) {
                counts = Arrays.copyOf(counts, index - offset + 9);
            }
            counts[index - offset]++;
        }
    }
}
