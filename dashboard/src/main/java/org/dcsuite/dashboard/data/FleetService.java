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
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Builds the Fleet view's lines, one per site, from the latest samples of the whole fleet (three {@code latest}
 * queries, whatever the fleet's size, each as narrow as the store's selectors allow, because the store's cost grows
 * with the number of matched series). The facility and IT power series of the architecture ({@code facility.power},
 * {@code it.power}) are not written yet, so the figures are summed from device readings:
 * <ul>
 *   <li>IT power: the {@code hw.power} of every PDU without {@code phase}, {@code outlet} or {@code hw.parent}
 *       attribute, i.e. each SNMP or Modbus PDU inlet's total, both feeds of an A/B pair added, because together
 *       they carry the IT load (Redfish PDUs, whose readings have a parent, are not summed yet);</li>
 *   <li>facility power: the {@code hw.power} total of every facility meter (no {@code phase} attribute);</li>
 *   <li>worst inlet: the highest {@code hw.temperature} whose {@code hw.id} mentions "inlet" (any case).</li>
 * </ul>
 * Results are shared for {@link #MAX_AGE}, so every open Fleet screen costs one build per refresh. Blocking: call it
 * off the UI lock.
 */
public final class FleetService {

    /** How long one build serves every screen: shorter than the views' refresh, longer than a burst of them. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    /**
     * Device totals: per-phase and per-outlet readings would count the same watts twice, and readings with a parent
     * are a server's or chassis' parts (five per Redfish server), which would only cost time.
     */
    static final SeriesSelector DEVICE_TOTAL_POWER =
            SeriesSelector.parse("hw.power{phase=\"\",outlet=\"\",hw.parent=\"\"}");
    /** Inlet temperatures: readings whose {@code hw.id} mentions "inlet", in any case. */
    static final SeriesSelector INLET_TEMPERATURES =
            SeriesSelector.parse("hw.temperature{hw.id=~\"(?i).*inlet.*\"}");
    private static final SeriesSelector UP = SeriesSelector.metric(DeviceHealthMetrics.UP.name());
    private static final double WATTS_PER_KW = 1000.0;

    private final List<Site> sites;
    private final Map<String, DeviceLocation> byDevice = new HashMap<>();
    private final TelemetryStore store;
    private final Clock clock;
    private final Snapshot<List<SiteSummary>> snapshot;

    public FleetService(List<Site> sites, TelemetryStore store, Clock clock) {
        this.sites = List.copyOf(sites);
        for (Site site : this.sites) {
            for (DeviceLocation l : site.locations()) {
                byDevice.put(l.device().id(), l);
            }
        }
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshot = new Snapshot<>(clock, MAX_AGE, this::build);
    }

    /** One line per configured site, in configuration order, at most {@link #MAX_AGE} old. */
    public List<SiteSummary> summaries() {
        return snapshot.get();
    }

    /** Reads the store now: for benchmarks, which measure the build and not the sharing. */
    public List<SiteSummary> build() {
        Instant now = clock.instant();
        Map<String, Accumulator> acc = new HashMap<>();
        sites.forEach(s -> acc.put(s.id(), new Accumulator()));
        for (Sample s : store.latest(DEVICE_TOTAL_POWER, now, DeviceHealthService.LOOKBACK)) {
            DeviceLocation l = byDevice.get(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE));
            if (l == null || Double.isNaN(s.value())) {
                continue;
            }
            Accumulator a = acc.get(l.site().id());
            if (l.device().kind() == DeviceKind.PDU) {
                a.itWatts += s.value();
                a.itSources++;
            } else if (l.device().kind() == DeviceKind.METER) {
                a.facilityWatts += s.value();
                a.facilitySources++;
            }
        }
        for (Sample s : store.latest(INLET_TEMPERATURES, now, DeviceHealthService.LOOKBACK)) {
            DeviceLocation l = byDevice.get(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE));
            if (l == null || Double.isNaN(s.value())) {
                continue;
            }
            Accumulator a = acc.get(l.site().id());
            if (a.worstInlet == null || s.value() > a.worstInlet) {
                a.worstInlet = s.value();
                a.worstInletDevice = l.device().id();
            }
        }
        Map<String, Double> up = new HashMap<>();
        for (Sample s : store.latest(UP, now, DeviceHealthService.LOOKBACK)) {
            up.put(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE), s.value());
        }
        List<SiteSummary> out = new ArrayList<>(sites.size());
        for (Site site : sites) {
            Accumulator a = acc.get(site.id());
            int upCount = 0;
            int down = 0;
            int noData = 0;
            for (DeviceLocation l : site.locations()) {
                Double u = up.get(l.device().id());
                if (u == null || u.isNaN()) {
                    noData++;
                } else if (u >= 0.5) {
                    upCount++;
                } else {
                    down++;
                }
            }
            out.add(new SiteSummary(site.id(), site.name(),
                    a.itSources == 0 ? OptionalDouble.empty() : OptionalDouble.of(a.itWatts / WATTS_PER_KW),
                    a.itSources,
                    a.facilitySources == 0 ? OptionalDouble.empty()
                            : OptionalDouble.of(a.facilityWatts / WATTS_PER_KW),
                    a.facilitySources,
                    a.worstInlet == null ? OptionalDouble.empty() : OptionalDouble.of(a.worstInlet),
                    Optional.ofNullable(a.worstInletDevice), upCount, down, noData, InletEnvelope.of(site)));
        }
        return out;
    }

    private static final class Accumulator {
        double itWatts;
        int itSources;
        double facilityWatts;
        int facilitySources;
        Double worstInlet;
        String worstInletDevice;
    }
}
