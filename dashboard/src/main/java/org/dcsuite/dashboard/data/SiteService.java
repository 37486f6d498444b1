package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Site view: for every rack, its power (the sum of its PDUs' inlet totals, both feeds, the same readings
 * {@link FleetService} sums per site) against its configured budget, and its hottest inlet against the site's
 * configured {@link InletEnvelope}. Two {@code latest} queries serve every site; the result is shared for
 * {@link FleetService#MAX_AGE}. Blocking: call it off the UI lock.
 */
public final class SiteService {

    private final List<Site> sites;
    private final Map<String, DeviceLocation> byDevice = new HashMap<>();
    private final TelemetryStore store;
    private final Clock clock;
    private final Snapshot<Map<String, SiteOverview>> snapshot;

    public SiteService(List<Site> sites, TelemetryStore store, Clock clock) {
        this.sites = List.copyOf(sites);
        for (Site site : this.sites) {
            site.locations().forEach(l -> byDevice.put(l.device().id(), l));
        }
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshot = new Snapshot<>(clock, FleetService.MAX_AGE, this::build);
    }

    /** The site's racks with their latest figures; empty when no site has this id. */
    public Optional<SiteOverview> site(String siteId) {
        return Optional.ofNullable(snapshot.get().get(siteId));
    }

    /** The configured site ids, for "not found" messages. */
    public List<String> siteIds() {
        return sites.stream().map(Site::id).toList();
    }

    /** Reads the store now, every site at once (the views share one build): for benchmarks. */
    public Map<String, SiteOverview> build() {
        Instant now = clock.instant();
        Map<String, double[]> power = new HashMap<>();
        for (Sample s : store.latest(FleetService.DEVICE_TOTAL_POWER, now, DeviceHealthService.LOOKBACK)) {
            DeviceLocation l = byDevice.get(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE));
            if (l != null && l.rack().isPresent() && l.device().kind() == DeviceKind.PDU && !Double.isNaN(s.value())) {
                double[] acc = power.computeIfAbsent(rackKey(l), k -> new double[2]);
                acc[0] += s.value();
                acc[1]++;
            }
        }
        Map<String, Sample> hottest = new HashMap<>();
        for (Sample s : store.latest(FleetService.INLET_TEMPERATURES, now, DeviceHealthService.LOOKBACK)) {
            DeviceLocation l = byDevice.get(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE));
            if (l != null && l.rack().isPresent() && !Double.isNaN(s.value())) {
                hottest.merge(rackKey(l), s, (a, b) -> b.value() > a.value() ? b : a);
            }
        }
        Map<String, SiteOverview> out = new LinkedHashMap<>();
        for (Site site : sites) {
            InletEnvelope envelope = InletEnvelope.of(site);
            List<RackStatus> racks = new ArrayList<>();
            for (Room room : site.rooms()) {
                for (Rack rack : room.racks()) {
                    String key = site.id() + "/" + rack.id();
                    double[] p = power.get(key);
                    Sample hot = hottest.get(key);
                    racks.add(new RackStatus(room.id(), room.name(), rack.id(), rack.name(),
                            p == null ? OptionalDouble.empty() : OptionalDouble.of(p[0]), p == null ? 0 : (int) p[1],
                            rack.powerBudgetWatts(),
                            hot == null ? OptionalDouble.empty() : OptionalDouble.of(hot.value()),
                            hot == null ? Optional.empty()
                                    : Optional.of(hot.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE)),
                            envelope));
                }
            }
            out.put(site.id(), new SiteOverview(site.id(), site.name(), envelope, racks));
        }
        return out;
    }

    private static String rackKey(DeviceLocation l) {
        return l.site().id() + "/" + l.rack().orElseThrow().id();
    }
}
