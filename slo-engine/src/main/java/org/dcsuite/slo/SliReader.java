package org.dcsuite.slo;

import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.slo.definition.SliDefinition;

/**
 * Turns the store's per-minute answers for one SLO's selectors into bad and total events per minute, a
 * chunk of minutes at a time. Counter state that outlives a chunk is kept in two versions: the committed one
 * (samples up to the commit minute, which are not read again) and the working one, reset to the committed
 * one at the start of each cycle because the newest minutes are read again in case samples arrived late.
 */
abstract sealed class SliReader permits CounterSliReader, ThresholdSliReader {

    /** One selector the reader needs, with the per-minute aggregation it asks the store for. */
    record Input(SeriesSelector selector, Aggregation aggregation) {
    }

    static SliReader of(SliDefinition sli) {
        return switch (sli) {
            case SliDefinition.Ratio r -> CounterSliReader.ratio(r);
            case SliDefinition.Latency l -> CounterSliReader.latency(l);
            case SliDefinition.Threshold t -> new ThresholdSliReader(t);
        };
    }

    abstract List<Input> inputs();

    /** Forgets every series, before a rebuild. */
    abstract void reset();

    /** Starts a cycle whose samples up to {@code commitMinute} are final. */
    abstract void beginCycle(long commitMinute);

    /** Starts collecting minutes {@code firstMinute .. firstMinute + minutes - 1}. */
    abstract void beginChunk(long firstMinute, int minutes);

    /** The last value before the first minute, so the first minute's increase is known. */
    abstract void prime(int input, SeriesKey series, double value);

    /** Points of one series matched by input {@code input}, one per minute (labelled at the minute's end). */
    abstract void accept(int input, SeriesKey series, List<Point> points);

    /**
     * A counter that fell within a minute: the minute's last value {@code after} is below the previous last value
     * {@code before}. The increase before the restart can only be recovered from the minute's highest value.
     */
    record CounterReset(int input, SeriesKey series, long minute, double before, double after) {
    }

    /** The resets seen in the current chunk, to be completed with {@link #completeReset}. */
    List<CounterReset> resets() {
        return List.of();
    }

    /** Adds what a reset's minute counted before the restart, given the minute's highest value. */
    void completeReset(CounterReset reset, double max) {
        throw new UnsupportedOperationException("only counter SLIs see resets");
    }

    /** Writes the chunk's minutes to the ledger; minutes covered by {@code excluded} count as nothing. */
    abstract void finishChunk(SloLedger ledger, MinuteExclusions excluded);
}
