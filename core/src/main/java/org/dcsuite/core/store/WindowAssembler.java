package org.dcsuite.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one series' buckets into the points of a {@link RangeQuery}. Buckets must be sorted by start, each
 * lying wholly inside the windows that contain its start: true when bucket widths divide
 * {@link RangeQuery#bucketMillis()} and buckets are aligned to {@link RangeQuery#from()} modulo that width.
 */
public final class WindowAssembler {

    private WindowAssembler() {
    }

    /**
     * @param bucketStarts start time of each bucket in milliseconds, ascending
     * @param buckets      the stats of each bucket, same order
     */
    public static List<Point> points(RangeQuery query, long[] bucketStarts, WindowStats[] buckets, int size) {
        List<Point> points = new ArrayList<>();
        long step = query.stepMillis();
        long window = query.windowMillis();
        Aggregation agg = query.aggregation();
        int first = 0;
        for (long t = query.fromMillis(); t <= query.toMillis(); t += step) {
            while (first < size && bucketStarts[first] < t) {
                first++;
            }
            if (first >= size) {
                break;
            }
            long end = t + window;
            if (bucketStarts[first] >= end) {
                continue;
            }
            WindowStats stats;
            if (first + 1 >= size || bucketStarts[first + 1] >= end) {
                stats = buckets[first];
            } else {
                stats = new WindowStats();
                for (int i = first; i < size && bucketStarts[i] < end; i++) {
                    stats.merge(buckets[i]);
                }
            }
            if (stats.hasValue(agg)) {
                points.add(new Point(t, stats.value(agg, t, end)));
            }
        }
        return points;
    }

    /** The start of the bucket of width {@code bucketMillis}, aligned to {@code originMillis}, holding time t. */
    public static long bucketStart(long timeMillis, long originMillis, long bucketMillis) {
        return originMillis + Math.floorDiv(timeMillis - originMillis, bucketMillis) * bucketMillis;
    }
}
