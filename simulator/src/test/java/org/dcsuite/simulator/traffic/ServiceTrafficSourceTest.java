package org.dcsuite.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceTrafficSourceTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 13:00 UTC is 14:00 in Paris in November: the daily peak. */
    private static final Instant PEAK = Instant.parse("2026-11-24T13:00:00Z");
    private static final ServiceTraffic CHECKOUT = new ServiceTraffic("checkout", 10, 0.01,
            List.of(new TrafficRoute("GET", "/cart", 3), new TrafficRoute("POST", "/checkout", 1)),
            Map.of(TrafficSegment.STORAGE, latency(12, 60), TrafficSegment.APP, latency(8, 35)));

    @Test
    void theSameSeedGivesTheSameRequestsHoweverTimeIsCut() {
        TrafficPlan plan = plan(0.5, Optional.empty());
        ServiceTrafficSource once = source(plan, 7);
        ServiceTrafficSource sliced = source(plan, 7);

        List<SimulatedRequest> whole = once.requestsUntil(PEAK.plusSeconds(60));
        List<SimulatedRequest> parts = new ArrayList<>();
        for (int s = 1; s <= 60; s++) {
            parts.addAll(sliced.requestsUntil(PEAK.plusMillis(s * 1000L - 1)));
        }
        parts.addAll(sliced.requestsUntil(PEAK.plusSeconds(60)));

        assertThat(parts).isEqualTo(whole);
        assertThat(source(plan, 8).requestsUntil(PEAK.plusSeconds(60))).isNotEqualTo(whole);
    }

    @Test
    void theRateFollowsTheSitesLocalDayAroundItsMean() {
        TrafficPlan plan = plan(0.5, Optional.empty());
        ServiceTrafficSource peak = source(plan, 1);
        ServiceTrafficSource trough = source(plan, 1, PEAK.plus(Duration.ofHours(12)));

        int atPeak = peak.requestsUntil(PEAK.plus(Duration.ofMinutes(10))).size();
        int atTrough = trough.requestsUntil(PEAK.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(10))).size();

        // 10 minutes at 15/s and at 5/s: Poisson counts of 9000 and 3000 vary by about 1% and 2%.
        assertThat((double) atPeak).isCloseTo(9000, within(9000 * 0.05));
        assertThat((double) atTrough).isCloseTo(3000, within(3000 * 0.08));
        assertThat(peak.rate(PEAK.plus(Duration.ofHours(6)).getEpochSecond() * 1_000_000_000L))
                .isCloseTo(10, within(1e-9));
    }

    @Test
    void routesErrorsAndLatenciesFollowTheService() {
        List<SimulatedRequest> requests = source(plan(0, Optional.empty()), 3)
                .requestsUntil(PEAK.plus(Duration.ofMinutes(20)));

        long cart = requests.stream().filter(r -> r.route().route().equals("/cart")).count();
        long failed = requests.stream().filter(SimulatedRequest::failed).count();
        assertThat((double) cart / requests.size()).isCloseTo(0.75, within(0.02));
        assertThat((double) failed / requests.size()).isCloseTo(0.01, within(0.004));
        assertThat(requests).filteredOn(SimulatedRequest::failed)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(ServiceTrafficSource.ERROR_STATUS));
        assertThat(requests).allSatisfy(r -> assertThat(r.segments()).extracting(SimulatedRequest.SegmentTime::segment)
                .containsExactly(TrafficSegment.STORAGE));
        // Lognormal: the sample median and 99th percentile are near the configured ones.
        assertThat(percentile(requests.stream().mapToLong(r -> r.segments().getFirst().nanos()).toArray(), 0.5))
                .isCloseTo(12e6, within(12e6 * 0.05));
        assertThat(percentile(requests.stream().mapToLong(r -> r.segments().getFirst().nanos()).toArray(), 0.99))
                .isCloseTo(60e6, within(60e6 * 0.15));
        assertThat(percentile(requests.stream().mapToLong(SimulatedRequest::appNanos).toArray(), 0.5))
                .isCloseTo(8e6, within(8e6 * 0.05));
    }

    @Test
    void incidentsAreShortBurstsOfErrorsAndSlowness() {
        TrafficIncidents incidents = new TrafficIncidents(Duration.ofMinutes(20), Duration.ofMinutes(5), 0.2, 3);
        ServiceTrafficSource source = source(plan(0, Optional.of(incidents)), 5);

        List<SimulatedRequest> requests = source.requestsUntil(PEAK.plus(Duration.ofHours(3)));

        // A second source with the same seed has the same incidents: they come from their own stream.
        ServiceTrafficSource twin = source(plan(0, Optional.of(incidents)), 5);
        Map<Boolean, List<SimulatedRequest>> byIncident = requests.stream()
                .collect(Collectors.partitioningBy(r -> twin.inIncident(r.startNanos())));
        List<SimulatedRequest> during = byIncident.get(true);
        List<SimulatedRequest> outside = byIncident.get(false);
        // About 9 incidents of 5 minutes in 3 hours: a share of the time, not most of it.
        assertThat((double) during.size() / requests.size()).isBetween(0.05, 0.45);
        assertThat(errorRatio(during)).isCloseTo(0.2, within(0.03));
        assertThat(errorRatio(outside)).isCloseTo(0.01, within(0.003));
        assertThat(during).filteredOn(SimulatedRequest::failed)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(ServiceTrafficSource.INCIDENT_STATUS));
        assertThat(percentile(during.stream().mapToLong(SimulatedRequest::appNanos).toArray(), 0.5))
                .isCloseTo(24e6, within(24e6 * 0.1));
    }

    private static double errorRatio(List<SimulatedRequest> requests) {
        return (double) requests.stream().filter(SimulatedRequest::failed).count() / requests.size();
    }

    private static double percentile(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    private static TrafficPlan plan(double swing, Optional<TrafficIncidents> incidents) {
        return new TrafficPlan(swing, incidents, List.of(new SiteTraffic("edge-lyon", List.of(CHECKOUT))));
    }

    private static ServiceTrafficSource source(TrafficPlan plan, long seed) {
        return source(plan, seed, PEAK);
    }

    private static ServiceTrafficSource source(TrafficPlan plan, long seed, Instant start) {
        return new ServiceTrafficSource("edge-lyon", CHECKOUT, plan, PARIS, seed, start);
    }

    private static SegmentLatency latency(long medianMs, long p99Ms) {
        return new SegmentLatency(Duration.ofMillis(medianMs), Duration.ofMillis(p99Ms));
    }
}
