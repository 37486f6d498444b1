package org.dcsuite.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.dcsuite.simulator.state.Feed;

/**
 * The timed physical and data faults of a fleet. Not thread-safe: {@link SimulatedFleet} guards it with its lock.
 * Faults are looked up at each step's instant, so they begin and end on step boundaries whatever the read rate.
 */
final class PhysicalFaults {

    enum Kind { COOLING_FAILED, BREAKER_TRIPPED, FEED_LOST, UPS_ON_BATTERY, STUCK_SENSOR, FAN_FAILED, PDU_OVERLOAD }

    /** Any phase of a PDU, for a breaker fault that trips all of them. */
    static final String ALL_PHASES = "*";

    private record Entry(Kind kind, String target, String detail, Instant start, Instant end) {
        boolean activeAt(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    private record CounterReset(String deviceId, Instant at) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<CounterReset> resets = new ArrayList<>();

    void add(Kind kind, String target, String detail, Instant start, Instant end) {
        entries.add(new Entry(kind, target, detail, start, end));
    }

    void addCounterReset(String deviceId, Instant at) {
        resets.add(new CounterReset(deviceId, at));
    }

    boolean active(Kind kind, String target, Instant t) {
        for (Entry e : entries) {
            if (e.kind == kind && e.target.equals(target) && e.activeAt(t)) {
                return true;
            }
        }
        return false;
    }

    /** True when the phase itself or all phases of the PDU are tripped. */
    boolean breakerTripped(String pduId, String phase, Instant t) {
        return onPhase(Kind.BREAKER_TRIPPED, pduId, phase, t);
    }

    /** True when the phase itself or all phases of the PDU carry an overload. */
    boolean overloaded(String pduId, String phase, Instant t) {
        return onPhase(Kind.PDU_OVERLOAD, pduId, phase, t);
    }

    private boolean onPhase(Kind kind, String pduId, String phase, Instant t) {
        for (Entry e : entries) {
            if (e.kind == kind && e.target.equals(pduId) && e.activeAt(t)
                    && (e.detail.equals(phase) || e.detail.equals(ALL_PHASES))) {
                return true;
            }
        }
        return false;
    }

    boolean feedLost(String siteId, Feed feed, Instant t) {
        for (Entry e : entries) {
            if (e.kind == Kind.FEED_LOST && e.target.equals(siteId) && e.detail.equals(feed.name()) && e.activeAt(t)) {
                return true;
            }
        }
        return false;
    }

    /** Removes and returns the devices whose counter reset is due at {@code t}. */
    List<String> takeDueResets(Instant t) {
        List<String> due = new ArrayList<>();
        for (Iterator<CounterReset> it = resets.iterator(); it.hasNext(); ) {
            CounterReset r = it.next();
            if (!t.isBefore(r.at)) {
                due.add(r.deviceId);
                it.remove();
            }
        }
        return due;
    }

    /** Ends now every fault of the target (a device or a site), including those scheduled for later. */
    void clear(String target, Instant now) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.target.equals(target)) {
                kept.add(e);
            } else if (e.start.isBefore(now) && e.end.isAfter(now)) {
                kept.add(new Entry(e.kind, e.target, e.detail, e.start, now));
            }
        }
        entries.clear();
        entries.addAll(kept);
        resets.removeIf(r -> r.deviceId.equals(target));
    }

    /** Drops faults that ended, to keep per-step look-ups short over long runs. */
    void prune(Instant t) {
        entries.removeIf(e -> !t.isBefore(e.end));
    }
}
