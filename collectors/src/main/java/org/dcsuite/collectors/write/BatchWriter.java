package org.dcsuite.collectors.write;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.collectors.spool.Spool;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes submitted samples to the store in batches bounded by size and time, from one writer thread. When the
 * store fails with a retryable error the batch goes to the {@link Spool}; spooled batches are replayed in order,
 * before any newer batch, once the store answers again. A non-retryable error means bad data: the batch is
 * counted as dropped and logged with its first sample. {@link #close()} writes (or spools) everything submitted.
 *
 * <p>The writer uses but does not own the store and the spool: the caller closes them after this writer.
 *
 * <p>Self-observability: the gauges {@code dcsuite.writer.queue.samples}, {@code dcsuite.spool.bytes} and
 * {@code dcsuite.spool.batches}, the counter {@code dcsuite.writer.samples} by outcome ({@code written}: the store
 * took them, replayed ones included; {@code spooled}; {@code replayed}; {@code dropped}), the timer
 * {@code dcsuite.writer.write.duration} of store appends by outcome, and a {@code store.append} span per append.
 */
public final class BatchWriter implements SampleSink, AutoCloseable {

    /** Ten thousand samples: large enough for an efficient append, small enough to spool as one unit. */
    public static final int DEFAULT_MAX_BATCH_SAMPLES = 10_000;
    /** One second: samples reach the store (and live views) within about a second of their poll. */
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofSeconds(1);
    /** How often a down store is tried again while batches wait in the spool. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);
    /** Samples waiting in memory before new ones are dropped, so a stuck writer cannot exhaust the heap. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000_000;
    /** How long {@link #close()} waits for the writer thread to flush. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** The instrumentation scope of the writer's spans. */
    public static final String TRACER_SCOPE = "org.dcsuite.collectors";

    static final AttributeKey<Long> SAMPLES = AttributeKey.longKey("dcsuite.store.samples");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("dcsuite.store.outcome");
    static final AttributeKey<Boolean> REPLAY = AttributeKey.booleanKey("dcsuite.store.replay");

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final TelemetryStore store;
    private final Spool spool;
    private final int maxBatchSamples;
    private final long maxBatchDelayNanos;
    private final long retryIntervalNanos;
    private final int queueCapacity;
    private final Duration closeTimeout;

    private final LinkedBlockingQueue<List<Sample>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedSamples = new AtomicLong();
    private final Map<String, MetricDescriptor> wanted = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final Counter writtenMeter;
    private final Counter spooledMeter;
    private final Counter replayedMeter;
    private final Counter droppedMeter;
    private final Timer appendSucceeded;
    private final Timer appendFailed;
    private final Tracer tracer;
    private final Thread thread;
    private final Object lifecycle = new Object();
    private volatile boolean closing;

    // Owned by the writer thread.
    private final Map<String, MetricDescriptor> described = new HashMap<>();
    private final List<Sample> buffer = new ArrayList<>();
    private long bufferStartedNanos;
    private long nextStoreAttemptNanos;
    private long droppedSinceLog;
    private long lastDropLogNanos;
    private boolean droppedBefore;

    private BatchWriter(Builder b) {
        this.store = b.store;
        this.spool = b.spool;
        this.maxBatchSamples = b.maxBatchSamples;
        this.maxBatchDelayNanos = b.maxBatchDelay.toNanos();
        this.retryIntervalNanos = b.retryInterval.toNanos();
        this.queueCapacity = b.queueCapacity;
        this.closeTimeout = b.closeTimeout;
        this.tracer = b.tracer;
        MeterRegistry r = b.registry;
        this.writtenMeter = samples(r, "written");
        this.spooledMeter = samples(r, "spooled");
        this.replayedMeter = samples(r, "replayed");
        this.droppedMeter = samples(r, "dropped");
        this.appendSucceeded = appendTimer(r, "success");
        this.appendFailed = appendTimer(r, "failure");
        // Left registered after close: the spool outlives the writer, and a drained queue reads 0.
        Gauge.builder("dcsuite.writer.queue.samples", queuedSamples, AtomicLong::get).baseUnit("samples")
                .description("Samples waiting in memory for the writer thread").register(r);
        Gauge.builder("dcsuite.spool.bytes", spool, Spool::sizeBytes).baseUnit("bytes")
                .description("Size of the batches waiting in the spool").register(r);
        Gauge.builder("dcsuite.spool.batches", spool, Spool::batches).baseUnit("batches")
                .description("Batches waiting in the spool for the store").register(r);
        this.thread = Thread.ofPlatform().name("dcsuite-batch-writer").daemon(false).unstarted(this::run);
    }

    private static Counter samples(MeterRegistry registry, String outcome) {
        return Counter.builder("dcsuite.writer.samples").tag("outcome", outcome).baseUnit("samples")
                .description("Samples by what became of them: written to the store, spooled, replayed, dropped")
                .register(registry);
    }

    private static Timer appendTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("dcsuite.writer.write.duration").tag("outcome", outcome)
                .description("Duration of store appends, spool replays included").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    public static Builder builder(TelemetryStore store, Spool spool) {
        return new Builder(store, spool);
    }

    /** Starts the writer thread. */
    public BatchWriter start() {
        thread.start();
        return this;
    }

    @Override
    public void describe(MetricDescriptor metric) {
        Objects.requireNonNull(metric, "metric");
        wanted.put(metric.name(), metric);
    }

    /** Queues samples; when the writer is closing or its queue is full they are counted as dropped. */
    @Override
    public void submit(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        List<Sample> copy = List.copyOf(samples);
        // Under the lock, so no batch slips into the queue after close() has told the thread to flush.
        synchronized (lifecycle) {
            if (!closing && queuedSamples.get() + copy.size() <= queueCapacity) {
                queuedSamples.addAndGet(copy.size());
                queue.add(copy);
                return;
            }
        }
        dropped.addAndGet(copy.size());
        droppedMeter.increment(copy.size());
        LOG.warn("batch writer {}: dropped {} samples (first: {})",
                closing ? "closed" : "queue full at " + queuedSamples.get() + " samples", copy.size(),
                copy.getFirst());
    }

    /** Samples the store accepted, replayed ones included. */
    public long samplesWritten() {
        return written.get();
    }

    /** Samples put in the spool because the store was down or slow. */
    public long samplesSpooled() {
        return spooled.get();
    }

    /** Samples lost: the spool was full, the store refused them as bad data, or they came after close. */
    public long samplesDropped() {
        return dropped.get();
    }

    /** Samples written from the spool after the store came back. */
    public long samplesReplayed() {
        return replayed.get();
    }

    /** Samples waiting in memory for the writer thread. */
    public long queueDepth() {
        return queuedSamples.get();
    }

    /** Batches waiting in the spool. */
    public long spooledBatches() {
        return spool.batches();
    }

    /**
     * Stops accepting samples, then writes everything queued (spooling what the store does not take) and returns
     * when done or after the close timeout.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closing = true;
            // Wakes the writer thread without interrupting it, so no store or spool I/O is cut short.
            queue.add(List.of());
        }
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(closeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("batch writer: still flushing after {}; {} samples in memory may be lost", closeTimeout,
                    queuedSamples.get());
        }
    }

    private void run() {
        while (!closing) {
            try {
                long waitNanos = buffer.isEmpty() ? retryIntervalNanos
                        : Math.max(0, bufferStartedNanos + maxBatchDelayNanos - System.nanoTime());
                List<Sample> chunk = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
                if (chunk != null) {
                    take(chunk);
                }
                while (buffer.size() >= maxBatchSamples) {
                    writeFirst(maxBatchSamples);
                }
                if (!buffer.isEmpty() && System.nanoTime() - bufferStartedNanos >= maxBatchDelayNanos) {
                    writeFirst(buffer.size());
                }
                if (buffer.isEmpty() && chunk == null) {
                    // Idle: a good moment to bring the spool back into the store.
                    replaySpool();
                }
            } catch (InterruptedException e) {
                // Nobody but the JVM interrupts this thread; flush what we have and stop.
                closing = true;
            } catch (RuntimeException e) {
                LOG.error("batch writer: unexpected failure, continuing", e);
            }
        }
        flushAll();
    }

    private void flushAll() {
        List<Sample> chunk;
        while ((chunk = queue.poll()) != null) {
            take(chunk);
        }
        nextStoreAttemptNanos = 0;
        while (!buffer.isEmpty()) {
            writeFirst(Math.min(maxBatchSamples, buffer.size()));
        }
        replaySpool();
        logDrops(true);
        LOG.info("batch writer stopped: {} samples written, {} spooled, {} dropped, {} batches left in the spool",
                written.get(), spooled.get(), dropped.get(), spool.batches());
    }

    private void take(List<Sample> chunk) {
        queuedSamples.addAndGet(-chunk.size());
        if (buffer.isEmpty()) {
            bufferStartedNanos = System.nanoTime();
        }
        buffer.addAll(chunk);
    }

    private void writeFirst(int count) {
        List<Sample> head = buffer.subList(0, count);
        List<Sample> batch = List.copyOf(head);
        head.clear();
        bufferStartedNanos = System.nanoTime();
        write(batch);
    }

    private void write(List<Sample> batch) {
        // Order: nothing new reaches the store while older batches wait in the spool.
        if (!replaySpool()) {
            toSpool(batch);
            return;
        }
        try {
            describePending();
            append(batch, false);
            written.addAndGet(batch.size());
            writtenMeter.increment(batch.size());
        } catch (StoreException e) {
            if (e.retryable()) {
                storeUnavailable(e);
                toSpool(batch);
            } else {
                dropBadBatch(batch, e);
            }
        }
    }

    /** Replays spooled batches in order; true when the spool is empty afterwards. */
    private boolean replaySpool() {
        if (spool.batches() == 0) {
            return true;
        }
        if (System.nanoTime() < nextStoreAttemptNanos) {
            return false;
        }
        Optional<List<Sample>> head;
        while ((head = spool.peek()).isPresent()) {
            List<Sample> batch = head.get();
            try {
                describePending();
                append(batch, true);
                spool.removeHead();
                written.addAndGet(batch.size());
                replayed.addAndGet(batch.size());
                writtenMeter.increment(batch.size());
                replayedMeter.increment(batch.size());
            } catch (StoreException e) {
                if (e.retryable()) {
                    storeUnavailable(e);
                    return false;
                }
                spool.removeHead();
                dropBadBatch(batch, e);
            }
        }
        LOG.info("batch writer: spool replayed, store {} answers again", store.describeLocation());
        return true;
    }

    private void describePending() {
        for (MetricDescriptor d : wanted.values()) {
            if (d.equals(described.get(d.name()))) {
                continue;
            }
            try {
                store.describe(d);
                described.put(d.name(), d);
            } catch (StoreException e) {
                if (e.retryable()) {
                    throw e;
                }
                // Describing again would fail the same way; its samples are still worth storing.
                described.put(d.name(), d);
                LOG.error("batch writer: store refused metric descriptor {}: {}", d, e.getMessage());
            }
        }
    }

    private void storeUnavailable(StoreException e) {
        if (nextStoreAttemptNanos == 0 || spool.batches() == 0) {
            LOG.warn("batch writer: store {} unavailable, spooling batches: {}", store.describeLocation(),
                    e.getMessage());
        }
        nextStoreAttemptNanos = System.nanoTime() + retryIntervalNanos;
    }

    private void toSpool(List<Sample> batch) {
        boolean accepted;
        try {
            accepted = spool.offer(batch);
        } catch (RuntimeException e) {
            LOG.error("batch writer: spool failed to take a batch of {} samples", batch.size(), e);
            accepted = false;
        }
        if (accepted) {
            spooled.addAndGet(batch.size());
            spooledMeter.increment(batch.size());
            return;
        }
        dropped.addAndGet(batch.size());
        droppedMeter.increment(batch.size());
        droppedSinceLog += batch.size();
        logDrops(false);
    }

    private void logDrops(boolean force) {
        long now = System.nanoTime();
        if (droppedSinceLog > 0 && (force || !droppedBefore || now - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS)) {
            LOG.error("batch writer: spool full ({} batches, {} bytes), dropped {} samples since the last report",
                    spool.batches(), spool.sizeBytes(), droppedSinceLog);
            droppedSinceLog = 0;
            lastDropLogNanos = now;
            droppedBefore = true;
        }
    }

    /** One timed, traced store append; a store failure is rethrown for the caller to spool or drop. */
    private void append(List<Sample> batch, boolean replay) {
        Span span = tracer.spanBuilder("store.append").setSpanKind(SpanKind.CLIENT)
                .setAttribute(SAMPLES, (long) batch.size()).setAttribute(REPLAY, replay).startSpan();
        long start = System.nanoTime();
        try {
            store.append(batch);
            appendSucceeded.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            span.setAttribute(OUTCOME, "success");
        } catch (RuntimeException e) {
            appendFailed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            span.setAttribute(OUTCOME, "failure");
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void dropBadBatch(List<Sample> batch, StoreException e) {
        dropped.addAndGet(batch.size());
        droppedMeter.increment(batch.size());
        LOG.error("batch writer: store rejected a batch of {} samples as invalid, dropped (first sample: {}): {}",
                batch.size(), batch.getFirst(), e.getMessage());
    }

    /** Settings of a {@link BatchWriter}; every setting has a default. */
    public static final class Builder {

        private final TelemetryStore store;
        private final Spool spool;
        private int maxBatchSamples = DEFAULT_MAX_BATCH_SAMPLES;
        private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private MeterRegistry registry = new CompositeMeterRegistry();
        private Tracer tracer = OpenTelemetry.noop().getTracer(TRACER_SCOPE);

        private Builder(TelemetryStore store, Spool spool) {
            this.store = Objects.requireNonNull(store, "store");
            this.spool = Objects.requireNonNull(spool, "spool");
        }

        public Builder maxBatchSamples(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("max batch samples must be at least 1, got " + samples);
            }
            this.maxBatchSamples = samples;
            return this;
        }

        public Builder maxBatchDelay(Duration delay) {
            this.maxBatchDelay = positive(delay, "max batch delay");
            return this;
        }

        public Builder retryInterval(Duration interval) {
            this.retryInterval = positive(interval, "retry interval");
            return this;
        }

        public Builder queueCapacity(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, got " + samples);
            }
            this.queueCapacity = samples;
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "close timeout");
            return this;
        }

        /** Where the writer's meters go; by default a registry that keeps nothing. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Traces each store append as a {@code store.append} span; by default OpenTelemetry's no-op tracer. */
        public Builder tracer(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return this;
        }

        /** Builds the writer; {@link BatchWriter#start()} starts its thread. */
        public BatchWriter build() {
            return new BatchWriter(this);
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
