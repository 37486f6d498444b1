package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Servers view: per server (devices of kind {@code server}) the Redfish readings of docs/metrics.md:
 * chassis power ({@code hw.host.power}, the legacy {@code PowerConsumedWatts} or the newer
 * {@code EnvironmentMetrics.PowerWatts}; per-supply {@code hw.power} would count input and output twice), the
 * hottest {@code hw.temperature}, fan speeds and fan health, the systems' health and power state, and the inventory
 * strings of {@code hw.server.info} (manufacturer, model, serial number, BIOS and BMC firmware). Readings older than
 * {@link DeviceHealthService#LOOKBACK} are not used. One build per site serves every open screen for
 * {@link FleetService#MAX_AGE}. Blocking: call it off the UI lock.
 */
public final class ServerService {

    /** The Redfish driver's inventory series: value 1, the strings as attributes (docs/metrics.md). */
    public static final String INFO_METRIC = "hw.server.info";
    /** Health states from best to worst, as the Redfish driver maps OK, Warning, Critical. */
    private static final List<String> HEALTH_ORDER = List.of("ok", "degraded", "failed");

    private final List<Site> sites;
    private final TelemetryStore store;
    private final Clock clock;
    private final Map<String, Snapshot<ServersOverview>> snapshots = new HashMap<>();

    public ServerService(List<Site> sites, TelemetryStore store, Clock clock) {
        this.sites = List.copyOf(sites);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Site site : this.sites) {
            snapshots.put(site.id(), new Snapshot<>(clock, FleetService.MAX_AGE, () -> build(site)));
        }
    }

    /** The site's servers with their latest figures; empty when no site has this id. */
    public Optional<ServersOverview> site(String siteId) {
        Snapshot<ServersOverview> snapshot = snapshots.get(siteId);
        return snapshot == null ? Optional.empty() : Optional.of(snapshot.get());
    }

    private ServersOverview build(Site site) {
        List<DeviceLocation> servers = site.locations().stream()
                .filter(l -> l.device().kind() == DeviceKind.SERVER).toList();
        if (servers.isEmpty()) {
            return new ServersOverview(site.id(), site.name(), List.of());
        }
        Instant now = clock.instant();
        String device = "device=~\"" + servers.stream().map(l -> l.device().id()).collect(Collectors.joining("|"))
                + "\"";
        Map<String, Readings> byDevice = new HashMap<>();
        servers.forEach(l -> byDevice.put(l.device().id(), new Readings()));
        for (Sample s : latest("hw.host.power{" + device + "}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            r.power = (r.power == null ? 0 : r.power) + s.value();
        }
        for (Sample s : latest("hw.temperature{" + device + "}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            if (r.hottest == null || s.value() > r.hottest.value()) {
                r.hottest = s;
            }
        }
        for (Sample s : latest("hw.fan.speed{" + device + "}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            r.slowestFan = r.slowestFan == null ? s.value() : Math.min(r.slowestFan, s.value());
            r.fans++;
        }
        for (Sample s : latest("hw.status{" + device + ",hw.type=~\"fan|system\"}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            String state = s.series().label("hw.state");
            if ("fan".equals(s.series().label("hw.type"))) {
                r.failedFans = (r.failedFans == null ? 0 : r.failedFans)
                        + ("failed".equals(state) && s.value() >= 0.5 ? 1 : 0);
            } else if (s.value() >= 0.5 && HEALTH_ORDER.contains(state)
                    && (r.health == null || HEALTH_ORDER.indexOf(state) > HEALTH_ORDER.indexOf(r.health))) {
                r.health = state;
            }
        }
        for (Sample s : latest(INFO_METRIC + "{" + device + "}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            if (r.info == null && s.value() >= 0.5) {
                r.info = s.series();
            }
        }
        for (Sample s : latest("hw.power_state{" + device + ",hw.type=\"system\"}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            r.poweredOn = (r.poweredOn == null || r.poweredOn) && s.value() >= 0.5;
        }
        List<ServerStatus> out = new ArrayList<>();
        for (DeviceLocation l : servers) {
            Readings r = byDevice.get(l.device().id());
            Optional<Sample> hottest = Optional.ofNullable(r.hottest);
            Optional<SeriesKey> info = Optional.ofNullable(r.info);
            Optional<String> model = info.map(k -> (k.label("manufacturer") + " " + k.label("model")).strip())
                    .filter(m -> !m.isEmpty());
            out.add(new ServerStatus(l.room().map(Room::name).orElse(""), l.rack().map(Rack::id), l.device().id(),
                    l.device().name(), model, inventory(info, "serial_number"), inventory(info, "firmware_version"),
                    inventory(info, "bios_version"),
                    optional(r.power), hottest.map(s -> OptionalDouble.of(s.value())).orElse(OptionalDouble.empty()),
                    hottest.map(ServerService::sensorName), optional(r.slowestFan), r.fans,
                    r.failedFans == null ? OptionalInt.empty() : OptionalInt.of(r.failedFans),
                    Optional.ofNullable(r.health), Optional.ofNullable(r.poweredOn)));
        }
        return new ServersOverview(site.id(), site.name(), out);
    }

    /** The latest numeric samples. */
    private List<Sample> latest(String selector, Instant now, Map<String, Readings> byDevice) {
        return store.latest(SeriesSelector.parse(selector), now, DeviceHealthService.LOOKBACK)
                .stream().filter(s -> !Double.isNaN(s.value())).toList();
    }

    private static Optional<String> inventory(Optional<SeriesKey> info, String attribute) {
        return info.map(k -> k.label(attribute)).filter(v -> !v.isEmpty());
    }

    private static String sensorName(Sample s) {
        String name = s.series().label("hw.name");
        return name.isEmpty() ? s.series().label("hw.id") : name;
    }

    private static Readings readings(Map<String, Readings> byDevice, Sample s) {
        return byDevice.computeIfAbsent(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE), k -> new Readings());
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** One server's readings while they are collected; {@code null} is "not reported". */
    private static final class Readings {
        private Double power;
        private Sample hottest;
        private Double slowestFan;
        private int fans;
        private Integer failedFans;
        private String health;
        private Boolean poweredOn;
        private SeriesKey info;
    }
}
