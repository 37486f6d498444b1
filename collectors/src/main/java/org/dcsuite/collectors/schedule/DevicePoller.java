package org.dcsuite.collectors.schedule;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.dcsuite.collectors.normalize.NormalizedPoll;
import org.dcsuite.collectors.normalize.Normalizer;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.PollResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling state of one device: its slots, deadline, backoff, counters and session.
 *
 * <p>Slots sit on a fixed grid ({@code phase + k x interval}). On each tick the scheduler thread asks the poller
 * what is due: a poll (run on the executor, at most one in flight), a backoff slot (only {@code up = 0} is
 * written, so the health series stays current while the device waits for its retry), or the expiry of a poll past
 * its deadline (counted as a timeout at once; the poll thread is interrupted and its late result discarded).
 * Every grid slot ends up as exactly one of: polled, backoff slot, or overrun (no poll could start in it because
 * one was still running, or the scheduler itself fell behind).
 */
final class DevicePoller {

    /** A device's state for the {@code dcsuite.collector.devices} gauge. */
    enum State {
        /** The last poll read the device. */
        UP,
        /** Not polled successfully yet, or the last poll failed for a reason other than reachability. */
        DOWN,
        /** Unreachable (timeout, refused) and waiting longer than its interval before the next attempt. */
        BACKOFF
    }

    static final AttributeKey<String> DEVICE_ID = AttributeKey.stringKey("dcsuite.device.id");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("dcsuite.device.protocol");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("dcsuite.poll.outcome");
    static final AttributeKey<String> ERROR_KIND = AttributeKey.stringKey("dcsuite.poll.error_kind");
    static final AttributeKey<Long> SAMPLES = AttributeKey.longKey("dcsuite.poll.samples");

    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final DeviceLocation location;
    private final String deviceId;
    private final String protocol;
    private final long intervalMillis;
    private final long phaseMillis;
    private final Duration maxBackoff;
    private final Duration deadline;
    private final Clock clock;
    private final Normalizer normalizer;
    private final SampleSink sink;
    private final DeviceSessionFactory sessions;
    private final SchedulerMeters meters;
    private final Tracer tracer;
    // The health series keys never change for a device: built once, not on every poll.
    private final SeriesKey upKey;
    private final SeriesKey durationKey;
    private final SeriesKey lastSuccessKey;
    private final Map<DriverErrorKind, SeriesKey> errorKeys = new EnumMap<>(DriverErrorKind.class);

    // Touched only by the poll in flight, or by close() once no poll runs.
    private DeviceSession session;
    private boolean rejectionLogged;

    // Guarded by this.
    private Instant nextDue;
    private Instant retryAt;
    private Attempt attempt;
    private long polls;
    private long successes;
    private long failures;
    private long overruns;
    private int consecutiveFailures;
    private Duration currentDelay;
    private final EnumMap<DriverErrorKind, Long> errors = new EnumMap<>(DriverErrorKind.class);
    private Optional<Instant> lastSuccess = Optional.empty();
    private Optional<DriverErrorKind> lastFailure = Optional.empty();

    /** One claimed poll; its fields are guarded by the poller. */
    private static final class Attempt {
        final Instant slot;
        final Instant claimedAt;
        final Instant deadlineAt;
        Thread thread;
        boolean expired;

        Attempt(Instant slot, Instant claimedAt, Instant deadlineAt) {
            this.slot = slot;
            this.claimedAt = claimedAt;
            this.deadlineAt = deadlineAt;
        }
    }

