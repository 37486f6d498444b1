package org.dcsuite.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dcsuite.simulator.state.ProtocolFaults;

/**
 * Timed wire-level faults per device on the simulation clock, so one place owns all fault timing: the front ends
 * call {@link #current(String)} on every request and faults start and end by themselves. Overlapping faults of a
 * device combine (any down, garbage or auth failure; the largest latency). Thread-safe.
 */
public final class FaultSchedule implements ProtocolFaults {

    private record Entry(String deviceId, Active fault, Instant start, Instant end) {
    }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();

    public FaultSchedule(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Schedules any combination of wire faults for one device. */
    public synchronized void schedule(String deviceId, Active fault, FaultWindow window) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(fault, "fault");
        Instant start = window.startOr(clock.instant());
        entries.add(new Entry(deviceId, fault, start, window.endFrom(start)));
    }

    /** The device answers nothing. */
    public void down(String deviceId, FaultWindow window) {
        schedule(deviceId, new Active(true, Duration.ZERO, false, false), window);
    }

    /** The device answers after {@code latency}. */
    public void slow(String deviceId, Duration latency, FaultWindow window) {
        schedule(deviceId, new Active(false, latency, false, false), window);
    }

    /** The device answers with bytes that are not the protocol. */
    public void garbage(String deviceId, FaultWindow window) {
        schedule(deviceId, new Active(false, Duration.ZERO, true, false), window);
    }

    /** The device rejects credentials. */
    public void authFailure(String deviceId, FaultWindow window) {
        schedule(deviceId, new Active(false, Duration.ZERO, false, true), window);
    }

    /** Ends every fault of the device now, including those scheduled for later. */
    public synchronized void clear(String deviceId) {
        entries.removeIf(e -> e.deviceId.equals(deviceId));
    }

    @Override
    public synchronized Active current(String deviceId) {
        Instant now = clock.instant();
        // Ended faults are dropped here, so a long run with many timed faults does not grow the list.
        entries.removeIf(e -> !now.isBefore(e.end));
        boolean down = false;
        boolean garbage = false;
        boolean auth = false;
        Duration latency = Duration.ZERO;
        boolean any = false;
        for (Entry e : entries) {
            if (e.deviceId.equals(deviceId) && !now.isBefore(e.start)) {
                any = true;
                down |= e.fault.down();
                garbage |= e.fault.garbage();
                auth |= e.fault.authFailure();
                if (e.fault.latency().compareTo(latency) > 0) {
                    latency = e.fault.latency();
                }
            }
        }
        return any ? new Active(down, latency, garbage, auth) : Active.NONE;
    }
}
