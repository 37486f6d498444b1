package org.dcsuite.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.slo.definition.CompositeSlo;

/**
 * Evaluates SLOs against a store, incrementally: each call reads only the minutes since the previous one
 * (plus the last {@value #SETTLE_MINUTES} again, for samples that arrive late), from the store's per-minute
 * answers, which long ranges take from rollups. The first call, or a call earlier than the previous one,
 * rebuilds the state from the store.
 *
 * <p>Window alignment: {@code at} is rounded down to a whole minute {@code A}; every window is
 * {@code (A - W, A]} in whole minutes, and a minute's counter increase is the difference between the last
 * samples at or before its end and at or before the previous minute's end (a restart within the minute is
 * completed from the minute's highest value). For a counter scraped on a steady
 * grid this equals Prometheus's {@code increase(x[W])} evaluated at {@code A} (whose extrapolation restores the
 * interval before the first sample in the window); differences at window edges are discussed in docs/slo.md.
 * Windows longer than the minute detail (3 days and 2 hours) start at the next whole hour after {@code A - W}.
 *
 * <p>Safe to call from several threads: calls are serialised, and each runs blocking store queries, so
 * callers keep it off event loops.
 */
public final class SloEngine {

    /** Minutes read again each cycle because late samples may still change them. */
    public static final int SETTLE_MINUTES = 2;
    /**
     * Minutes per store query while rebuilding: a day, so that a rebuild over thousands of series holds a few
     * million points at a time rather than tens of millions (the store allows 11,000 per series).
     */
    static final int CHUNK_MINUTES = 1440;

    private final SloDefinitions definitions;
    private final List<SloRuntime> runtimes = new ArrayList<>();
    private final List<SliReader> readers;
    private final SloFeed feed;
    private long committedMinute = Long.MIN_VALUE;
    private long newestMinute = Long.MIN_VALUE;

    public SloEngine(TelemetryStore store, SloDefinitions definitions) {
        Objects.requireNonNull(store, "store");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        definitions.all().forEach(d -> runtimes.add(new SloRuntime(d)));
        this.readers = runtimes.stream().map(r -> r.reader).toList();
        this.feed = new SloFeed(store, readers);
    }

    /** The statuses of every SLO, then every composite, at {@code at}. */
    public synchronized List<SloStatus> evaluate(Instant at) {
        long atMinute = Math.floorDiv(at.toEpochMilli(), 60_000L);
        if (committedMinute == Long.MIN_VALUE || atMinute < newestMinute) {
            rebuild(atMinute);
        }
        ingest(atMinute);
        List<SloStatus> out = new ArrayList<>();
        Map<String, SloStatus> byName = new HashMap<>();
        Map<String, Duration> lengths = new HashMap<>();
        Instant aligned = Instant.ofEpochMilli(atMinute * 60_000);
        for (SloRuntime r : runtimes) {
            SloStatus s = r.status(atMinute);
            out.add(s);
            byName.put(s.name(), s);
            lengths.put(s.name(), r.definition.window().length(aligned));
        }
        for (CompositeSlo c : definitions.composites()) {
            out.add(CompositeEvaluation.evaluate(c, byName, lengths));
        }
        return out;
    }

    private void rebuild(long atMinute) {
        long start = atMinute;
        for (SloRuntime r : runtimes) {
            start = Math.min(start, r.earliestMinuteNeeded(atMinute));
        }
        for (SloRuntime r : runtimes) {
            r.ledger.clear();
            r.reader.reset();
            r.reader.beginCycle(start);
        }
        committedMinute = start;
        newestMinute = start;
        feed.prime(start);
    }

    private void ingest(long atMinute) {
        long commit = Math.max(committedMinute, atMinute - SETTLE_MINUTES);
        for (SloRuntime r : runtimes) {
            r.reader.beginCycle(commit);
        }
        for (long from = committedMinute + 1; from <= atMinute; from += CHUNK_MINUTES) {
            long to = Math.min(atMinute, from + CHUNK_MINUTES - 1);
            int minutes = (int) (to - from + 1);
            for (SloRuntime r : runtimes) {
                r.reader.beginChunk(from, minutes);
            }
            feed.read(from, to);
            feed.completeResets(readers);
            for (SloRuntime r : runtimes) {
                r.reader.finishChunk(r.ledger, r.exclusions);
            }
        }
        committedMinute = commit;
        newestMinute = Math.max(newestMinute, atMinute);
    }
}
