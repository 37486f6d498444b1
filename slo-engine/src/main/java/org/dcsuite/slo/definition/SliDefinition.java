package org.dcsuite.slo.definition;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dcsuite.core.select.SeriesSelector;

/** What an SLO measures; every kind yields, per minute, a number of bad and of total events. */
public sealed interface SliDefinition {

    /**
     * A ratio of counters summed over every series each selector matches. Exactly one of {@code good} and
     * {@code bad} is set; with {@code good}, bad is total minus good.
     */
    record Ratio(SeriesSelector good, SeriesSelector bad, SeriesSelector total) implements SliDefinition {
        public Ratio {
            Objects.requireNonNull(total, "total");
            if ((good == null) == (bad == null)) {
                throw new IllegalArgumentException("a ratio SLI takes exactly one of good and bad");
            }
        }
    }

    /**
     * A gauge compared with a bound each minute: a minute is good when the minute's average of every matched
     * series satisfies {@code value op bound}, and counts when at least one series has a sample in it.
     */
    record Threshold(SeriesSelector query, Comparison op, double bound) implements SliDefinition {
        public Threshold {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(op, "op");
        }
    }

    /**
     * The share of requests faster than {@code thresholdSeconds}, from Prometheus-style cumulative histogram
     * buckets: good is the bucket whose {@code le} equals the threshold, total the {@code le="+Inf"} bucket.
     *
     * @param segments what each segment of a request (dns, connect, auth, storage...) may take, in the order
     *                 written; not evaluated by the engine, only shown against the segments' measured quantiles
     *                 so one sees which segment spends the latency budget. Empty when none are set.
     */
    record Latency(SeriesSelector buckets, double thresholdSeconds, Map<String, Duration> segments)
            implements SliDefinition {
        public Latency {
            Objects.requireNonNull(buckets, "buckets");
            segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
        }
    }
}