    DevicePoller(DeviceLocation location, Duration interval, Duration maxBackoff, Duration deadline, Clock clock,
            SampleSink sink, DeviceSessionFactory sessions, SchedulerMeters meters, Tracer tracer) {
        this.location = location;
        this.deviceId = location.device().id();
        this.protocol = location.device().endpoint().protocol().scheme();
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.phaseMillis = Math.floorMod(spread(deviceId), intervalMillis);
        this.maxBackoff = maxBackoff;
        this.deadline = deadline;
        this.clock = clock;
        this.normalizer = new Normalizer(location);
        this.sink = sink;
        this.sessions = sessions;
        this.meters = meters;
        this.tracer = tracer;
        this.currentDelay = interval;
        Map<String, String> topology = normalizer.deviceAttributes();
        this.upKey = SeriesKey.of(DeviceHealthMetrics.UP.name(), topology);
        this.durationKey = SeriesKey.of(DeviceHealthMetrics.POLL_DURATION.name(), topology);
        this.lastSuccessKey = SeriesKey.of(DeviceHealthMetrics.LAST_SUCCESS.name(), topology);
        for (DriverErrorKind k : DriverErrorKind.values()) {
            errors.put(k, 0L);
            Map<String, String> attributes = new TreeMap<>(topology);
            attributes.put(DeviceHealthMetrics.KIND_ATTRIBUTE, k.name().toLowerCase(Locale.ROOT));
            errorKeys.put(k, SeriesKey.of(DeviceHealthMetrics.ERRORS.name(), attributes));
        }
        this.nextDue = slotAtOrAfter(clock.instant());
    }

    String deviceId() {
        return deviceId;
    }

    /**
     * Called by the scheduler thread on every tick: expires a poll past its deadline, or starts the poll of a due
     * slot on the executor, or writes {@code up = 0} for a slot that falls in a backoff. Never blocks on the
     * device.
     */
    void onTick(Instant now, Executor executor) {
        Runnable action;
        synchronized (this) {
            action = attempt == null ? claimIfDue(now, executor) : whileInFlight(now);
        }
        if (action != null) {
            action.run();
        }
    }

    synchronized PollStats stats() {
        return new PollStats(polls, successes, failures, overruns, consecutiveFailures, currentDelay,
                retryAt != null ? retryAt : nextDue);
    }

    synchronized State state() {
        if (retryAt != null) {
            return State.BACKOFF;
        }
        return successes > 0 && lastFailure.isEmpty() ? State.UP : State.DOWN;
    }

    /** Closes the session; called once no poll is in flight (or at the end of a bounded wait). */
    void close() {
        closeSession();
    }

    /**
     * A poll is in flight: expire it at its deadline; once expired and still stuck, write {@code up = 0} at each
     * slot it blocks, so the health series stays current (those slots still count as overruns when it returns).
     */
    private Runnable whileInFlight(Instant now) {
        Attempt a = attempt;
        if (a.expired) {
            if (now.isBefore(nextDue)) {
                return null;
            }
            nextDue = slotAtOrBefore(now).plusMillis(intervalMillis);
            List<Sample> down = List.of(upSample(now));
            return () -> submitHealth(down);
        }
        if (now.isBefore(a.deadlineAt)) {
            return null;
        }
        a.expired = true;
        failed(a, DriverErrorKind.TIMEOUT, "no answer within the poll deadline of " + deadline,
                Duration.between(a.claimedAt, now));
        List<Sample> health = healthSamples(a.claimedAt, now);
        Thread running = a.thread;
        return () -> {
            if (running != null) {
                // Blocking socket I/O on a virtual thread ends when the thread is interrupted.
                running.interrupt();
            }
            submitHealth(health);
        };
    }

    private Runnable claimIfDue(Instant now, Executor executor) {
        if (now.isBefore(nextDue)) {
            return null;
        }
        Instant slot = slotAtOrBefore(now);
        // Slots between the last one handled and this one passed with no poll: the scheduler fell behind.
        countOverruns(slotsIn(nextDue.minusMillis(1), slot.minusMillis(1)));
        nextDue = slot.plusMillis(intervalMillis);
        if (retryAt != null && now.isBefore(retryAt)) {
            List<Sample> down = List.of(upSample(now));
            return () -> submitHealth(down);
        }
        Attempt a = new Attempt(slot, now, now.plus(deadline));
        attempt = a;
        polls++;
        return () -> {
            try {
                executor.execute(() -> pollOnce(a));
            } catch (RejectedExecutionException e) {
                // The scheduler is closing; the slot simply is not polled.
                synchronized (this) {
                    attempt = null;
                    polls--;
                }
            }
        };
    }

