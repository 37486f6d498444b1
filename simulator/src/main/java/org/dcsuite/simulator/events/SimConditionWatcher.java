package org.dcsuite.simulator.events;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every UPS, PDU and server state of a fleet at a fixed real-time interval and hands each condition that
 * started or ended to a sink, so injected faults, scheduled ones and conditions the physics reaches by itself are
 * all reported the same way. Runs on one daemon thread of its own: the sink must only hand changes on (front ends
 * queue their deliveries), and an exception it throws is logged, never fatal.
 */
public final class SimConditionWatcher implements AutoCloseable {

    /** How often the states are read: often enough that a one-second fault at {@code --speed 1} is seen. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(SimConditionWatcher.class);

    private final SimulatedFleet fleet;
    private final Clock clock;
    private final Consumer<SimConditionChange> sink;
    private final Map<SimCondition, SimConditionDetector.Reading> active = new HashMap<>();
    private final ScheduledExecutorService executor;

    private SimConditionWatcher(SimulatedFleet fleet, Clock clock, Consumer<SimConditionChange> sink,
            Duration interval) {
        this.fleet = fleet;
        this.clock = clock;
        this.sink = sink;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-condition-watcher");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::scanSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts watching.
     *
     * @param clock    the simulation clock, whose instant stamps each change
     * @param interval real time between two scans
     */
    public static SimConditionWatcher start(SimulatedFleet fleet, Clock clock, Duration interval,
            Consumer<SimConditionChange> sink) {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sink, "sink");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("condition scan interval must be positive, got " + interval);
        }
        return new SimConditionWatcher(fleet, clock, sink, interval);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            // A failed scan is retried at the next interval; ending the thread would end every notification.
            LOG.warn("simulator condition scan failed", e);
        }
    }

    private void scan() {
        Map<SimCondition, SimConditionDetector.Reading> now = new HashMap<>();
        Set<SimCondition> before = new HashSet<>(active.keySet());
        for (String id : fleet.deviceIds()) {
            DeviceKind kind = fleet.kind(id).orElseThrow();
            switch (kind) {
                case UPS -> now.putAll(SimConditionDetector.ups(fleet.ups(id)));
                case PDU -> now.putAll(SimConditionDetector.pdu(fleet.pdu(id), before));
                case SERVER -> now.putAll(SimConditionDetector.server(fleet.server(id), before));
                default -> { } // Cooling units and meters speak Modbus, which pushes nothing.
            }
        }
        var at = clock.instant();
        for (var e : active.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                emit(new SimConditionChange(e.getKey(), false, at, e.getValue().value(), e.getValue().threshold()));
            }
        }
        for (var e : now.entrySet()) {
            if (!active.containsKey(e.getKey())) {
                emit(new SimConditionChange(e.getKey(), true, at, e.getValue().value(), e.getValue().threshold()));
            }
        }
        active.clear();
        active.putAll(now);
    }

    private void emit(SimConditionChange change) {
        try {
            sink.accept(change);
        } catch (RuntimeException e) {
            LOG.warn("device '{}': handing on condition {} failed", change.deviceId(), change.type(), e);
        }
    }
}
