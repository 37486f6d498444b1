package org.dcsuite.slo;

import java.util.List;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.slo.definition.SliDefinition;

/**
 * Threshold SLIs over gauges: each minute with data is one event, good when the minute's average of every
 * matched series satisfies the bound (the worst sensor decides, so one hot inlet makes the minute bad).
 */
final class ThresholdSliReader extends SliReader {

    private final SliDefinition.Threshold sli;
    private long firstMinute;
    private boolean[] seen;
    private boolean[] violated;

    ThresholdSliReader(SliDefinition.Threshold sli) {
        this.sli = sli;
    }

    @Override
    List<Input> inputs() {
        return List.of(new Input(sli.query(), Aggregation.AVG));
    }

    @Override
    void reset() {
        // Nothing outlives a chunk.
    }

    @Override
    void beginCycle(long commitMinute) {
        // Gauges carry nothing from one minute to the next.
    }

    @Override
    void beginChunk(long firstMinute, int minutes) {
        this.firstMinute = firstMinute;
        this.seen = new boolean[minutes];
        this.violated = new boolean[minutes];
    }

    @Override
    void prime(int input, SeriesKey series, double value) {
        // Gauges need no earlier value.
    }

    @Override
    void accept(int input, SeriesKey series, List<Point> points) {
        for (Point p : points) {
            if (Double.isNaN(p.value())) {
                continue;
            }
            int i = (int) (Math.floorDiv(p.timeMillis(), 60_000L) - firstMinute);
            seen[i] = true;
            if (!sli.op().test(p.value(), sli.bound())) {
                violated[i] = true;
            }
        }
    }

    @Override
    void finishChunk(SloLedger ledger, MinuteExclusions excluded) {
        for (int i = 0; i < seen.length; i++) {
            long minute = firstMinute + i;
            boolean counts = seen[i] && !excluded.covers(minute);
            ledger.put(minute, counts && violated[i] ? 1 : 0, counts ? 1 : 0);
        }
        seen = null;
        violated = null;
    }
}
