package org.dcsuite.simulator.traffic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigFile;
import org.dcsuite.core.config.ConfigProblem;
import org.dcsuite.core.config.Fields;
import org.dcsuite.core.config.YamlNode;

/**
 * Reads {@code traffic.yaml} from a configuration folder into a {@link TrafficPlan}, reporting every problem at once
 * as FILE:LINE:COLUMN: FIELD: MESSAGE. The bundled demo's file shows the format.
 */
public final class TrafficPlanReader {

    /** The file, directly in the configuration folder. */
    public static final String FILE = "traffic.yaml";
    /** Without {@code daily_swing}, the rate is the same all day. */
    static final double DEFAULT_DAILY_SWING = 0;
    /** Without {@code method}, a route is read with GET. */
    static final String DEFAULT_METHOD = "GET";
    /** Without {@code weight}, a route has the same share as the other routes without one. */
    static final double DEFAULT_WEIGHT = 1;

    private static final List<String> TOP_LEVEL = List.of("traffic");
    private static final List<String> TRAFFIC_FIELDS = List.of("daily_swing", "incidents", "sites");
    private static final List<String> INCIDENT_FIELDS = List.of("mean_interval", "duration", "error_ratio",
            "latency_factor");
    private static final List<String> SITE_FIELDS = List.of("site", "services");
    private static final List<String> SERVICE_FIELDS = List.of("name", "rate", "error_ratio", "routes", "segments");
    private static final List<String> ROUTE_FIELDS = List.of("route", "method", "weight");
    private static final List<String> LATENCY_FIELDS = List.of("median", "p99");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final Set<String> knownSites;

    private TrafficPlanReader(Set<String> knownSites) {
        this.knownSites = new TreeSet<>(knownSites);
    }

