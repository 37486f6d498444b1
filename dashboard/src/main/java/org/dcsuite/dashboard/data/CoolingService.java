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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Cooling view: per cooling unit (devices of kind {@code cooling}) the readings of the Modbus
 * {@code generic-crac} profile (docs/metrics.md), and per room the units' summed cooling power and mean supply and
 * return temperatures. Each figure comes from the units that reported it within {@link DeviceHealthService#LOOKBACK};
 * a unit that did not is left out, never counted as zero. One build per site serves every open screen for
 * {@link FleetService#MAX_AGE}. Blocking: call it off the UI lock.
 */
public final class CoolingService {

    /** The profile's {@code hw.id} of the supply air readings (temperature and setpoint). */
    static final String SUPPLY_AIR = "supply_air";
    /** The profile's {@code hw.id} of the return air readings. */
    static final String RETURN_AIR = "return_air";
    /** Shown as the room of units configured at the site rather than in a room. */
    static final String SITE_LEVEL = "Site level";
    private static final double PERCENT_PER_RATIO = 100.0;

    private final List<Site> sites;
    private final TelemetryStore store;
    private final Clock clock;
    private final Map<String, Snapshot<CoolingOverview>> snapshots = new HashMap<>();

    public CoolingService(List<Site> sites, TelemetryStore store, Clock clock) {
        this.sites = List.copyOf(sites);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Site site : this.sites) {
            snapshots.put(site.id(), new Snapshot<>(clock, FleetService.MAX_AGE, () -> build(site)));
        }
    }

    /** The site's cooling units and room totals; empty when no site has this id. */
    public Optional<CoolingOverview> site(String siteId) {
        Snapshot<CoolingOverview> snapshot = snapshots.get(siteId);
        return snapshot == null ? Optional.empty() : Optional.of(snapshot.get());
    }

    private CoolingOverview build(Site site) {
        List<DeviceLocation> units = site.locations().stream()
                .filter(l -> l.device().kind() == DeviceKind.COOLING).toList();
        if (units.isEmpty()) {
            return new CoolingOverview(site.id(), site.name(), List.of(), List.of());
        }
        Instant now = clock.instant();
        String device = "device=~\"" + units.stream().map(l -> l.device().id()).collect(Collectors.joining("|"))
                + "\"";
        Map<String, Readings> byDevice = new HashMap<>();
        units.forEach(l -> byDevice.put(l.device().id(), new Readings()));
        for (Sample s : latest("hw.temperature{" + device + ",hw.id=~\"" + SUPPLY_AIR + "|" + RETURN_AIR + "\"}", now)) {
            Readings r = readings(byDevice, s);
            if (SUPPLY_AIR.equals(s.series().label("hw.id"))) {
                r.supply = s.value();
            } else {
                r.ret = s.value();
            }
        }
        for (Sample s : latest("hw.temperature.setpoint{" + device + "}", now)) {
            String id = s.series().label("hw.id");
            if (SUPPLY_AIR.equals(id)) {
                readings(byDevice, s).supplySetpoint = s.value();
            } else if (RETURN_AIR.equals(id)) {
                readings(byDevice, s).returnSetpoint = s.value();
            }
        }
        for (Sample s : latest("hw.fan.speed{" + device + "}", now)) {
            Readings r = readings(byDevice, s);
            r.rpmSum += s.value();
            r.rpmCount++;
        }
        for (Sample s : latest("hw.fan.speed_ratio{" + device + "}", now)) {
            Readings r = readings(byDevice, s);
            r.ratioSum += s.value();
            r.ratioCount++;
        }
        for (Sample s : latest("hw.power{" + device + ",hw.type=\"cooling\"}", now)) {
            Readings r = readings(byDevice, s);
            r.power = (r.power == null ? 0 : r.power) + s.value();
        }
        for (Sample s : latest("hw.cooling.running{" + device + "}", now)) {
            readings(byDevice, s).running = s.value() >= 0.5;
        }
        for (Sample s : latest("hw.cooling.alarm{" + device + "}", now)) {
            if (s.value() >= 0.5) {
                readings(byDevice, s).alarms.add(s.series().label("alarm"));
            }
        }
        List<CoolingUnitStatus> out = new ArrayList<>();
        Map<String, List<CoolingUnitStatus>> byRoom = new LinkedHashMap<>();
        for (DeviceLocation l : units) {
            Readings r = byDevice.get(l.device().id());
            boolean rpm = r.rpmCount > 0;
            CoolingUnitStatus unit = new CoolingUnitStatus(l.room().map(Room::id).orElse(""),
                    l.room().map(Room::name).orElse(SITE_LEVEL), l.device().id(), l.device().name(),
                    optional(r.supply), optional(r.ret), optional(r.supplySetpoint), optional(r.returnSetpoint),
                    rpm ? OptionalDouble.of(r.rpmSum / r.rpmCount) : OptionalDouble.empty(),
                    !rpm && r.ratioCount > 0 ? OptionalDouble.of(PERCENT_PER_RATIO * r.ratioSum / r.ratioCount)
                            : OptionalDouble.empty(),
                    rpm ? r.rpmCount : r.ratioCount, optional(r.power), Optional.ofNullable(r.running),
                    List.copyOf(r.alarms));
            out.add(unit);
            byRoom.computeIfAbsent(unit.roomId(), k -> new ArrayList<>()).add(unit);
        }
        List<CoolingRoom> rooms = byRoom.values().stream().map(CoolingService::room).toList();
        return new CoolingOverview(site.id(), site.name(), out, rooms);
    }

    private static CoolingRoom room(List<CoolingUnitStatus> units) {
        CoolingUnitStatus first = units.getFirst();
        List<Double> power = present(units.stream().map(CoolingUnitStatus::coolingWatts).toList());
        List<Double> supply = present(units.stream().map(CoolingUnitStatus::supplyC).toList());
        List<Double> ret = present(units.stream().map(CoolingUnitStatus::returnC).toList());
        return new CoolingRoom(first.roomId(), first.roomName(), units.size(),
                power.isEmpty() ? OptionalDouble.empty()
                        : OptionalDouble.of(power.stream().mapToDouble(Double::doubleValue).sum()), power.size(),
                supply.stream().mapToDouble(Double::doubleValue).average(), supply.size(),
                ret.stream().mapToDouble(Double::doubleValue).average(), ret.size());
    }

    private static List<Double> present(List<OptionalDouble> values) {
        return values.stream().filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList();
    }

    private List<Sample> latest(String selector, Instant now) {
        return store.latest(SeriesSelector.parse(selector), now, DeviceHealthService.LOOKBACK).stream()
                .filter(s -> !Double.isNaN(s.value())).toList();
    }

    private static Readings readings(Map<String, Readings> byDevice, Sample s) {
        return byDevice.computeIfAbsent(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE), k -> new Readings());
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** One unit's readings while they are collected; {@code null} is "not reported". */
    private static final class Readings {
        private Double supply;
        private Double ret;
        private Double supplySetpoint;
        private Double returnSetpoint;
        private double rpmSum;
        private int rpmCount;
        private double ratioSum;
        private int ratioCount;
        private Double power;
        private Boolean running;
        private final TreeSet<String> alarms = new TreeSet<>();
    }
}