    /** Runs one claimed poll; never throws, since a broken device must not disturb the others. */
    private void pollOnce(Attempt a) {
        synchronized (this) {
            if (a.expired) {
                // Expired before any thread could take it up: nothing to poll, only the slot to release.
                finish(a, clock.instant());
                return;
            }
            a.thread = Thread.currentThread();
        }
        Instant start = clock.instant();
        meters.lateness(Duration.between(a.slot, start));
        Span span = tracer.spanBuilder("collector.poll").setSpanKind(SpanKind.CLIENT)
                .setAttribute(DEVICE_ID, deviceId).setAttribute(PROTOCOL, protocol).startSpan();
        NormalizedPoll normalized = null;
        PollResult result = null;
        DriverErrorKind kind = null;
        RuntimeException error = null;
        try (Scope ignored = span.makeCurrent()) {
            if (session == null) {
                session = sessions.open(location, clock);
            }
            result = session.poll();
            normalized = normalizer.normalize(result);
        } catch (DriverException e) {
            kind = e.kind();
            error = e;
        } catch (RuntimeException e) {
            // A driver bug, not a device problem; counted as a protocol error so it shows beside the others.
            LOG.error("device '{}' ({}): poll failed unexpectedly", deviceId, protocol, e);
            kind = DriverErrorKind.PROTOCOL;
            error = e;
        }
        Instant end = clock.instant();
        List<Sample> health = null;
        boolean expired;
        synchronized (this) {
            a.thread = null;
            // An expiry interrupt that arrived after the driver returned must not outlive this poll.
            Thread.interrupted();
            expired = a.expired;
            if (!expired && Duration.between(a.claimedAt, end).compareTo(deadline) > 0) {
                // Returned past its deadline before a tick noticed: the same timeout as if a tick had.
                a.expired = true;
                failed(a, DriverErrorKind.TIMEOUT, "no answer within the poll deadline of " + deadline,
                        Duration.between(a.claimedAt, end));
                health = healthSamples(a.claimedAt, end);
                kind = DriverErrorKind.TIMEOUT;
            } else if (!expired && kind == null) {
                succeeded(a, result.errors(), normalized.rejections().size(), Duration.between(start, end));
                health = healthSamples(start, end);
            } else if (!expired) {
                failed(a, kind, error.getMessage(), Duration.between(start, end));
                health = healthSamples(start, end);
            }
            finish(a, end);
        }
        List<Sample> samples = new ArrayList<>();
        if (a.expired) {
            // The session may be stuck mid-request; the next poll starts from a fresh connection.
            closeSession();
            normalized = null;
            kind = DriverErrorKind.TIMEOUT;
        }
        if (normalized != null) {
            normalized.descriptors().forEach(sink::describe);
            samples.addAll(normalized.samples());
            logRejections(normalized.rejections());
        }
        span.setAttribute(SAMPLES, (long) samples.size());
        if (kind == null) {
            span.setAttribute(OUTCOME, "success");
        } else {
            span.setAttribute(OUTCOME, "failure");
            span.setAttribute(ERROR_KIND, kind.name().toLowerCase(Locale.ROOT));
            span.setStatus(StatusCode.ERROR, kind.name().toLowerCase(Locale.ROOT));
        }
        span.end();
        if (health != null) {
            samples.addAll(health);
        }
        if (!samples.isEmpty()) {
            DeviceHealthMetrics.all().forEach(sink::describe);
            sink.submit(samples);
        }
    }

    /** Releases the device for its next slot and counts the slots this poll ran through. */
    private void finish(Attempt a, Instant end) {
        attempt = null;
        countOverruns(slotsIn(a.slot, end.minusMillis(1)));
        Instant next = slotAtOrAfter(end);
        if (next.isAfter(nextDue)) {
            nextDue = next;
        }
    }

    private void succeeded(Attempt a, List<PointError> pointErrors, int rejections, Duration took) {
        successes++;
        consecutiveFailures = 0;
        currentDelay = Duration.ofMillis(intervalMillis);
        retryAt = null;
        lastSuccess = Optional.of(a.claimedAt);
        for (PointError e : pointErrors) {
            errors.merge(e.kind(), 1L, Long::sum);
            meters.pointErrors(e.kind(), 1);
        }
        // A reading the collectors had to reject is a profile (our side) problem.
        errors.merge(DriverErrorKind.CONFIG, (long) rejections, Long::sum);
        meters.pointErrors(DriverErrorKind.CONFIG, rejections);
        meters.success(took);
        if (lastFailure.isPresent()) {
            LOG.info("device '{}' ({}): polled successfully again", deviceId, protocol);
            lastFailure = Optional.empty();
        }
    }

