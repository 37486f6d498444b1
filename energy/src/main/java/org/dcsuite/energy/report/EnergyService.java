package org.dcsuite.energy.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.signal.SignalSources;
import org.dcsuite.energy.signal.SiteSignals;

/**
 * Reports for the configured sites, one at a time or side by side; what the CLI and the HTTP API call. Holds
 * the signal caches, so one instance per process. Blocking: callers run it off event loops.
 */
public final class EnergyService {

    private final Map<String, EnergySiteConfig> sites = new TreeMap<>();
    private final Map<String, ZoneId> zones = new TreeMap<>();
    private final EnergyReporter reporter;

    /** @param siteModels the sites of {@code sites/*.yaml}, for their time zones (UTC for others) */
    public EnergyService(List<EnergySiteConfig> configs, List<Site> siteModels, TelemetryStore store, Clock clock) {
        configs.forEach(c -> sites.put(c.site(), c));
        siteModels.forEach(s -> zones.put(s.id(), s.timeZone()));
        this.reporter = new EnergyReporter(store, new SiteSignals(store, SignalSources.httpClient(), clock));
    }

    /** The ids of sites with an energy configuration, sorted. */
    public List<String> siteIds() {
        return List.copyOf(sites.keySet());
    }

    /**
     * The range is rounded down to whole buckets of the site's resolution (so {@code now} works); the report
     * carries the range actually used.
     *
     * @throws IllegalArgumentException for a site without energy configuration, or a step off the resolution
     */
    public EnergyReport site(String id, Instant from, Instant to, Optional<Duration> step) {
        EnergySiteConfig config = sites.get(Objects.requireNonNull(id, "id"));
        if (config == null) {
            throw new IllegalArgumentException("no energy configuration for site '" + id + "'"
                    + (sites.isEmpty() ? ": add energy/" + id + ".yaml" : "; configured: " + String.join(", ", sites.keySet())));
        }
        long width = config.resolution().toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), width) * width);
        Instant end = Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli(), width) * width);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the range " + from + " to " + to + " holds no whole "
                    + org.dcsuite.core.time.Durations.format(config.resolution()) + " of site '" + id + "'");
        }
        return reporter.report(config, zones.getOrDefault(id, ZoneOffset.UTC), start, end, step);
    }

    /** Every configured site over the same interval. */
    public FleetReport fleet(Instant from, Instant to, Optional<Duration> step) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("no site has an energy configuration (energy/*.yaml)");
        }
        return new FleetReport(from, to, sites.keySet().stream().map(id -> site(id, from, to, step)).toList());
    }
}
