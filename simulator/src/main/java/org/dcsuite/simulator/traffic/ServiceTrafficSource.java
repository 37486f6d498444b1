package org.dcsuite.simulator.traffic;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The requests of one service at one site, drawn in order from a stream seeded by the seed, the site and the service:
 * arrivals are a Poisson process whose rate follows the site's local day, each request picks a route by weight, fails
 * with the error ratio and takes a lognormal time per segment. Incidents come from a second stream, so they do not
 * move when the traffic changes. The requests are therefore the same however the time is cut into calls. Not
 * thread-safe.
 */
final class ServiceTrafficSource {

    /** The status of a failed request outside and during an incident. */
    static final int ERROR_STATUS = 500;
    static final int INCIDENT_STATUS = 503;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final double HOURS_PER_DAY = 24;

    private final ServiceTraffic service;
    private final double dailySwing;
    private final Optional<TrafficIncidents> incidents;
    private final ZoneId zone;
    private final SplittableRandom requests;
    private final SplittableRandom incidentTimes;
    private final double totalWeight;
    private long nextArrivalNanos;
    private long incidentStartNanos;
    private long incidentEndNanos;

    ServiceTrafficSource(String site, ServiceTraffic service, TrafficPlan plan, ZoneId zone, long seed,
            Instant start) {
        this.service = service;
        this.dailySwing = plan.dailySwing();
        this.incidents = plan.incidents();
        this.zone = zone;
        SplittableRandom root = new SplittableRandom(seed(seed, site + "/" + service.name()));
        this.requests = root.split();
        this.incidentTimes = root.split();
        this.totalWeight = service.routes().stream().mapToDouble(TrafficRoute::weight).sum();
        long startNanos = nanos(start);
        this.incidentEndNanos = startNanos;
        this.incidentStartNanos = startNanos;
        this.nextArrivalNanos = startNanos + gapNanos(startNanos);
    }

    ServiceTraffic service() {
        return service;
    }

    /** The requests that start before {@code until} and after the previous call's end, in order. */
    List<SimulatedRequest> requestsUntil(Instant until) {
        long end = nanos(until);
        List<SimulatedRequest> out = new ArrayList<>();
        while (nextArrivalNanos < end) {
            out.add(request(nextArrivalNanos));
            nextArrivalNanos += gapNanos(nextArrivalNanos);
        }
        return out;
    }

    /** The requests per second the service receives at that instant. */
    double rate(long epochNanos) {
        ZonedDateTime local = Instant.ofEpochSecond(0, epochNanos).atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        return service.requestsPerSecond()
                * (1 + dailySwing * Math.cos(2 * Math.PI * (hour - TrafficPlan.PEAK_HOUR) / HOURS_PER_DAY));
    }

    /** Whether an incident is under way at that instant; instants must not go backwards. */
    boolean inIncident(long epochNanos) {
        if (incidents.isEmpty()) {
            return false;
        }
        while (epochNanos >= incidentEndNanos) {
            long gap = (long) (incidentTimes.nextExponential() * incidents.get().meanInterval().toNanos());
            incidentStartNanos = incidentEndNanos + gap;
            incidentEndNanos = incidentStartNanos + incidents.get().duration().toNanos();
        }
        return epochNanos >= incidentStartNanos;
    }

    private SimulatedRequest request(long startNanos) {
        boolean incident = inIncident(startNanos);
        TrafficRoute route = route(requests.nextDouble() * totalWeight);
        double errorRatio = incident ? Math.max(incidents.get().errorRatio(), service.errorRatio())
                : service.errorRatio();
        boolean failed = requests.nextDouble() < errorRatio;
        double factor = incident ? incidents.get().latencyFactor() : 1;
        List<SimulatedRequest.SegmentTime> segments = new ArrayList<>();
        long app = 0;
        // Segments are drawn in a fixed order, so the same seed gives the same latencies whatever the map's order.
        for (TrafficSegment segment : TrafficSegment.values()) {
            SegmentLatency latency = service.segments().get(segment);
            if (latency == null) {
                continue;
            }
            long nanos = latency.sampleNanos(requests, factor);
            if (segment == TrafficSegment.APP) {
                app = nanos;
            } else {
                segments.add(new SimulatedRequest.SegmentTime(segment, nanos));
            }
        }
        int status = !failed ? 200 : incident ? INCIDENT_STATUS : ERROR_STATUS;
        return new SimulatedRequest(startNanos, route, status, List.copyOf(segments), app);
    }

    private TrafficRoute route(double draw) {
        double sum = 0;
        for (TrafficRoute r : service.routes()) {
            sum += r.weight();
            if (draw < sum) {
                return r;
            }
        }
        return service.routes().getLast();
    }

    private long gapNanos(long fromNanos) {
        return Math.max(1, (long) (requests.nextExponential() / rate(fromNanos) * NANOS_PER_SECOND));
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /** Mixes the seed with a name, so each service's stream is its own and adding one moves no other. */
    private static long seed(long seed, String name) {
        long h = seed;
        for (int i = 0; i < name.length(); i++) {
            h = h * 31 + name.charAt(i);
        }
        return h;
    }
}
