package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.Feed;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Rack view: per PDU its inlet power, per-phase currents against its configured rating (see
 * {@link PduRating}), the phase imbalance and the outlets, and the rack's A/B {@link RedundancyCheck}. Reads only the
 * rack's PDUs (four
 * {@code latest} queries narrowed to their device ids) plus the Site view's shared figures. Blocking: call it off
 * the UI lock.
 */
public final class RackService {

    private final List<Site> sites;
    private final SiteService siteService;
    private final TelemetryStore store;
    private final Clock clock;

    public RackService(List<Site> sites, SiteService siteService, TelemetryStore store, Clock clock) {
        this.sites = List.copyOf(sites);
        this.siteService = Objects.requireNonNull(siteService, "siteService");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The rack's figures now; empty when the site or the rack is not configured. */
    public Optional<RackDetail> rack(String siteId, String rackId) {
        Optional<Site> site = sites.stream().filter(s -> s.id().equals(siteId)).findFirst();
        Optional<Rack> rack = site.flatMap(s -> s.rooms().stream().map(Room::racks).flatMap(List::stream)
                .filter(r -> r.id().equals(rackId)).findFirst());
        Optional<RackStatus> status = siteService.site(siteId)
                .flatMap(o -> o.racks().stream().filter(r -> r.rackId().equals(rackId)).findFirst());
        if (rack.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        List<Device> pduDevices = rack.get().devices().stream().filter(d -> d.kind() == DeviceKind.PDU).toList();
        List<PduStatus> pdus = pduDevices.isEmpty() ? List.of() : readPdus(pduDevices);
        OptionalDouble rating = feedRating(pdus);
        RedundancyCheck.Result redundancy = redundancy(pdus, rating);
        return Optional.of(new RackDetail(site.get().id(), site.get().name(), status.get(), pdus, rating, redundancy));
    }

    /** The configured racks of a site, for "not found" messages; empty when the site is unknown. */
    public List<String> rackIds(String siteId) {
        return sites.stream().filter(s -> s.id().equals(siteId)).flatMap(s -> s.rooms().stream())
                .flatMap(r -> r.racks().stream()).map(Rack::id).toList();
    }

    private List<PduStatus> readPdus(List<Device> devices) {
        Instant now = clock.instant();
        String ids = devices.stream().map(Device::id).collect(Collectors.joining("|"));
        String device = "device=~\"" + ids + "\"";
        Map<String, Double> inlet = new HashMap<>();
        Map<String, Map<String, Outlet>> outlets = new HashMap<>();
        for (Sample s : latest("hw.power{" + device + ",hw.parent=\"\"}", now)) {
            String d = s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE);
            String outlet = s.series().label("outlet");
            if (!outlet.isEmpty()) {
                outlet(outlets, d, s).power = s.value();
            } else if (s.series().label("phase").isEmpty()) {
                inlet.merge(d, s.value(), Double::sum);
            }
        }
        Map<String, Map<String, Double>> phases = new HashMap<>();
        for (Sample s : latest("hw.current{" + device + ",hw.parent=\"\"}", now)) {
            String d = s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE);
            String phase = s.series().label("phase");
            if (!s.series().label("outlet").isEmpty()) {
                outlet(outlets, d, s).current = s.value();
            } else if (!phase.isEmpty()) {
                phases.computeIfAbsent(d, k -> new TreeMap<>()).merge(phase, s.value(), Double::sum);
            }
        }
        for (Sample s : latest("hw.status{" + device + ",outlet!=\"\",hw.state=\"on\"}", now)) {
            outlet(outlets, s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE), s).on = s.value() >= 0.5;
        }
        List<PduStatus> out = new ArrayList<>();
        for (Device d : devices) {
            PduRating rating = PduRating.of(d);
            List<PhaseReading> phaseReadings = phases.getOrDefault(d.id(), Map.of()).entrySet().stream()
                    .map(e -> new PhaseReading(e.getKey(), e.getValue(), rating.ratedAmps())).toList();
            List<OutletReading> outletReadings = outlets.getOrDefault(d.id(), Map.of()).values().stream()
                    .sorted(Comparator.comparing((Outlet o) -> o.number.length()).thenComparing(o -> o.number))
                    .map(Outlet::reading).toList();
            Double power = inlet.get(d.id());
            out.add(new PduStatus(d.id(), d.name(), d.feed(),
                    power == null ? OptionalDouble.empty() : OptionalDouble.of(power), phaseReadings, rating,
                    outletReadings));
        }
        return out;
    }

    private List<Sample> latest(String selector, Instant now) {
        return store.latest(SeriesSelector.parse(selector), now, DeviceHealthService.LOOKBACK).stream()
                .filter(s -> !Double.isNaN(s.value())).toList();
    }

    private static Outlet outlet(Map<String, Map<String, Outlet>> outlets, String device, Sample s) {
        String number = s.series().label("outlet");
        Outlet o = outlets.computeIfAbsent(device, k -> new HashMap<>()).computeIfAbsent(number, Outlet::new);
        if (o.name.isEmpty()) {
            o.name = s.series().label("hw.name");
        }
        return o;
    }

    /** Each feed's rating is its PDUs' ratings added; the rack can rely on the smaller feed only. */
    private static OptionalDouble feedRating(List<PduStatus> pdus) {
        OptionalDouble smallest = OptionalDouble.empty();
        for (Feed feed : Feed.values()) {
            List<PduStatus> onFeed = pdus.stream().filter(p -> p.feed().equals(Optional.of(feed))).toList();
            if (onFeed.isEmpty() || onFeed.stream().anyMatch(p -> p.ratingWatts().isEmpty())) {
                return OptionalDouble.empty();
            }
            double watts = onFeed.stream().mapToDouble(p -> p.ratingWatts().getAsDouble()).sum();
            smallest = OptionalDouble.of(smallest.isEmpty() ? watts : Math.min(smallest.getAsDouble(), watts));
        }
        return smallest;
    }

    private static RedundancyCheck.Result redundancy(List<PduStatus> pdus, OptionalDouble rating) {
        for (Feed feed : Feed.values()) {
            if (pdus.stream().noneMatch(p -> p.feed().equals(Optional.of(feed)))) {
                return new RedundancyCheck.Result(RedundancyCheck.Verdict.UNKNOWN, OptionalDouble.empty(),
                        OptionalDouble.empty(), "no PDU of this rack is configured on feed " + feed
                                + " (set feed: A or B on the rack's PDUs)");
            }
        }
        return RedundancyCheck.evaluate(feedLoad(pdus, Feed.A), feedLoad(pdus, Feed.B), rating);
    }

    /** A feed's load: its PDUs' inlet totals added; empty when any of them has no recent reading. */
    private static OptionalDouble feedLoad(List<PduStatus> pdus, Feed feed) {
        double watts = 0;
        for (PduStatus p : pdus) {
            if (p.feed().equals(Optional.of(feed))) {
                if (p.powerWatts().isEmpty()) {
                    return OptionalDouble.empty();
                }
                watts += p.powerWatts().getAsDouble();
            }
        }
        return OptionalDouble.of(watts);
    }

    private static final class Outlet {
        final String number;
        String name = "";
        Double power;
        Double current;
        Boolean on;

        Outlet(String number) {
            this.number = number;
        }

        OutletReading reading() {
            return new OutletReading(number, name,
                    power == null ? OptionalDouble.empty() : OptionalDouble.of(power),
                    current == null ? OptionalDouble.empty() : OptionalDouble.of(current), Optional.ofNullable(on));
        }
    }
}
