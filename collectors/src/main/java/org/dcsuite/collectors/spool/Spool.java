package org.dcsuite.collectors.spool;

import java.util.List;
import java.util.Optional;
import org.dcsuite.core.series.Sample;

/**
 * Where batches wait while the store is down or slow, in arrival order, surviving a restart of the process.
 * Bounded: a batch that would exceed the bound is refused, and the caller counts and logs what it dropped.
 * Used by one writer thread at a time.
 */
public interface Spool extends AutoCloseable {

    /**
     * Appends a batch durably (it is on disk when this returns).
     *
     * @return false when the batch would exceed the bound; nothing was stored
     */
    boolean offer(List<Sample> batch);

    /** The oldest batch, without removing it. */
    Optional<List<Sample>> peek();

    /** Removes the batch {@link #peek()} returned, once the store has it. */
    void removeHead();

    /** Batches waiting. */
    long batches();

    /** Bytes on disk. */
    long sizeBytes();

    @Override
    void close();
}
