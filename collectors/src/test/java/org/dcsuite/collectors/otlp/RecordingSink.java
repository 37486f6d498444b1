package org.dcsuite.collectors.otlp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;

/** A sink that keeps what it is given, for assertions. */
final class RecordingSink implements SampleSink {

    final List<MetricDescriptor> described = new CopyOnWriteArrayList<>();
    final List<List<Sample>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void describe(MetricDescriptor metric) {
        described.add(metric);
    }

    @Override
    public void submit(List<Sample> samples) {
        batches.add(List.copyOf(samples));
    }

    /** The values of the last batch submitted. */
    Map<SeriesKey, Double> latest() {
        return OtlpSpans.values(batches.getLast());
    }
}
