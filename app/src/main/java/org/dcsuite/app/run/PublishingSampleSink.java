package org.dcsuite.app.run;

import java.util.List;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;

/**
 * Hands every batch to the store's writer and publishes it on the telemetry bus, so live consumers see a sample when
 * the writer accepts it, whether or not the store is up.
 */
record PublishingSampleSink(SampleSink writer, TelemetryBus bus) implements SampleSink {

    @Override
    public void describe(MetricDescriptor metric) {
        writer.describe(metric);
    }

    @Override
    public void submit(List<Sample> samples) {
        writer.submit(samples);
        bus.publishSamples(samples);
    }
}
