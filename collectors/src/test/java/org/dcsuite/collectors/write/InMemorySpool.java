package org.dcsuite.collectors.write;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.dcsuite.collectors.spool.Spool;
import org.dcsuite.core.series.Sample;

/** A spool in memory, bounded in samples, standing in for the disk spool in tests of its users. */
public final class InMemorySpool implements Spool {

    private final ArrayDeque<List<Sample>> batches = new ArrayDeque<>();
    private final long maxSamples;
    private long samples;

    public InMemorySpool(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    @Override
    public synchronized boolean offer(List<Sample> batch) {
        if (samples + batch.size() > maxSamples) {
            return false;
        }
        batches.addLast(List.copyOf(batch));
        samples += batch.size();
        return true;
    }

    @Override
    public synchronized Optional<List<Sample>> peek() {
        return Optional.ofNullable(batches.peekFirst());
    }

    @Override
    public synchronized void removeHead() {
        samples -= batches.removeFirst().size();
    }

    @Override
    public synchronized long batches() {
        return batches.size();
    }

    @Override
    public synchronized long sizeBytes() {
        return samples * 64;
    }

    @Override
    public void close() {
    }
}
