package org.dcsuite.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one series' buckets into the points of a {@link RangeQuery}. Buckets are right-closed, {@code (end -
 * width, end]}, and identified by their end, like the query's windows. They must be sorted by end and lie
 * wholly inside the windows that contain their end: true when bucket widths divide
 * {@link RangeQuery#bucketMillis()} and bucket ends are aligned to {@link RangeQuery#from()} modulo that width
 * (see {@link #bucketEnd}).
 */
public final class WindowAssembler {

    private WindowAssembler() {
    }

    /**
     * @param bucketEnds end time of each bucket in milliseconds, ascending
     * @param buckets    the stats of each bucket, same order
     * @param size       how many entries of the arrays are used
     */
    public static List<Point> points(RangeQuery query, long[] bucketEnds, WindowStats[] buckets, int size) {
        List<Point> points = new ArrayList<>();
        long step = query.stepMillis();
        long window = query.windowMillis();
        Aggregation agg = query.aggregation();
        int first = 0;
        for (long t = query.fromMillis(); t <= query.toMillis(); t += step) {
            long start = t - window;
            while (first < size && bucketEnds[first] <= start) {
                first++;
            }
            if (first >= size) {
                break;
            }
            if (bucketEnds[first] > t) {
                continue;
            }
            WindowStats stats;
            if (first + 1 >= size || bucketEnds[first + 1] > t) {
                stats = buckets[first];
            } else {
                stats = new WindowStats();
                for (int i = first; i < size && bucketEnds[i] <= t; i++) {
                    stats.merge(buckets[i]);
                }
            }
            if (stats.hasValue(agg)) {
                points.add(new Point(t, stats.value(agg, start, t)));
            }
        }
        return points;
    }

    /**
     * The end of the right-closed bucket {@code (end - width, end]} holding time t, with bucket ends at
     * {@code origin + k * width}.
     */
    public static long bucketEnd(long timeMillis, long originMillis, long bucketMillis) {
        return originMillis - Math.floorDiv(originMillis - timeMillis, bucketMillis) * bucketMillis;
    }
}
