package org.dcsuite.tests.slo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The request counters of one service, {@code http_requests_total{service="checkout",code="200"|"500"}}, as a
 * scraper would have stored them: integer counters sampled every scrape interval, traffic following a daily
 * cycle, a steady error ratio with incidents of higher ratios, and process restarts that reset both counters.
 * Deterministic, so the test and its documented numbers are reproducible.
 */
final class RequestCounters {

    static final String METRIC = "http_requests_total";
    static final String SERVICE = "checkout";
    private static final double DAILY_SWING = 0.3;
    // The counters were already running before the history starts, as a scraped process's counters are.
    private static final double INITIAL_REQUESTS = 50_000_000;
    private static final double INITIAL_ERRORS = 25_000;

    /** A span of time during which the given share of requests fails. */
    record Incident(String name, Instant start, Duration length, double errorRatio) {
        Instant end() {
            return start.plus(length);
        }

        boolean covers(Instant t) {
            return !t.isBefore(start) && t.isBefore(end());
        }
    }

    /** What the generator is asked for. */
    record Plan(Instant start, Duration length, Duration scrapeInterval, Duration scrapeOffset,
            double meanRequestsPerSecond, double steadyErrorRatio, List<Incident> incidents, List<Instant> restarts) {
        Plan {
            Objects.requireNonNull(start, "start");
            incidents = List.copyOf(incidents);
            restarts = List.copyOf(restarts);
            if (scrapeInterval.toSeconds() < 1 || scrapeOffset.compareTo(scrapeInterval) >= 0) {
                throw new IllegalArgumentException("scrape interval " + scrapeInterval + " and offset " + scrapeOffset);
            }
        }

        double errorRatioAt(Instant t) {
            return incidents.stream().filter(i -> i.covers(t)).mapToDouble(Incident::errorRatio).max()
                    .orElse(steadyErrorRatio);
        }
    }

    /** Both counters at one scrape. */
    record Scrape(long timeMillis, long ok, long errors) {
    }

    private final List<Scrape> scrapes;

    private RequestCounters(List<Scrape> scrapes) {
        this.scrapes = List.copyOf(scrapes);
    }

    /**
     * Integrates the plan second by second: requests accumulate as real numbers and each scrape reads their
     * integer parts, so counters are whole and both codes of one scrape share a timestamp, as with a real scrape.
     */
    static RequestCounters generate(Plan plan) {
        long seconds = plan.length().toSeconds();
        long interval = plan.scrapeInterval().toSeconds();
        long offset = plan.scrapeOffset().toSeconds();
        List<Long> restarts = plan.restarts().stream()
                .map(r -> Duration.between(plan.start(), r).toSeconds()).toList();
        double requests = INITIAL_REQUESTS;
        double errors = INITIAL_ERRORS;
        List<Scrape> out = new ArrayList<>();
        for (long s = 0; s < seconds; s++) {
            if (restarts.contains(s)) {
                requests = 0;
                errors = 0;
            }
            Instant t = plan.start().plusSeconds(s);
            double rate = plan.meanRequestsPerSecond() * (1 + DAILY_SWING * Math.sin(2 * Math.PI * s / 86_400.0));
            requests += rate;
            errors += rate * plan.errorRatioAt(t);
            if (s % interval == offset) {
                long total = (long) Math.floor(requests);
                long failed = (long) Math.floor(errors);
                out.add(new Scrape(t.toEpochMilli(), total - failed, failed));
            }
        }
        return new RequestCounters(out);
    }

    List<Scrape> scrapes() {
        return scrapes;
    }

    /**
     * Writes the counters as OpenMetrics text with timestamps, the input of both
     * {@code promtool tsdb create-blocks-from openmetrics} and {@code dcsuite import openmetrics}. Each series'
     * samples are contiguous and in time order, as OpenMetrics requires.
     */
    void writeOpenMetrics(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# TYPE http_requests counter\n");
            w.write("# HELP http_requests Requests served by the checkout service, by HTTP status code.\n");
            for (Scrape s : scrapes) {
                writeSample(w, "200", s.ok(), s.timeMillis());
            }
            for (Scrape s : scrapes) {
                writeSample(w, "500", s.errors(), s.timeMillis());
            }
            w.write("# EOF\n");
        }
    }

    private static void writeSample(BufferedWriter w, String code, long value, long timeMillis) throws IOException {
        w.write(METRIC + "{service=\"" + SERVICE + "\",code=\"" + code + "\"} " + value + " " + timeMillis / 1000
                + "\n");
    }
}
