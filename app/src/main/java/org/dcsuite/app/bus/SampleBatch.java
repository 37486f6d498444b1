package org.dcsuite.app.bus;

import java.util.List;
import org.dcsuite.core.series.Sample;

/** One published batch of samples: a type of its own so the event bus can pick its codec. */
record SampleBatch(List<Sample> samples) {

    SampleBatch {
        samples = List.copyOf(samples);
    }
}
