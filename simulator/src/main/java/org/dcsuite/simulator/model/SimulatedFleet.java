package org.dcsuite.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.Site;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.HeatMeterState;
import org.dcsuite.simulator.state.MeterState;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ServerState;
import org.dcsuite.simulator.state.UpsState;
import org.dcsuite.simulator.state.WaterMeterState;

/**
 * Every simulated device of a configuration, driven by one physical model per site (see the package
 * documentation). Each read first advances the model to the clock's instant in fixed {@link #STEP}s from the
 * instant the fleet was built, so states depend only on the seed, the configuration and the clock readings and
 * actions given, never on how often they are read. Thread-safe: one lock guards the whole model.
 */
public final class SimulatedFleet implements DeviceControls {

    /** The integration step in simulated time. */
    public static final Duration STEP = Duration.ofSeconds(1);
    private static final double STEP_S = 1.0;
    private static final long STEP_MILLIS = STEP.toMillis();
    /** A power cycle or restart keeps the server off this long before it powers on again. */
    static final Duration RESTART_OFF = Duration.ofSeconds(10);
    /** Ended faults are dropped once per simulated hour. */
    private static final long PRUNE_EVERY_STEPS = 3600;

    private final Clock clock;
    private final Instant start;
    private long steps;
    private final List<SiteModel> sites = new ArrayList<>();
    private final Map<String, SiteModel> sitesById = new LinkedHashMap<>();
    private final Map<String, DeviceKind> kinds = new LinkedHashMap<>();
    private final Map<String, SiteModel> siteOfDevice = new LinkedHashMap<>();
    private final Map<String, ServerModel> servers = new LinkedHashMap<>();
    private final Map<String, PduModel> pdus = new LinkedHashMap<>();
    private final Map<String, UpsModel> upses = new LinkedHashMap<>();
    private final Map<String, CoolingModel> coolers = new LinkedHashMap<>();
    private final Map<String, MeterModel> meters = new LinkedHashMap<>();
    private final Map<String, WaterMeterModel> waterMeters = new LinkedHashMap<>();
    private final Map<String, HeatMeterModel> heatMeters = new LinkedHashMap<>();
    private final PhysicalFaults faults = new PhysicalFaults();

    public SimulatedFleet(DcsuiteConfig config, long seed, Clock clock) {
        this(config.sites(), seed, clock);
    }

    /** @param clock the simulation clock; the model starts at its instant now */
    public SimulatedFleet(List<Site> sites, long seed, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant();
        for (Site site : sites) {
            SiteModel m = new SiteModel(site, seed);
            this.sites.add(m);
            sitesById.put(site.id(), m);
            register(m, m.servers, s -> s.id, servers, DeviceKind.SERVER);
            register(m, m.pdus, p -> p.id, pdus, DeviceKind.PDU);
            register(m, m.upses, u -> u.id, upses, DeviceKind.UPS);
            register(m, m.coolers, c -> c.id, coolers, DeviceKind.COOLING);
            register(m, m.meters, x -> x.id, meters, DeviceKind.METER);
            register(m, m.waterMeters, x -> x.id, waterMeters, DeviceKind.METER);
            register(m, m.heatMeters, x -> x.id, heatMeters, DeviceKind.METER);
            m.compute(start, faults, STEP_S);
        }
    }

    private <T> void register(SiteModel site, List<T> parts, Function<T, String> id, Map<String, T> index,
            DeviceKind kind) {
        for (T part : parts) {
            index.put(id.apply(part), part);
            kinds.put(id.apply(part), kind);
            siteOfDevice.put(id.apply(part), site);
        }
    }

    /** The simulated devices: every configured device except those of kind {@code other}. */
    public Set<String> deviceIds() {
        return Collections.unmodifiableSet(kinds.keySet());
    }

    /** The kind of a simulated device; empty for an unknown id. */
    public Optional<DeviceKind> kind(String deviceId) {
        return Optional.ofNullable(kinds.get(deviceId));
    }

    /** The instant of the last integrated step. */
    public synchronized Instant simulatedTime() {
        advance();
        return now();
    }

    public synchronized ServerState server(String id) {
        advance();
        return find(servers, id, "server").state();
    }

    public synchronized PduState pdu(String id) {
        advance();
        return find(pdus, id, "PDU").state();
    }

    public synchronized UpsState ups(String id) {
        advance();
        return find(upses, id, "UPS").state();
    }

    public synchronized CoolingState cooling(String id) {
        advance();
        return find(coolers, id, "cooling unit").state();
    }

    /** An electricity meter: a site's incomer or its PV array's production meter (see {@link MeterType}). */
    public synchronized MeterState meter(String id) {
        advance();
        return find(meters, id, "electricity meter").state();
    }

