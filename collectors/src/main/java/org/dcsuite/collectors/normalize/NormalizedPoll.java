package org.dcsuite.collectors.normalize;

import java.util.List;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;

/**
 * What one poll becomes: its samples, the descriptors of the metrics they belong to, and one message per reading
 * that was rejected (for example because its attributes collide with the topology).
 */
public record NormalizedPoll(List<Sample> samples, List<MetricDescriptor> descriptors, List<String> rejections) {

    public NormalizedPoll {
        samples = List.copyOf(samples);
        descriptors = List.copyOf(descriptors);
        rejections = List.copyOf(rejections);
    }
}