    private void failed(Attempt a, DriverErrorKind kind, String message, Duration took) {
        failures++;
        errors.merge(kind, 1L, Long::sum);
        meters.failure(kind, took);
        if (kind == DriverErrorKind.TIMEOUT || kind == DriverErrorKind.REFUSED) {
            consecutiveFailures++;
            currentDelay = backoff(consecutiveFailures);
            retryAt = slotAtOrAfter(a.slot.plus(currentDelay));
        } else {
            currentDelay = Duration.ofMillis(intervalMillis);
            retryAt = null;
        }
        // Logged when the device's state changes, not on every failed poll of a device that stays down.
        if (lastFailure.orElse(null) != kind) {
            LOG.warn("device '{}' ({}): poll failed ({}), next attempt in {}: {}", deviceId, protocol,
                    kind.name().toLowerCase(Locale.ROOT), currentDelay, message);
            lastFailure = Optional.of(kind);
        }
    }

    /** interval x 2^n, capped, and never shorter than the interval. */
    private Duration backoff(int failuresInARow) {
        long factor = 1L << Math.min(failuresInARow, 20);
        long millis = intervalMillis > Long.MAX_VALUE / factor ? Long.MAX_VALUE : intervalMillis * factor;
        return Duration.ofMillis(Math.max(intervalMillis, Math.min(millis, maxBackoff.toMillis())));
    }

    private void countOverruns(long slots) {
        if (slots > 0) {
            overruns += slots;
            meters.overruns(slots);
            LOG.debug("device '{}' ({}): {} slots passed with no poll started", deviceId, protocol, slots);
        }
    }

    private void submitHealth(List<Sample> health) {
        DeviceHealthMetrics.all().forEach(sink::describe);
        sink.submit(health);
    }

    private Sample upSample(Instant at) {
        return Sample.of(upKey, at, lastFailure.isEmpty() ? 1 : 0);
    }

    private List<Sample> healthSamples(Instant start, Instant end) {
        List<Sample> health = new ArrayList<>(DriverErrorKind.values().length + 3);
        health.add(upSample(end));
        health.add(Sample.of(durationKey, end, Duration.between(start, end).toNanos() / 1e9));
        for (Map.Entry<DriverErrorKind, Long> e : errors.entrySet()) {
            health.add(Sample.of(errorKeys.get(e.getKey()), end, e.getValue()));
        }
        lastSuccess.ifPresent(t -> health.add(Sample.of(lastSuccessKey, end, t.toEpochMilli() / 1000.0)));
        return health;
    }

    private void logRejections(List<String> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        if (!rejectionLogged) {
            LOG.warn("{} (further rejections of this device are logged at debug)", rejections.getFirst());
            rejectionLogged = true;
        } else {
            rejections.forEach(r -> LOG.debug(r));
        }
    }

    private void closeSession() {
        DeviceSession s = session;
        if (s != null) {
            session = null;
            s.close();
        }
    }

    /** Grid slots s with {@code after < s <= upTo}. */
    private long slotsIn(Instant after, Instant upTo) {
        long a = Math.floorDiv(after.toEpochMilli() - phaseMillis, intervalMillis);
        long b = Math.floorDiv(upTo.toEpochMilli() - phaseMillis, intervalMillis);
        return Math.max(0, b - a);
    }

    private Instant slotAtOrAfter(Instant t) {
        long k = Math.ceilDiv(t.toEpochMilli() - phaseMillis, intervalMillis);
        return Instant.ofEpochMilli(k * intervalMillis + phaseMillis);
    }

    private Instant slotAtOrBefore(Instant t) {
        long k = Math.floorDiv(t.toEpochMilli() - phaseMillis, intervalMillis);
        return Instant.ofEpochMilli(k * intervalMillis + phaseMillis);
    }

    /** A stable hash of the id, mixed so that similar ids (r01-pdu-a, r01-pdu-b) land far apart. */
    private static long spread(String id) {
        long h = id.hashCode() * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