    public synchronized WaterMeterState waterMeter(String id) {
        advance();
        return find(waterMeters, id, "water meter").state();
    }

    public synchronized HeatMeterState heatMeter(String id) {
        advance();
        return find(heatMeters, id, "heat meter").state();
    }

    /**
     * The site's lighting and other building loads, a constant part of facility power, for checking the energy
     * balance: facility = IT (UPS input side) + UPS losses + cooling + other.
     */
    public double otherPowerW(String siteId) {
        return site(siteId).otherPowerW;
    }

    // ---- Controls ----

    @Override
    public synchronized void setCoolingSetpoint(String coolingId, double celsius) {
        if (!(celsius >= CoolingState.SETPOINT_MIN_C && celsius <= CoolingState.SETPOINT_MAX_C)) {
            throw new IllegalArgumentException("cooling unit '" + coolingId + "': setpoint " + celsius
                    + " degC outside " + CoolingState.SETPOINT_MIN_C + "-" + CoolingState.SETPOINT_MAX_C);
        }
        CoolingModel c = find(coolers, coolingId, "cooling unit");
        advance();
        c.setpointC = celsius;
        recompute();
    }

    @Override
    public synchronized void setOutlet(String pduId, int outlet, boolean on) {
        PduModel p = find(pdus, pduId, "PDU");
        if (outlet < 1 || outlet > p.outlets) {
            throw new IllegalArgumentException("PDU '" + pduId + "': no outlet " + outlet + " (1-" + p.outlets + ")");
        }
        advance();
        p.outletOn[outlet - 1] = on;
        recompute();
    }

    @Override
    public synchronized void resetServer(String serverId, ResetType type) {
        ServerModel s = find(servers, serverId, "server");
        Objects.requireNonNull(type, "type");
        advance();
        switch (type) {
            case ON -> {
                s.adminOn = true;
            }
            case FORCE_OFF, GRACEFUL_SHUTDOWN -> {
                s.adminOn = false;
                s.restartUntil = null;
            }
            case POWER_CYCLE, FORCE_RESTART, GRACEFUL_RESTART -> {
                // A restart of a server that is off just powers it on, as a BMC does.
                boolean wasOn = s.on;
                s.adminOn = true;
                s.restartUntil = wasOn ? now().plus(RESTART_OFF) : null;
            }
        }
        recompute();
    }

    // ---- Physical and data faults ----

    /** The cooling unit stops: no heat removed, no power drawn, a compressor-fault alarm. */
    public synchronized void failCooling(String coolingId, FaultWindow window) {
        find(coolers, coolingId, "cooling unit");
        addFault(PhysicalFaults.Kind.COOLING_FAILED, coolingId, "", window);
    }

    /**
     * A PDU breaker trips: the phase's outlets lose power and their servers fall back to the other feed.
     *
     * @param phase {@code L1}..{@code L3}, or empty for all three
     */
    public synchronized void tripBreaker(String pduId, Optional<String> phase, FaultWindow window) {
        find(pdus, pduId, "PDU");
        phase.filter(p -> !List.of(PduModel.PHASES).contains(p)).ifPresent(p -> {
            throw new IllegalArgumentException("PDU '" + pduId + "': no phase '" + p + "' (L1, L2, L3)");
        });
        addFault(PhysicalFaults.Kind.BREAKER_TRIPPED, pduId, phase.orElse(PhysicalFaults.ALL_PHASES), window);
    }

    /**
     * Extra load is plugged into a PDU (a space heater, a new server nobody planned for): the phase draws
     * {@link PduModel#OVERLOAD_SHARE} of its breaker's rating, above the 80 % continuous limit but short of a trip.
     *
     * @param phase {@code L1}..{@code L3}, or empty for all three
     */
    public synchronized void overloadPdu(String pduId, Optional<String> phase, FaultWindow window) {
        find(pdus, pduId, "PDU");
        phase.filter(p -> !List.of(PduModel.PHASES).contains(p)).ifPresent(p -> {
            throw new IllegalArgumentException("PDU '" + pduId + "': no phase '" + p + "' (L1, L2, L3)");
        });
        addFault(PhysicalFaults.Kind.PDU_OVERLOAD, pduId, phase.orElse(PhysicalFaults.ALL_PHASES), window);
    }

    /** A server's first fan stops: it reports 0 rpm and the server's health turns to Warning. */
    public synchronized void failFan(String serverId, FaultWindow window) {
        find(servers, serverId, "server");
        addFault(PhysicalFaults.Kind.FAN_FAILED, serverId, "", window);
    }

    /** A whole feed of a site is lost: every PDU on it goes dead and the servers run on the other feed. */
    public synchronized void loseFeed(String siteId, Feed feed, FaultWindow window) {
        site(siteId);
        addFault(PhysicalFaults.Kind.FEED_LOST, siteId, feed.name(), window);
    }

