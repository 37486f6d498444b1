package org.dcsuite.collectors.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every device at its interval and hands samples (readings with topology, plus {@link DeviceHealthMetrics})
 * to a {@link SampleSink}. Each device's slots sit on a fixed grid, offset by a hash of its id so a fleet's polls
 * spread across the interval. Polls run on virtual threads, at most one per device: a poll still running at its
 * next slot makes that slot an overrun and it is skipped. A poll past its deadline counts as a timeout at once (its
 * thread is interrupted and its late result discarded), so a hung device shows {@code up = 0} on time. An
 * unreachable device (timeout, refused) is retried after interval x 2^n, up to a cap, writing {@code up = 0} at
 * the slots it skips, and is back on its interval after a success. Timing decisions read the injected clock,
 * which the scheduler thread checks every tick.
 *
 * <p>Self-observability: the meters {@code dcsuite.collector.polls}, {@code .poll.errors}, {@code .poll.duration},
 * {@code .poll.lateness} and {@code .devices} (no per-device tags: the health series carry per-device data) and a
 * {@code collector.poll} span per poll.
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

    /** The instrumentation scope of the scheduler's spans. */
    public static final String TRACER_SCOPE = "org.dcsuite.collectors";

    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

    private final Map<String, DevicePoller> pollers;
    private final Clock clock;
    private final Duration tick;
    private final Duration stopTimeout;
    private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();
    private final Executor executor;
    private final List<DevicePoller> order;
    private final SchedulerMeters meters;
    private final Thread thread;
    private volatile boolean running;

    private PollScheduler(Builder b) {
        this.clock = b.clock;
        this.tick = b.tick;
        this.stopTimeout = b.stopTimeout;
        this.executor = b.executor.orElse(polls);
        Map<String, DevicePoller> map = new LinkedHashMap<>();
        List<DevicePoller> all = new ArrayList<>();
        this.meters = new SchedulerMeters(b.registry, all);
        for (DeviceLocation l : b.devices) {
            Duration interval = l.device().pollInterval()
                    .orElseGet(() -> l.device().profile().map(b.profileIntervals::get).orElse(b.defaultInterval));
            DevicePoller poller = new DevicePoller(l, interval, b.maxBackoff, b.pollDeadline.orElse(interval), clock,
                    b.sink, b.sessions, meters, b.tracer);
            if (map.put(l.device().id(), poller) != null) {
                throw new IllegalArgumentException("device '" + l.device().id() + "' is listed twice");
            }
            all.add(poller);
        }
        this.pollers = Map.copyOf(map);
        this.order = List.copyOf(all);
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
            if (thread.isAlive()) {
                thread.join(stopTimeout);
            }
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
        meters.close();
        LOG.info("poll scheduler stopped");
    }

    /** One tick: every device's due work at the clock's current time (the scheduler thread's loop body). */
    void runDue() {
        Instant now = clock.instant();
        for (DevicePoller p : order) {
            try {
                p.onTick(now, executor);
            } catch (RuntimeException e) {
                // The sink or a gauge misbehaving must not stop the polling of every device.
                LOG.error("poll scheduler: tick failed for device '{}'", p.deviceId(), e);
            }
        }
    }

    private void run() {
        while (running) {
            runDue();
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
        private Map<String, Duration> profileIntervals = Map.of();
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration tick = DEFAULT_TICK;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private DeviceSessionFactory sessions = DeviceSessionFactory.DRIVERS;
        private Optional<Duration> pollDeadline = Optional.empty();
        private MeterRegistry registry = new CompositeMeterRegistry();
        private Tracer tracer = OpenTelemetry.noop().getTracer(TRACER_SCOPE);
        private Optional<Executor> executor = Optional.empty();

        private Builder(List<DeviceLocation> devices, SampleSink sink) {
            this.devices = List.copyOf(devices);
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The interval of devices without their own {@code poll_interval} and without a profile interval. */
        public Builder defaultInterval(Duration interval) {
            this.defaultInterval = positive(interval, "default interval");
            return this;
        }

        /** Intervals by profile name, for devices without their own {@code poll_interval}. */
        public Builder profileIntervals(Map<String, Duration> intervals) {
            intervals.forEach((profile, interval) -> positive(interval, "interval of profile " + profile));
            this.profileIntervals = Map.copyOf(intervals);
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

        /**
         * How long one poll may take before it counts as a timeout; by default each device's interval, so a poll
         * never silently eats the next one.
         */
        public Builder pollDeadline(Duration deadline) {
            this.pollDeadline = Optional.of(positive(deadline, "poll deadline"));
            return this;
        }

        /** Where the scheduler's meters go; by default a registry that keeps nothing. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Traces each poll as a {@code collector.poll} span; by default OpenTelemetry's no-op tracer. */
        public Builder tracer(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return this;
        }

        /** Runs polls elsewhere than on the scheduler's virtual threads; for tests that run them in line. */
        Builder executor(Executor executor) {
            this.executor = Optional.of(Objects.requireNonNull(executor, "executor"));
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
