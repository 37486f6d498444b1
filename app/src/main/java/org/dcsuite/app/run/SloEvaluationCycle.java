package org.dcsuite.app.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.dcsuite.slo.SloSeries;
import org.dcsuite.slo.SloStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every SLO once a minute and writes the results as series ({@link SloSeries}), so the dashboard and
 * PromQL clients see budgets, burn rates and alert tiers with their history, and the engine's incremental state
 * stays warm for {@code /api/v1/slos}. A failed cycle is logged and counted; the next one tries again.
 */
public final class SloEvaluationCycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SloEvaluationCycle.class);
    private static final long MINUTE = 60_000L;
    /** Into each minute, so the collectors' samples of the minute just ended have arrived. */
    private static final long OFFSET_MILLIS = 5_000L;

    private final SloEngine engine;
    private final SloDefinitions definitions;
    private final TelemetryStore store;
    private final Clock clock;
    private final Timer duration;
    private final Counter failures;
    private final ScheduledExecutorService scheduler;

    private SloEvaluationCycle(SloEngine engine, SloDefinitions definitions, TelemetryStore store, Clock clock,
            MeterRegistry meters) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.duration = Timer.builder("dcsuite.slo.evaluation")
                .description("Time to evaluate every SLO and write the results").register(meters);
        this.failures = Counter.builder("dcsuite.slo.evaluation.failures")
                .description("SLO evaluation cycles that failed").register(meters);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dcsuite-slo-evaluation");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts evaluating now and then every minute, a few seconds past the minute. */
    public static SloEvaluationCycle start(SloEngine engine, SloDefinitions definitions, TelemetryStore store,
            Clock clock, MeterRegistry meters) {
        SloEvaluationCycle cycle = new SloEvaluationCycle(engine, definitions, store, clock, meters);
        SloSeries.metrics().forEach(store::describe);
        long now = clock.millis();
        long first = Math.floorDiv(now, MINUTE) * MINUTE + MINUTE + OFFSET_MILLIS - now;
        cycle.scheduler.execute(cycle::runSafely);
        cycle.scheduler.scheduleAtFixedRate(cycle::runSafely, first, MINUTE, TimeUnit.MILLISECONDS);
        return cycle;
    }

    private void runSafely() {
        try {
            duration.record(() -> evaluate(clock.instant()));
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warn("evaluating {} SLOs failed, trying again in a minute: {}", definitions.summary(), e.toString());
        }
    }

    /** One cycle at {@code now}: results are dated at the minute the engine evaluated. */
    List<SloStatus> evaluate(Instant now) {
        List<SloStatus> statuses = engine.evaluate(now);
        Instant at = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), MINUTE) * MINUTE);
        store.append(SloSeries.samples(definitions, statuses, at));
        return statuses;
    }

    /** Stops scheduling and waits for a running cycle, so the store can be closed afterwards. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("SLO evaluation still running after 30s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
