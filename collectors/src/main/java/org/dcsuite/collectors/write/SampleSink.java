package org.dcsuite.collectors.write;

import java.util.List;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;

/**
 * Where pollers hand their samples. Calls never block on the store, so a slow store never delays a poll.
 * Thread-safe.
 */
public interface SampleSink {

    /** Declares a metric's unit and kind before (or together with) its first samples. */
    void describe(MetricDescriptor metric);

    /** Accepts samples for writing. */
    void submit(List<Sample> samples);
}
