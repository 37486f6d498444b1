package org.dcsuite.simulator.control;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.Site;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.dcsuite.simulator.events.SimTrapDestinations;
import org.dcsuite.simulator.model.FaultSchedule;
import org.dcsuite.simulator.model.FaultWindow;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry point for every fault the simulator models: checks that the device (or site) exists and that the
 * fault fits its kind, hands the fault to the {@link FaultSchedule} (wire faults) or the {@link SimulatedFleet}
 * (physical and data faults), remembers it for listing, and writes an audit line for every injection and clear.
 * Thread-safe.
 */
public final class SimFaultInjector {

    private static final Logger AUDIT = LoggerFactory.getLogger("org.dcsuite.simulator.control.audit");
    private static final Set<String> PHASES = Set.of("L1", "L2", "L3");

    private final SimulatedFleet fleet;
    private final FaultSchedule wire;
    private final Set<String> siteIds;
    private final Clock clock;
    private final SimTrapDestinations trapDestinations;
    private final List<SimInjectedFault> injected = new ArrayList<>();

    /**
     * @param siteIds the configured sites, the targets of feed loss
     * @param clock   the simulation clock the fleet and the schedule run on
     */
    public SimFaultInjector(SimulatedFleet fleet, FaultSchedule wire, Collection<String> siteIds, Clock clock) {
        this(fleet, wire, siteIds, clock, new SimTrapDestinations());
    }

