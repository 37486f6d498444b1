package org.dcsuite.collectors.otlp;

import java.util.Map;

/**
 * A snapshot of the receiver's counters since it started, for tests, logs and {@code /metrics}.
 *
 * @param spansAccepted spans decoded and aggregated
 * @param spansRejected spans reported back as rejected in {@code partial_success} (bad ids, end before start)
 * @param spansFolded   entry spans counted under {@code route="other"} because of the route cap
 * @param routes        (service, route) pairs currently kept
 * @param requests      HTTP requests answered, by outcome (every outcome present)
 */
public record OtlpReceiverStats(long spansAccepted, long spansRejected, long spansFolded, int routes,
        Map<OtlpRequestOutcome, Long> requests) {

    public OtlpReceiverStats {
        requests = Map.copyOf(requests);
    }
}
