package org.dcsuite.collectors.otlp;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of the span SLI aggregation: how many series it keeps, how long it waits for late child spans and
 * how long it remembers spans.
 *
 * @param maxRoutes       (service, site, route) series families kept; beyond, new routes fold into
 *                        {@code route="other"}
 * @param idleTimeout     a series not updated for this long stops being emitted and is forgotten
 * @param breakdownDelay  how long after its entry span arrives a request's latency breakdown is computed, so
 *                        children exported after their parent (other processes, other batches) still count
 * @param spanRetention   how long received spans stay in the index that finds an entry span's descendants
 * @param maxIndexedSpans spans kept in that index at most; the oldest traces go first
 * @param window          the width of the quantile window
 * @param windowSlots     the slots the quantile window slides by
 */
record SpanSliLimits(int maxRoutes, Duration idleTimeout, Duration breakdownDelay, Duration spanRetention,
        int maxIndexedSpans, Duration window, int windowSlots) {

    /** Cap on (service, site, route) series families. */
    static final int DEFAULT_MAX_ROUTES = 2_000;
    /** Idle series expire after an hour. */
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);
    /** Breakdowns wait 5 s for late children. */
    static final Duration DEFAULT_BREAKDOWN_DELAY = Duration.ofSeconds(5);
    /** Spans are remembered for 30 s. */
    static final Duration DEFAULT_SPAN_RETENTION = Duration.ofSeconds(30);
    /** At most 200,000 spans are remembered (a few hundred MiB at worst, far less for typical spans). */
    static final int DEFAULT_MAX_INDEXED_SPANS = 200_000;
    /** Quantiles cover the last minute in six 10-second slots. */
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    static final int DEFAULT_WINDOW_SLOTS = 6;

    static final SpanSliLimits DEFAULTS = new SpanSliLimits(DEFAULT_MAX_ROUTES, DEFAULT_IDLE_TIMEOUT,
            DEFAULT_BREAKDOWN_DELAY, DEFAULT_SPAN_RETENTION, DEFAULT_MAX_INDEXED_SPANS, DEFAULT_WINDOW,
            DEFAULT_WINDOW_SLOTS);

    SpanSliLimits {
        if (maxRoutes < 1 || maxIndexedSpans < 1 || windowSlots < 1) {
            throw new IllegalArgumentException("maxRoutes, maxIndexedSpans and windowSlots must be positive");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(breakdownDelay, "breakdownDelay");
        Objects.requireNonNull(spanRetention, "spanRetention");
        Objects.requireNonNull(window, "window");
        if (window.toMillis() / windowSlots < 1) {
            throw new IllegalArgumentException("window slots must be at least 1 ms wide");
        }
    }

    SpanSliLimits withMaxRoutes(int routes) {
        return new SpanSliLimits(routes, idleTimeout, breakdownDelay, spanRetention, maxIndexedSpans, window,
                windowSlots);
    }
}
