package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Devices view's rows: every configured device with the collectors' latest health series. Reads the
 * store with four {@code latest} queries for the whole fleet, whatever its size. Blocking: call it off the UI lock.
 */
public final class DeviceHealthService {

    /**
     * Samples older than this are stale: the device counts as "no data" and its readings are not summed. Two minutes
     * are twelve polls at the collectors' default 10 s and cover a member hand-over, without showing a dead
     * collector's last word as current; the store's cost grows with the samples inside it.
     */
    public static final Duration LOOKBACK = Duration.ofMinutes(2);
    /** How long one build serves every screen, as {@link FleetService#MAX_AGE}. */
    public static final Duration MAX_AGE = FleetService.MAX_AGE;

    private final List<DeviceLocation> locations;
    private final TelemetryStore store;
    private final Clock clock;
    private final Snapshot<List<DeviceHealth>> snapshot;

    public DeviceHealthService(List<Site> sites, TelemetryStore store, Clock clock) {
        this.locations = sites.stream().flatMap(s -> s.locations().stream()).toList();
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshot = new Snapshot<>(clock, MAX_AGE, this::build);
    }

    /** One row per configured device, in configuration order, at most {@link #MAX_AGE} old. */
    public List<DeviceHealth> devices() {
        return snapshot.get();
    }

    /** Reads the store now: for benchmarks, which measure the build and not the sharing. */
    public List<DeviceHealth> build() {
        Instant now = clock.instant();
        Map<String, Double> up = byDevice(DeviceHealthMetrics.UP.name(), now);
        Map<String, Double> duration = byDevice(DeviceHealthMetrics.POLL_DURATION.name(), now);
        Map<String, Double> lastSuccess = byDevice(DeviceHealthMetrics.LAST_SUCCESS.name(), now);
        Map<String, Map<String, Long>> errors = new HashMap<>();
        for (Sample s : store.latest(SeriesSelector.metric(DeviceHealthMetrics.ERRORS.name()), now, LOOKBACK)) {
            String kind = s.series().label(DeviceHealthMetrics.KIND_ATTRIBUTE);
            if (!Double.isNaN(s.value())) {
                errors.computeIfAbsent(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE), d -> new HashMap<>())
                        .merge(kind.isEmpty() ? "other" : kind, Math.round(s.value()), Long::sum);
            }
        }
        List<DeviceHealth> rows = new ArrayList<>(locations.size());
        for (DeviceLocation l : locations) {
            String id = l.device().id();
            Double u = up.get(id);
            DeviceHealth.Status status = u == null || u.isNaN() ? DeviceHealth.Status.NO_DATA
                    : u >= 0.5 ? DeviceHealth.Status.UP : DeviceHealth.Status.DOWN;
            Double d = duration.get(id);
            Double last = lastSuccess.get(id);
            rows.add(new DeviceHealth(id, l.device().name(), l.site().id(), l.room().map(Room::id),
                    l.rack().map(Rack::id), l.device().kind().configName(), l.device().endpoint().protocol().scheme(),
                    status,
                    last == null || last.isNaN() || last <= 0 ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(Math.round(last * 1000))),
                    d == null || d.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(d),
                    DeviceHealth.nonZero(errors.getOrDefault(id, Map.of()))));
        }
        return rows;
    }

    private Map<String, Double> byDevice(String metric, Instant now) {
        Map<String, Double> out = new HashMap<>();
        for (Sample s : store.latest(SeriesSelector.metric(metric), now, LOOKBACK)) {
            out.put(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE), s.value());
        }
        return out;
    }
}
