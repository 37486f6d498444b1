package org.dcsuite.collectors.otlp;

import java.util.List;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;

/**
 * The SLI series the OTLP receiver derives from entry spans, named so the SLO engine can select them: request and
 * error counters, a Prometheus-style latency histogram and last-minute quantiles by {@code service}, {@code route}
 * and, when the application names it, {@code site}, and the same histogram and quantiles by latency
 * {@code segment}. Counters are cumulative since the series appeared, so {@code rate(trace.duration.bucket[5m])}
 * works as it does on a Prometheus histogram.
 */
public final class TraceMetrics {

    /** The service, from the resource attribute {@code service.name}. */
    public static final String SERVICE = "service";
    /**
     * The site, from the resource attribute {@link #SITE_ATTRIBUTE}; only on series of spans whose resource has it,
     * so an application's requests count towards its site's energy per request and site SLOs.
     */
    public static final String SITE = "site";
    /** The resource attribute (a non-empty string) naming the site an application runs at. */
    public static final String SITE_ATTRIBUTE = "dcsuite.site";
    /** The route: {@code http.route}, else {@code url.template}, else the span name. */
    public static final String ROUTE = "route";
    /** The latency segment ({@code app}, {@code storage}, {@code dns}, ...). */
    public static final String SEGMENT = "segment";
    /** A histogram bucket's upper bound, inclusive, formatted as Prometheus does ({@code 0.005}, {@code 1}, {@code +Inf}). */
    public static final String LE = "le";
    /** The quantile of a {@code .quantile} gauge: {@code 0.5}, {@code 0.95} or {@code 0.99}. */
    public static final String QUANTILE = "quantile";
    /** The route every (service, route) pair beyond the cardinality cap is folded into. */
    public static final String OTHER_ROUTE = "other";

    private static final Unit REQUESTS = Unit.of("{request}");

    /** Entry spans (requests) received since the series appeared. */
    public static final MetricDescriptor REQUESTS_TOTAL = new MetricDescriptor("trace.requests", REQUESTS,
            MetricKind.COUNTER, "Requests (entry spans) by service and route");
    /** Entry spans with status ERROR, or a server span with an HTTP status of 500 or more. */
    public static final MetricDescriptor ERRORS_TOTAL = new MetricDescriptor("trace.errors", Unit.of("{error}"),
            MetricKind.COUNTER, "Failed requests (entry spans) by service and route");
    /** Requests whose duration was at most {@link #LE}, cumulative over buckets. */
    public static final MetricDescriptor DURATION_BUCKET = new MetricDescriptor("trace.duration.bucket", REQUESTS,
            MetricKind.COUNTER, "Requests by duration bucket (upper bound le, seconds)");
    /** The sum of request durations. */
    public static final MetricDescriptor DURATION_SUM = new MetricDescriptor("trace.duration.sum", Unit.SECOND,
            MetricKind.COUNTER, "Sum of request durations");
    /** The number of request durations recorded (equal to the {@code +Inf} bucket). */
    public static final MetricDescriptor DURATION_COUNT = new MetricDescriptor("trace.duration.count", REQUESTS,
            MetricKind.COUNTER, "Number of request durations recorded");
    /** A quantile of request durations over the last minute. */
    public static final MetricDescriptor DURATION_QUANTILE = new MetricDescriptor("trace.duration.quantile",
            Unit.SECOND, MetricKind.GAUGE, "Request duration quantile over the last minute");
    /** Requests in which the segment occurred, by the segment's duration bucket. */
    public static final MetricDescriptor SEGMENT_BUCKET = new MetricDescriptor("trace.segment.duration.bucket",
            REQUESTS, MetricKind.COUNTER, "Requests by the duration bucket of one latency segment");
    /** The sum of the segment's durations. */
    public static final MetricDescriptor SEGMENT_SUM = new MetricDescriptor("trace.segment.duration.sum",
            Unit.SECOND, MetricKind.COUNTER, "Sum of one latency segment's durations");
    /** The number of segment durations recorded. */
    public static final MetricDescriptor SEGMENT_COUNT = new MetricDescriptor("trace.segment.duration.count",
            REQUESTS, MetricKind.COUNTER, "Number of durations recorded for one latency segment");
    /** A quantile of the segment's durations over the last minute. */
    public static final MetricDescriptor SEGMENT_QUANTILE = new MetricDescriptor("trace.segment.duration.quantile",
            Unit.SECOND, MetricKind.GAUGE, "Latency segment duration quantile over the last minute");

    private TraceMetrics() {
    }

    /** Every metric the receiver writes, for describing them to a sink once. */
    public static List<MetricDescriptor> all() {
        return List.of(REQUESTS_TOTAL, ERRORS_TOTAL, DURATION_BUCKET, DURATION_SUM, DURATION_COUNT, DURATION_QUANTILE,
                SEGMENT_BUCKET, SEGMENT_SUM, SEGMENT_COUNT, SEGMENT_QUANTILE);
    }
}
