package org.dcsuite.collectors.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    @Test
    void labelsAreFormattedAsPrometheusDoes() {
        assertThat(DurationHistogram.LE_LABELS).containsExactly("0.005", "0.01", "0.025", "0.05", "0.075", "0.1",
                "0.25", "0.5", "0.75", "1", "2.5", "5", "7.5", "10", "+Inf");
    }

    @Test
    void boundsAreInclusiveAndCountsCumulative() {
        DurationHistogram h = new DurationHistogram();
        h.record(0.005);
        h.record(0.0051);
        h.record(1);
        h.record(11);
        assertThat(h.cumulativeCounts()).containsExactly(1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4);
        assertThat(h.count()).isEqualTo(4);
        assertThat(h.sum()).isCloseTo(12.0101, within(1e-9));
    }
}