    /**
     * @param trapDestinations the SNMP managers the agents notify, which the control API lists and changes beside
     *                         the faults
     */
    public SimFaultInjector(SimulatedFleet fleet, FaultSchedule wire, Collection<String> siteIds, Clock clock,
            SimTrapDestinations trapDestinations) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.siteIds = new TreeSet<>(siteIds);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trapDestinations = Objects.requireNonNull(trapDestinations, "trapDestinations");
    }

    /** The injector of a running simulator built from {@code config} on {@code clock}, with its trap destinations. */
    public static SimFaultInjector of(Simulator simulator, DcsuiteConfig config, Clock clock) {
        return new SimFaultInjector(simulator.fleet(), simulator.faults(),
                config.sites().stream().map(Site::id).toList(), clock, simulator.trapDestinations());
    }

    /** The SNMP managers the simulated agents notify. */
    public SimTrapDestinations trapDestinations() {
        return trapDestinations;
    }

    /** Adds an SNMP manager to notify and logs an audit line naming {@code actor}. */
    public void addTrapDestination(String actor, SimTrapDestination destination) {
        trapDestinations.add(destination);
        AUDIT.info("audit who={} what=add-trap-destination destination=\"{}\"", actor, destination);
    }

    /**
     * Stops notifying the managers at an address (both traps and informs), or every manager when empty, and logs
     * an audit line naming {@code actor}.
     *
     * @return how many destinations were removed
     */
    public int removeTrapDestinations(String actor, Optional<InetSocketAddress> address) {
        int removed = 0;
        for (SimTrapDestination d : trapDestinations.list()) {
            if (address.isEmpty() || d.address().equals(address.get())) {
                removed += trapDestinations.remove(d) ? 1 : 0;
            }
        }
        AUDIT.info("audit who={} what=remove-trap-destinations address=\"{}\" removed={}", actor,
                address.map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse("all"), removed);
        return removed;
    }

    /** The simulation clock, on which request times are read. */
    public Clock clock() {
        return clock;
    }

    /**
     * Injects a fault and logs an audit line naming {@code actor}.
     *
     * @throws SimFaultInputException when the target is unknown, the fault does not fit its kind or an option does
     *                                not fit the fault, naming the field
     */
    public synchronized SimInjectedFault inject(String actor, SimFaultRequest request) {
        Objects.requireNonNull(actor, "actor");
        check(request);
        Instant now = clock.instant();
        Instant start = request.start().orElse(now);
        Optional<Instant> end = request.type() == SimFaultType.COUNTER_RESET
                ? Optional.of(start) : request.duration().map(start::plus);
        FaultWindow window = new FaultWindow(Optional.of(start), request.duration());
        String id = request.target();
        switch (request.type()) {
            case DOWN -> wire.down(id, window);
            case SLOW -> wire.slow(id, request.latency().orElseThrow(), window);
            case GARBAGE -> wire.garbage(id, window);
            case AUTH_FAILURE -> wire.authFailure(id, window);
            case COOLING_FAILED -> fleet.failCooling(id, window);
            case BREAKER_TRIPPED -> fleet.tripBreaker(id, request.phase(), window);
            case FEED_LOST -> fleet.loseFeed(id, request.feed().orElseThrow(), window);
            case ON_BATTERY -> fleet.upsOnBattery(id, window);
            case COUNTER_RESET -> fleet.resetCounters(id, Optional.of(start));
            case STUCK_SENSOR -> fleet.stickSensors(id, window);
            case FAN_FAILED -> fleet.failFan(id, window);
            case OVERLOAD -> fleet.overloadPdu(id, request.phase(), window);
        }
        SimInjectedFault fault = new SimInjectedFault(id, request.type(), start, end, request.latency(),
                request.phase(), request.feed());
        injected.add(fault);
        AUDIT.info("audit who={} what=inject fault={} device={} window=\"{}\"{}", actor, fault.type().configName(), id,
                fault.window(), fault.details().isEmpty() ? "" : " details=\"" + fault.details() + "\"");
        return fault;
    }

    /**
     * Ends now every fault of a device, or every lost feed of a site, including faults scheduled for later, and
     * logs an audit line naming {@code actor}.
     *
     * @return the faults that were still active or to come
     * @throws SimFaultInputException when the id names neither a simulated device nor a site
     */
    public synchronized List<SimInjectedFault> clear(String actor, String deviceOrSite) {
        Objects.requireNonNull(actor, "actor");
        boolean device = fleet.kind(deviceOrSite).isPresent();
        if (!device && !siteIds.contains(deviceOrSite)) {
            throw new SimFaultInputException("device", "unknown simulated device or site '" + deviceOrSite + "'");
        }
        if (device) {
            wire.clear(deviceOrSite);
        }
        fleet.clearFaults(deviceOrSite);
        Instant now = clock.instant();
        List<SimInjectedFault> cleared = new ArrayList<>();
        injected.removeIf(f -> {
            if (!f.target().equals(deviceOrSite)) {
                return false;
            }
            if (f.pendingOrActiveAt(now)) {
                cleared.add(f);
            }
            return true;
        });
        AUDIT.info("audit who={} what=clear device={} window=\"from {}\" cleared={}", actor, deviceOrSite, now,
                cleared.size());
        return cleared;
    }

    /** The faults active now or still to come, in injection order; ended ones drop out. */
    public synchronized List<SimInjectedFault> list() {
        Instant now = clock.instant();
        injected.removeIf(f -> !f.pendingOrActiveAt(now));
        return List.copyOf(injected);
    }

    private void check(SimFaultRequest r) {
        String id = r.target();
        Optional<DeviceKind> kind = fleet.kind(id);
        if (r.type() == SimFaultType.FEED_LOST) {
            if (!siteIds.contains(id)) {
                throw new SimFaultInputException("device", kind
                        .map(k -> "'" + id + "' is a " + k.configName() + " device; feed_lost takes a site id ("
                                + String.join(", ", siteIds) + ")")
                        .orElse("unknown site '" + id + "' for feed_lost; sites: " + String.join(", ", siteIds)));
            }
            if (r.feed().isEmpty()) {
                throw new SimFaultInputException("feed", "feed_lost needs the feed, A or B");
            }
        } else {
            if (kind.isEmpty()) {
                throw new SimFaultInputException("device", siteIds.contains(id)
                        ? "'" + id + "' is a site, which accepts only feed_lost"
                        : "unknown simulated device '" + id + "'");
            }
            if (!r.type().appliesTo(kind.get())) {
                throw new SimFaultInputException("fault", "device '" + id + "' is a " + kind.get().configName()
                        + ", which accepts " + String.join(", ", SimFaultType.namesFor(kind.get())) + "; not "
                        + r.type().configName());
            }
            r.feed().ifPresent(f -> {
                throw new SimFaultInputException("feed", "only feed_lost takes a feed");
            });
        }
        if (r.type() == SimFaultType.SLOW && r.latency().isEmpty()) {
            throw new SimFaultInputException("latency", "slow needs a latency, e.g. 2s");
        }
        if (r.type() != SimFaultType.SLOW && r.latency().isPresent()) {
            throw new SimFaultInputException("latency", "only slow takes a latency");
        }
        r.latency().filter(l -> l.isZero() || l.isNegative()).ifPresent(l -> {
            throw new SimFaultInputException("latency", "must be greater than zero");
        });
        r.duration().filter(d -> d.isZero() || d.isNegative()).ifPresent(d -> {
            throw new SimFaultInputException("for", "must be greater than zero");
        });
        if (r.type() == SimFaultType.COUNTER_RESET && r.duration().isPresent()) {
            throw new SimFaultInputException("for", "counter_reset is instantaneous and takes no duration");
        }
        if (r.phase().isPresent()) {
            if (r.type() != SimFaultType.BREAKER_TRIPPED && r.type() != SimFaultType.OVERLOAD) {
                throw new SimFaultInputException("phase", "only breaker_tripped and overload take a phase");
            }
            if (!PHASES.contains(r.phase().get())) {
                throw new SimFaultInputException("phase", "no phase '" + r.phase().get() + "'; use L1, L2 or L3");
            }
        }
    }
}