    /** The UPS's input fails: it runs its load from the battery, which drains; empty, its output dies. */
    public synchronized void upsOnBattery(String upsId, FaultWindow window) {
        find(upses, upsId, "UPS");
        addFault(PhysicalFaults.Kind.UPS_ON_BATTERY, upsId, "", window);
    }

    /** The device's temperature readings freeze at the values they have when the fault starts. */
    public synchronized void stickSensors(String deviceId, FaultWindow window) {
        requireDevice(deviceId);
        addFault(PhysicalFaults.Kind.STUCK_SENSOR, deviceId, "", window);
    }

    /**
     * The counters of a PDU (energy, total and outlets) or meter (energy, water volume or heat) restart from 0 at
     * {@code at} (empty: now).
     */
    public synchronized void resetCounters(String deviceId, Optional<Instant> at) {
        DeviceKind kind = requireDevice(deviceId);
        if (kind != DeviceKind.PDU && kind != DeviceKind.METER) {
            throw new IllegalArgumentException("device '" + deviceId + "' is a " + kind.configName()
                    + " and has no energy counters");
        }
        advance();
        faults.addCounterReset(deviceId, at.orElse(now()));
        recompute();
    }

    /** Ends now every physical and data fault of a device, or of a site (its lost feeds). */
    public synchronized void clearFaults(String deviceOrSiteId) {
        advance();
        faults.clear(deviceOrSiteId, now());
        recompute();
    }

    private void addFault(PhysicalFaults.Kind kind, String target, String detail, FaultWindow window) {
        advance();
        Instant faultStart = window.startOr(now());
        faults.add(kind, target, detail, faultStart, window.endFrom(faultStart));
        recompute();
    }

    // ---- Batch jobs ----

    /** Adds a deferrable job to a site. */
    public synchronized void addBatchJob(String siteId, BatchJob job) {
        Objects.requireNonNull(job, "job");
        if (sites.stream().anyMatch(s -> s.jobs.stream().anyMatch(j -> j.id().equals(job.id())))) {
            throw new IllegalArgumentException("duplicate batch job id '" + job.id() + "'");
        }
        SiteModel s = site(siteId);
        advance();
        s.jobs.add(job);
        recompute();
    }

    /** Moves a job's start (load shifting); the model's past is not rewritten, only later steps see the change. */
    public synchronized BatchJob moveBatchJob(String jobId, Instant newStart) {
        advance();
        for (SiteModel s : sites) {
            for (int i = 0; i < s.jobs.size(); i++) {
                if (s.jobs.get(i).id().equals(jobId)) {
                    BatchJob moved = s.jobs.get(i).withStart(newStart);
                    s.jobs.set(i, moved);
                    recompute();
                    return moved;
                }
            }
        }
        throw new IllegalArgumentException("unknown batch job '" + jobId + "'");
    }

    public synchronized List<BatchJob> batchJobs(String siteId) {
        return List.copyOf(site(siteId).jobs);
    }

    // ---- Integration ----

    private Instant now() {
        return start.plusMillis(steps * STEP_MILLIS);
    }

    private void advance() {
        long target = Math.floorDiv(Duration.between(start, clock.instant()).toMillis(), STEP_MILLIS);
        while (steps < target) {
            for (SiteModel s : sites) {
                s.step(STEP_S);
            }
            steps++;
            if (steps % PRUNE_EVERY_STEPS == 0) {
                faults.prune(now());
            }
            recompute();
        }
    }

    /** Re-evaluates the snapshot at the current step, after a step or after a control action or fault change. */
    private void recompute() {
        Instant t = now();
        for (String id : faults.takeDueResets(t)) {
            PduModel p = pdus.get(id);
            if (p != null) {
                p.resetCounters();
            } else if (meters.containsKey(id)) {
                meters.get(id).energyJ = 0;
            } else if (waterMeters.containsKey(id)) {
                waterMeters.get(id).volumeL = 0;
            } else {
                heatMeters.get(id).energyJ = 0;
            }
        }
        for (SiteModel s : sites) {
            s.compute(t, faults, STEP_S);
        }
    }

    private DeviceKind requireDevice(String deviceId) {
        DeviceKind kind = kinds.get(deviceId);
        if (kind == null) {
            throw new IllegalArgumentException("unknown simulated device '" + deviceId + "'");
        }
        return kind;
    }

    private SiteModel site(String siteId) {
        SiteModel s = sitesById.get(siteId);
        if (s == null) {
            throw new IllegalArgumentException("unknown site '" + siteId + "'");
        }
        return s;
    }

    private static <T> T find(Map<String, T> index, String id, String what) {
        T part = index.get(id);
        if (part == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + id + "'");
        }
        return part;
    }
}
