package org.dcsuite.benchmarks.slo;

import org.dcsuite.core.series.SeriesKey;

/**
 * The SLO benchmarks' request counters, {@code bench_requests_total{service="svc-N",code="200"|"500"}}: 600
 * requests a minute per service, a 0.1-0.2% error background and a 40-error burst every 97 minutes. Counted
 * minute by minute from {@code days + 1} days before the last history minute; history older than 3 days and 3
 * hours before it is scraped every 5 minutes, newer every minute (the engine reads minute detail for the last 3
 * days and hours before that). Deterministic, so each consumer counts its own copy from the start.
 */
final class RequestHistory {

    static final String METRIC = "bench_requests_total";
    static final long MINUTE = 60_000;
    private static final int REQUESTS_PER_MINUTE = 600;

    /** Called for each counted minute with every service's counters at its end. */
    interface MinuteVisitor {
        void visit(long minute, double[] good, double[] bad);
    }

    private final int services;
    private final long detailFrom;
    private final double[] good;
    private final double[] bad;
    private long counted;

    /** @param lastMinute the last minute of history, in minutes since the epoch */
    RequestHistory(int services, long lastMinute, int days) {
        this.services = services;
        this.detailFrom = lastMinute - 3 * 1440 - 180;
        this.good = new double[services];
        this.bad = new double[services];
        this.counted = lastMinute - (days + 1) * 1440L - 1;
    }

    int services() {
        return services;
    }

    /** Whether the history holds a scrape at this minute. */
    boolean scraped(long minute) {
        return minute >= detailFrom || minute % 5 == 0;
    }

    /** Counts every minute after the last counted one up to {@code minute}, visiting each. */
    void countTo(long minute, MinuteVisitor visitor) {
        while (counted < minute) {
            long m = ++counted;
            for (int s = 0; s < services; s++) {
                double b = bad(m, s);
                bad[s] += b;
                good[s] += REQUESTS_PER_MINUTE - b;
            }
            visitor.visit(m, good, bad);
        }
    }

    static SeriesKey key(int service, String code) {
        return SeriesKey.of(METRIC, "service", service(service), "code", code);
    }

    static String service(int service) {
        return "svc-" + service;
    }

    /** Bad requests of a service in a minute. */
    private static double bad(long minute, int service) {
        return (minute + service) % 97 == 0 ? 40 : (minute * 7 + service) % 5 == 0 ? 1 : 0;
    }
}
