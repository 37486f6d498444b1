package org.dcsuite.energy.signal;

import java.time.Instant;

/** Where a signal's values come from: a constant, a file, an HTTP service. Blocking; callers own threads. */
public interface SignalSource {

    /** The values covering at least {@code [from, to]} where the source has them. */
    SignalSeries read(Instant from, Instant to) throws SignalException;

    /** Whether {@link #read} depends on the range asked for (an HTTP query) or reads everything (a file). */
    default boolean rangeDependent() {
        return false;
    }

    /** For messages and reports: the file or the URL without its query; never a secret. */
    String describe();
}
