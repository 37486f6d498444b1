package org.dcsuite.collectors.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.model.DeviceLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every device at its interval and hands samples (readings with topology, plus {@link DeviceHealthMetrics})
 * to a {@link SampleSink}. Each device's slots sit on a fixed grid, offset by a hash of its id so a fleet's polls
 * spread across the interval. Polls run on virtual threads, at most one per device: a poll still running at its
 * next slot makes that slot an overrun and it is skipped. An unreachable device (timeout, refused) is retried after
 * interval x 2^n, up to a cap, and back on its interval after a success. Timing decisions read the injected clock,
 * which the scheduler thread checks every tick.
 */
public final class PollScheduler implements AutoCloseable {

    /** Ten seconds, for devices whose configuration names no poll interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Five minutes: an unreachable device is still noticed coming back within minutes. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    /** How often the scheduler thread looks at the clock; the jitter of a poll's start. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(50);
    /** How long {@link #close()} waits for polls in flight before closing sessions under them. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

    private final Map<String, DevicePoller> pollers;
    private final Clock clock;
    private final Duration tick;
    private final Duration stopTimeout;
    private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private volatile boolean running;

    private PollScheduler(Builder b) {
        this.clock = b.clock;
        this.tick = b.tick;
        this.stopTimeout = b.stopTimeout;
        Map<String, DevicePoller> map = new LinkedHashMap<>();
        for (DeviceLocation l : b.devices) {
            Duration interval = l.device().pollInterval().orElse(b.defaultInterval);
            DevicePoller previous = map.put(l.device().id(),
                    new DevicePoller(l, interval, b.maxBackoff, clock, b.sink, b.sessions));
            if (previous != null) {
                throw new IllegalArgumentException("device '" + l.device().id() + "' is listed twice");
            }
        }
        this.pollers = Map.copyOf(map);
        this.thread = Thread.ofPlatform().name("dcsuite-poll-scheduler").daemon(true).unstarted(this::run);
    }

    public static Builder builder(List<DeviceLocation> devices, SampleSink sink) {
        return new Builder(devices, sink);
    }

    /** Starts polling; each device's first poll comes at its first slot, within one interval. */
    public synchronized PollScheduler start() {
        if (running || thread.isAlive()) {
            throw new IllegalStateException("poll scheduler already started");
        }
        running = true;
        thread.start();
        LOG.info("poll scheduler started for {} devices", pollers.size());
        return this;
    }

    /** The device's polling so far; empty for a device this scheduler does not poll. */
    public Optional<PollStats> stats(String deviceId) {
        return Optional.ofNullable(pollers.get(deviceId)).map(DevicePoller::stats);
    }

    /**
     * Stops claiming slots, waits up to the stop timeout for polls in flight (whose samples still reach the sink),
     * then closes every session.
     */
    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(stopTimeout);
            polls.shutdown();
            if (!polls.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> abandoned = polls.shutdownNow();
                LOG.warn("poll scheduler: polls still running after {}, closing their sessions anyway ({} queued)",
                        stopTimeout, abandoned.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DevicePoller p : pollers.values()) {
            p.close();
        }
        LOG.info("poll scheduler stopped");
    }

    private void run() {
        List<DevicePoller> all = new ArrayList<>(pollers.values());
        while (running) {
            Instant now = clock.instant();
            for (DevicePoller p : all) {
                if (p.claimIfDue(now)) {
                    polls.execute(p::pollOnce);
                }
            }
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Settings of a {@link PollScheduler}; every setting but the devices and the sink has a default. */
    public static final class Builder {

        private final List<DeviceLocation> devices;
        private final SampleSink sink;
        private Clock clock = Clock.systemUTC();
        private Duration defaultInterval = DEFAULT_INTERVAL;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration tick = DEFAULT_TICK;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private DeviceSessionFactory sessions = DeviceSessionFactory.DRIVERS;

        private Builder(List<DeviceLocation> devices, SampleSink sink) {
            this.devices = List.copyOf(devices);
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The interval of devices without their own {@code poll_interval}. */
        public Builder defaultInterval(Duration interval) {
            this.defaultInterval = positive(interval, "default interval");
            return this;
        }

        public Builder maxBackoff(Duration max) {
            this.maxBackoff = positive(max, "max backoff");
            return this;
        }

        public Builder tick(Duration tick) {
            this.tick = positive(tick, "tick");
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stop timeout");
            return this;
        }

        public Builder sessions(DeviceSessionFactory sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** Builds the scheduler; {@link PollScheduler#start()} starts polling. */
        public PollScheduler build() {
            return new PollScheduler(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be greater than zero, got " + d);
            }
            return d;
        }
    }
}
