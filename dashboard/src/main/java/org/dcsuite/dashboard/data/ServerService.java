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
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Servers view: per server (devices of kind {@code server}) the Redfish readings of docs/metrics.md:
 * chassis power ({@code hw.host.power}, the legacy {@code PowerConsumedWatts} or the newer
 * {@code EnvironmentMetrics.PowerWatts}; per-supply {@code hw.power} would count input and output twice), the
 * hottest {@code hw.temperature}, fan speeds and fan health, the systems' health and power state. Inventory
 * ({@code hw.model}, {@code hw.serial_number}, {@code hw.firmware_version}) is taken from the readings' attributes
 * where a driver sets them; the Redfish driver does not read it yet. Readings older than
 * {@link DeviceHealthService#LOOKBACK} are not used. One build per site serves every open screen for
 * {@link FleetService#MAX_AGE}. Blocking: call it off the UI lock.
 */
public final class ServerService {

    /** Attributes that carry inventory, as the SunSpec common model names them. */
    static final String MODEL = "hw.model";
    static final String SERIAL = "hw.serial_number";
    static final String FIRMWARE = "hw.firmware_version";
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
        for (Sample s : latest("hw.power_state{" + device + ",hw.type=\"system\"}", now, byDevice)) {
            Readings r = readings(byDevice, s);
            r.poweredOn = (r.poweredOn == null || r.poweredOn) && s.value() >= 0.5;
        }
        List<ServerStatus> out = new ArrayList<>();
        for (DeviceLocation l : servers) {
            Readings r = byDevice.get(l.device().id());
            Optional<Sample> hottest = Optional.ofNullable(r.hottest);
            out.add(new ServerStatus(l.room().map(Room::name).orElse(""), l.rack().map(Rack::id), l.device().id(),
                    l.device().name(), Optional.ofNullable(r.inventory.get(MODEL)),
                    Optional.ofNullable(r.inventory.get(SERIAL)), Optional.ofNullable(r.inventory.get(FIRMWARE)),
                    optional(r.power), hottest.map(s -> OptionalDouble.of(s.value())).orElse(OptionalDouble.empty()),
                    hottest.map(ServerService::sensorName), optional(r.slowestFan), r.fans,
                    r.failedFans == null ? OptionalInt.empty() : OptionalInt.of(r.failedFans),
                    Optional.ofNullable(r.health), Optional.ofNullable(r.poweredOn)));
        }
        return new ServersOverview(site.id(), site.name(), out);
    }

    /** The latest numeric samples; their inventory attributes are kept on the way. */
    private List<Sample> latest(String selector, Instant now, Map<String, Readings> byDevice) {
        List<Sample> samples = store.latest(SeriesSelector.parse(selector), now, DeviceHealthService.LOOKBACK)
                .stream().filter(s -> !Double.isNaN(s.value())).toList();
        for (Sample s : samples) {
            for (String attribute : List.of(MODEL, SERIAL, FIRMWARE)) {
                String value = s.series().label(attribute);
                if (!value.isEmpty()) {
                    readings(byDevice, s).inventory.putIfAbsent(attribute, value);
                }
            }
        }
        return samples;
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
        private final Map<String, String> inventory = new HashMap<>();
    }
}