    /**
     * Reads {@code directory/traffic.yaml}.
     *
     * @param knownSites the site ids of the configuration; every site of the plan must be one of them
     * @throws ConfigException listing every problem, the file missing included
     */
    public static TrafficPlan load(Path directory, Set<String> knownSites) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigFile file = new ConfigFile(Path.of(FILE), problems);
        Path absolute = directory.resolve(FILE);
        Optional<TrafficPlan> plan = Optional.empty();
        if (!Files.isRegularFile(absolute)) {
            file.problem(0, 0, "", "not found: the simulated applications are declared in " + FILE);
        } else {
            plan = file.open(absolute, TOP_LEVEL).flatMap(new TrafficPlanReader(knownSites)::read);
        }
        if (!problems.isEmpty() || plan.isEmpty()) {
            throw new ConfigException(problems);
        }
        return plan.get();
    }

    private Optional<TrafficPlan> read(Fields root) {
        if (root.node("traffic").isEmpty()) {
            root.missing("traffic", "the simulated services go under 'traffic: sites:'");
            return Optional.empty();
        }
        Optional<Fields> f = root.child("traffic", TRAFFIC_FIELDS);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields traffic = f.get();
        OptionalDouble swing = ratio(traffic, "daily_swing", false);
        Optional<TrafficIncidents> incidents = traffic.child("incidents", INCIDENT_FIELDS)
                .flatMap(TrafficPlanReader::incidents);
        List<SiteTraffic> sites = new ArrayList<>();
        boolean valid = true;
        Optional<List<YamlNode>> items = traffic.list("sites");
        if (traffic.node("sites").isEmpty()) {
            traffic.missing("sites", "one item per site with its services");
            valid = false;
        } else if (items.isPresent() && items.get().isEmpty()) {
            traffic.problem("sites", "must list at least one site");
            valid = false;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; items.isPresent() && i < items.get().size(); i++) {
            String path = traffic.path("sites") + "[" + i + "]";
            Optional<SiteTraffic> site = Fields.of(traffic.file(), path, items.get().get(i), SITE_FIELDS)
                    .flatMap(s -> site(s, seen));
            site.ifPresent(sites::add);
            valid &= site.isPresent();
        }
        if (!valid || items.isEmpty() || traffic.node("incidents").isPresent() && incidents.isEmpty()
                || traffic.node("daily_swing").isPresent() && swing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrafficPlan(swing.orElse(DEFAULT_DAILY_SWING), incidents, sites));
    }

    private static Optional<TrafficIncidents> incidents(Fields f) {
        Optional<Duration> interval = incidentDuration(f, "mean_interval", "the mean time between incidents, e.g. 8h");
        Optional<Duration> duration = incidentDuration(f, "duration", "how long an incident lasts, e.g. 5m");
        OptionalDouble errorRatio = f.node("error_ratio").isEmpty()
                ? missing(f, "error_ratio", "the share of requests failing during an incident, e.g. 0.05")
                : ratio(f, "error_ratio", true);
        OptionalDouble factor = f.number("latency_factor");
        if (factor.isPresent() && !(factor.getAsDouble() >= 1)) {
            f.problem("latency_factor", "must be at least 1, got " + factor.getAsDouble());
            return Optional.empty();
        }
        if (interval.isEmpty() || duration.isEmpty() || errorRatio.isEmpty()
                || f.node("latency_factor").isPresent() && factor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrafficIncidents(interval.get(), duration.get(), errorRatio.getAsDouble(),
                factor.orElse(1)));
    }

    private Optional<SiteTraffic> site(Fields f, Set<String> seen) {
        Optional<String> id = f.requiredText("site", "a site id of sites/*.yaml");
        if (id.isPresent() && !knownSites.contains(id.get())) {
            f.problem("site", "unknown site '" + id.get() + "': expected one of " + String.join(", ", knownSites));
            id = Optional.empty();
        } else if (id.isPresent() && !seen.add(id.get())) {
            f.problem("site", "site '" + id.get() + "' is listed twice: keep one item per site");
            id = Optional.empty();
        }
        List<ServiceTraffic> services = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean valid = items(f, "services", "one item per service", (path, node) -> {
            Optional<ServiceTraffic> service = Fields.of(f.file(), path, node, SERVICE_FIELDS)
                    .flatMap(s -> service(s, names));
            service.ifPresent(services::add);
            return service.isPresent();
        });
        return id.isPresent() && valid ? Optional.of(new SiteTraffic(id.get(), services)) : Optional.empty();
    }

    /** @param siblings the names of the site's services read so far; this one's is added */
    private static Optional<ServiceTraffic> service(Fields f, Set<String> siblings) {
        Optional<String> name = f.requiredText("name", "the service.name its spans carry");
        if (name.isPresent() && !siblings.add(name.get())) {
            f.problem("name", "service '" + name.get() + "' is listed twice at this site");
            name = Optional.empty();
        }
        OptionalDouble rate = f.node("rate").isEmpty() ? missing(f, "rate", "requests per second, e.g. 10")
                : f.positiveNumber("rate");
        OptionalDouble errorRatio = ratio(f, "error_ratio", false);
        List<TrafficRoute> routes = new ArrayList<>();
        boolean valid = items(f, "routes", "one item per route, e.g. {route: /orders/{id}, weight: 3}",
                (path, node) -> {
                    Optional<TrafficRoute> route = Fields.of(f.file(), path, node, ROUTE_FIELDS)
                            .flatMap(TrafficPlanReader::route);
                    route.ifPresent(routes::add);
                    return route.isPresent();
                });
        Map<TrafficSegment, SegmentLatency> segments = new EnumMap<>(TrafficSegment.class);
        if (f.node("segments").isEmpty()) {
            f.missing("segments", "the latency of each segment, e.g. storage: {median: 15ms, p99: 80ms}");
            valid = false;
        } else {
            Optional<Fields> s = f.child("segments", TrafficSegment.ids());
            boolean segmentsValid = s.isPresent() && segments(s.get(), segments);
            if (segmentsValid && segments.isEmpty()) {
                f.problem("segments", "give at least one of " + String.join(", ", TrafficSegment.ids()));
                segmentsValid = false;
            }
            valid &= segmentsValid;
        }
        if (name.isEmpty() || rate.isEmpty() || !valid
                || f.node("error_ratio").isPresent() && errorRatio.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceTraffic(name.get(), rate.getAsDouble(), errorRatio.orElse(0), routes,
                segments));
    }

    private static boolean segments(Fields f, Map<TrafficSegment, SegmentLatency> out) {
        boolean valid = true;
        for (TrafficSegment segment : TrafficSegment.values()) {
            if (f.node(segment.id()).isEmpty()) {
                continue;
            }
            Optional<Fields> latency = f.child(segment.id(), LATENCY_FIELDS);
            if (latency.isEmpty()) {
                valid = false;
                continue;
            }
            Fields l = latency.get();
            Optional<Duration> median = requiredDuration(l, "median", "e.g. 15ms");
            Optional<Duration> p99 = requiredDuration(l, "p99", "e.g. 80ms");
            if (median.isPresent() && p99.isPresent() && p99.get().compareTo(median.get()) <= 0) {
                l.problem("p99", "must be greater than median (" + median.get().toMillis() + " ms)");
                p99 = Optional.empty();
            }
            if (median.isEmpty() || p99.isEmpty()) {
                valid = false;
                continue;
            }
            out.put(segment, new SegmentLatency(median.get(), p99.get()));
        }
        return valid;
    }

    private static Optional<TrafficRoute> route(Fields f) {
        Optional<String> route = f.requiredText("route", "the route template, e.g. /orders/{id}");
        if (route.isPresent() && !route.get().startsWith("/")) {
            f.problem("route", "a route starts with '/', got '" + route.get() + "'");
            route = Optional.empty();
        }
        Optional<String> method = f.text("method");
        if (method.isPresent() && !METHOD.matcher(method.get()).matches()) {
            f.problem("method", "an HTTP method in capitals (GET, POST, ...), got '" + method.get() + "'");
            return Optional.empty();
        }
        OptionalDouble weight = f.positiveNumber("weight");
        if (route.isEmpty() || f.node("method").isPresent() && method.isEmpty()
                || f.node("weight").isPresent() && weight.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrafficRoute(method.orElse(DEFAULT_METHOD), route.get(), weight.orElse(DEFAULT_WEIGHT)));
    }

    /** Reads each item of a required, non-empty list; false when any is missing or invalid. */
    private static boolean items(Fields f, String key, String hint, ItemReader reader) {
        if (f.node(key).isEmpty()) {
            f.missing(key, hint);
            return false;
        }
        Optional<List<YamlNode>> items = f.list(key);
        if (items.isEmpty()) {
            return false;
        }
        if (items.get().isEmpty()) {
            f.problem(key, "must list at least one item: " + hint);
            return false;
        }
        boolean valid = true;
        for (int i = 0; i < items.get().size(); i++) {
            valid &= reader.read(f.path(key) + "[" + i + "]", items.get().get(i));
        }
        return valid;
    }

    private interface ItemReader {
        boolean read(String path, YamlNode node);
    }

    /** A share in [0, 1), or [0, 1] when {@code inclusive}; empty (reported) when out of range. */
    private static OptionalDouble ratio(Fields f, String key, boolean inclusive) {
        OptionalDouble v = f.number(key);
        if (v.isPresent() && !(v.getAsDouble() >= 0 && (inclusive ? v.getAsDouble() <= 1 : v.getAsDouble() < 1))) {
            f.problem(key, "must be a share from 0 to " + (inclusive ? "1" : "below 1") + ", got " + v.getAsDouble());
            return OptionalDouble.empty();
        }
        return v;
    }

    /** A required duration of at most {@link TrafficIncidents#MAX_MEAN_INTERVAL}. */
    private static Optional<Duration> incidentDuration(Fields f, String key, String hint) {
        Optional<Duration> d = requiredDuration(f, key, hint);
        if (d.isPresent() && d.get().compareTo(TrafficIncidents.MAX_MEAN_INTERVAL) > 0) {
            f.problem(key, "must be at most " + TrafficIncidents.MAX_MEAN_INTERVAL.toDays()
                    + "d; leave incidents out for none");
            return Optional.empty();
        }
        return d;
    }

    private static Optional<Duration> requiredDuration(Fields f, String key, String hint) {
        if (f.node(key).isEmpty()) {
            f.missing(key, hint);
            return Optional.empty();
        }
        return f.duration(key);
    }

    private static OptionalDouble missing(Fields f, String key, String hint) {
        f.missing(key, hint);
        return OptionalDouble.empty();
    }
}
