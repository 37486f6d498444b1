package org.dcsuite.collectors.events;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.dcsuite.collectors.normalize.Normalizer;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where received device events go: each gets its device's topology labels (the attributes the {@link Normalizer}
 * puts on the device's series), is published on the {@link TelemetryBus} at once, so alerting never waits on the
 * store, and is written to the store in batches by one writer thread, in arrival order.
 *
 * <p>While the store fails with a retryable {@link StoreException} events wait in a bounded in-memory queue and the
 * same batch is retried; events arriving beyond the bound are counted as dropped and logged (at most once a
 * minute), never lost silently. A batch the store refuses as invalid is retried event by event, so one bad event
 * costs only itself. {@link #accept} may be called from any thread and never blocks on the store.
 */
public final class DeviceEventPipeline implements Consumer<DeviceEvent>, AutoCloseable {

    /** Events waiting for the store: a storm of traps from a whole room for hours, in tens of megabytes. */
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    /** Events per store call: one transaction for a burst, small enough to keep a retry cheap. */
    public static final int DEFAULT_MAX_BATCH = 500;
    /** The first wait after a retryable store failure; it doubles up to {@link #DEFAULT_MAX_RETRY_INTERVAL}. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(500);
    /** The longest wait between retries while the store stays down. */
    public static final Duration DEFAULT_MAX_RETRY_INTERVAL = Duration.ofSeconds(30);
    /** How long {@link #close()} keeps trying to store what is queued before counting it as dropped. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventPipeline.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final TelemetryStore store;
    private final TelemetryBus bus;
    private final Map<String, Map<String, String>> labelsByDevice;
    private final int capacity;
    private final int maxBatch;
    private final Duration retryInterval;
    private final Duration maxRetryInterval;
    private final Duration closeTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<DeviceEvent> queue = new ArrayDeque<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final RateLimitedLog overflowLog;
    private final RateLimitedLog storeDownLog;
    private final Thread writer;
    private boolean closing;
    private boolean abandoned;

    private DeviceEventPipeline(Builder b) {
        this.store = b.store;
        this.bus = b.bus;
        this.capacity = b.queueCapacity;
        this.maxBatch = b.maxBatch;
        this.retryInterval = b.retryInterval;
        this.maxRetryInterval = b.maxRetryInterval;
        this.closeTimeout = b.closeTimeout;
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (DeviceLocation location : b.locations) {
            labels.put(location.device().id(), new Normalizer(location).deviceAttributes());
        }
        this.labelsByDevice = Map.copyOf(labels);
        this.overflowLog = new RateLimitedLog(b.clock, LOG_INTERVAL);
        this.storeDownLog = new RateLimitedLog(b.clock, LOG_INTERVAL);
        this.writer = Thread.ofPlatform().name("dcsuite-device-events-writer").daemon().unstarted(this::writeLoop);
        writer.start();
    }

    public static Builder builder(TelemetryStore store) {
        return new Builder(store);
    }

    /**
     * Labels, publishes and queues one event; never blocks on the store. The event's {@code deviceId} decides its
     * labels: an event without one, or of a device not configured, keeps empty labels and is still stored. Its time
     * is cut to whole milliseconds, the store's resolution.
     */
    @Override
    public void accept(DeviceEvent event) {
        Objects.requireNonNull(event, "event");
        received.incrementAndGet();
        // Times are cut to the store's millisecond resolution, so what alerting sees is exactly what is stored.
        DeviceEvent labelled = new DeviceEvent(event.deviceId(), event.source(), event.type(), event.severity(),
                event.message(), event.details(), event.time().truncatedTo(ChronoUnit.MILLIS),
                event.deviceId().map(labelsByDevice::get).orElse(Map.of()));
        try {
            bus.publishEvent(labelled);
        } catch (RuntimeException e) {
            // The bus promises not to throw; if one does anyway, the event must still reach the store.
            LOG.warn("publishing device event {} from {} failed: {}", labelled.type(), labelled.source(), e.toString());
        }
        lock.lock();
        try {
            if (closing || queue.size() >= capacity) {
                long n = dropped.incrementAndGet();
                overflowLog.run(suppressed -> LOG.warn("device event queue {} ({} events): dropped event {} from {}; "
                        + "{} dropped in all, {} more since the last warning", closing ? "is closed" : "is full",
                        capacity, labelled.type(), labelled.source(), n, suppressed));
                return;
            }
            queue.addLast(labelled);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Events accepted so far, whether stored, queued or dropped. */
    public long received() {
        return received.get();
    }

    /** Events written to the store so far. */
    public long stored() {
        return stored.get();
    }

    /** Events lost: arrived with the queue full or after close, refused by the store, or unwritten at close. */
    public long dropped() {
        return dropped.get();
    }

    /** Events waiting for the store now. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking events and writes those queued, for up to the close timeout; what the store still refuses by
     * then is counted as dropped and logged. Does not close the store.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            writer.join(closeTimeout);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        lock.lock();
        try {
            abandoned = true;
            changed.signalAll();
            int left = queue.size();
            if (left > 0) {
                dropped.addAndGet(left);
                LOG.error("closing device events with the store still failing: {} events were not stored", left);
                queue.clear();
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- writer thread

    private void writeLoop() {
        long wait = retryInterval.toNanos();
        while (true) {
            List<DeviceEvent> batch = nextBatch();
            if (batch.isEmpty()) {
                return;
            }
            int done = write(batch);
            lock.lock();
            try {
                for (int i = 0; i < done && !queue.isEmpty(); i++) {
                    queue.removeFirst();
                }
            } finally {
                lock.unlock();
            }
            if (done == batch.size()) {
                wait = retryInterval.toNanos();
            } else if (!pause(wait)) {
                return;
            } else {
                wait = Math.min(wait * 2, maxRetryInterval.toNanos());
            }
        }
    }

    /** The oldest queued events, left in the queue until written; empty when closing with nothing left. */
    private List<DeviceEvent> nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                changed.awaitUninterruptibly();
            }
            if (abandoned) {
                return List.of();
            }
            List<DeviceEvent> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            Iterator<DeviceEvent> it = queue.iterator();
            while (it.hasNext() && batch.size() < maxBatch) {
                batch.add(it.next());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Waits before a retry; false when the pipeline was abandoned meanwhile. */
    private boolean pause(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (left > 0 && !abandoned) {
                left = changed.awaitNanos(left);
            }
            return !abandoned;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the batch; returns how many of its first events are done with (stored or refused for good). */
    private int write(List<DeviceEvent> batch) {
        try {
            store.appendEvents(batch);
            stored.addAndGet(batch.size());
            return batch.size();
        } catch (RuntimeException e) {
            if (retryable(e)) {
                storeDownLog.run(suppressed -> LOG.warn("storing {} device events failed, keeping them queued and "
                        + "retrying ({} more failures since the last warning): {}", batch.size(), suppressed,
                        e.getMessage()));
                return 0;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            DeviceEvent event = batch.get(i);
            try {
                store.appendEvents(List.of(event));
                stored.incrementAndGet();
            } catch (RuntimeException e) {
                if (retryable(e)) {
                    return i;
                }
                dropped.incrementAndGet();
                LOG.error("the store refused device event {} of device '{}' from {}; dropped: {}", event.type(),
                        event.deviceId().orElse(""), event.source(), e.getMessage());
            }
        }
        return batch.size();
    }

    private static boolean retryable(RuntimeException e) {
        return e instanceof StoreException se && se.retryable();
    }

    /**
     * Configures a pipeline; defaults are the {@code DEFAULT_*} constants, no devices (every event unlabelled), the
     * no-op bus and the UTC system clock.
     */
    public static final class Builder {

        private final TelemetryStore store;
        private TelemetryBus bus = TelemetryBus.noop();
        private List<DeviceLocation> locations = List.of();
        private Clock clock = Clock.systemUTC();
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private Duration maxRetryInterval = DEFAULT_MAX_RETRY_INTERVAL;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder(TelemetryStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Where every labelled event is published. */
        public Builder bus(TelemetryBus bus) {
            this.bus = Objects.requireNonNull(bus, "bus");
            return this;
        }

        /** The configured devices, whose topology labels events of that device id get. */
        public Builder devices(List<DeviceLocation> devices) {
            this.locations = List.copyOf(devices);
            return this;
        }

        /** For rate-limiting warnings. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder queueCapacity(int events) {
            this.queueCapacity = positive(events, "queue capacity");
            return this;
        }

        public Builder maxBatch(int events) {
            this.maxBatch = positive(events, "max batch");
            return this;
        }

        /** The first and the longest wait between retries while the store fails. */
        public Builder retryInterval(Duration first, Duration max) {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("retry intervals must be positive with first <= max, got "
                        + first + " and " + max);
            }
            this.retryInterval = first;
            this.maxRetryInterval = max;
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("close timeout must not be negative, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
            return n;
        }

        /** Starts the writer thread. */
        public DeviceEventPipeline start() {
            return new DeviceEventPipeline(this);
        }
    }
}
