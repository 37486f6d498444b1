package org.dcsuite.app.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps rollups fresh (every {@link #ROLLUP_INTERVAL}) and applies retention (every
 * {@link #RETENTION_INTERVAL}) on a thread of its own, since both are long blocking store calls. A failed run
 * is logged and the next one runs as planned.
 */
final class StoreMaintenance implements AutoCloseable {

    /** How often rollups catch up with appended samples. */
    static final Duration ROLLUP_INTERVAL = Duration.ofMinutes(1);
    /** How often data older than the retention is deleted. */
    static final Duration RETENTION_INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);

    private final TelemetryStore store;
    private final Clock clock;
    private final Duration rollupInterval;
    private final Duration retentionInterval;
    private final ScheduledExecutorService scheduler;

    StoreMaintenance(TelemetryStore store, Clock clock) {
        this(store, clock, ROLLUP_INTERVAL, RETENTION_INTERVAL);
    }

    StoreMaintenance(TelemetryStore store, Clock clock, Duration rollupInterval, Duration retentionInterval) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rollupInterval = Objects.requireNonNull(rollupInterval, "rollupInterval");
        this.retentionInterval = Objects.requireNonNull(retentionInterval, "retentionInterval");
        // One thread: rollups and retention never overlap each other or themselves.
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dcsuite-store-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::refreshRollups, rollupInterval.toMillis(), rollupInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::applyRetention, retentionInterval.toMillis(),
                retentionInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshRollups() {
        try {
            store.refreshRollups();
        } catch (RuntimeException e) {
            LOG.warn("refreshing rollups in {} failed, retrying in {}: {}", store.describeLocation(), rollupInterval,
                    e.toString());
        }
    }

    private void applyRetention() {
        try {
            TelemetryStore.RetentionResult r = store.applyRetention(clock.instant());
            if (r.rawSamples() + r.minuteRollups() + r.hourRollups() + r.events() > 0) {
                LOG.info("retention removed {} raw samples, {} 1m rollups, {} 1h rollups and {} events", r.rawSamples(),
                        r.minuteRollups(), r.hourRollups(), r.events());
            }
        } catch (RuntimeException e) {
            LOG.warn("applying retention in {} failed, retrying in {}: {}", store.describeLocation(),
                    retentionInterval, e.toString());
        }
    }

    /** Stops scheduling and waits for a running task, so the store can be closed afterwards. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("store maintenance still running after 30s; closing the store anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
