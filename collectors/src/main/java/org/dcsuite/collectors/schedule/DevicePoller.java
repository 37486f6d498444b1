package org.dcsuite.collectors.schedule;

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
import org.dcsuite.collectors.normalize.NormalizedPoll;
import org.dcsuite.collectors.normalize.Normalizer;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.MetricDescriptor;
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
 * The polling state of one device: its slots, backoff, counters and session. The scheduler thread claims slots;
 * the poll itself runs on a virtual thread, one at a time, so the session is never used concurrently.
 */
final class DevicePoller {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final DeviceLocation location;
    private final String deviceId;
    private final long intervalMillis;
    private final long phaseMillis;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Normalizer normalizer;
    private final SampleSink sink;
    private final DeviceSessionFactory sessions;

    // Touched only by the poll in flight, or by close() once no poll runs.
    private DeviceSession session;
    private boolean rejectionLogged;

    // Guarded by this.
    private Instant nextDue;
    private boolean inFlight;
    private long polls;
    private long successes;
    private long failures;
    private long overruns;
    private int consecutiveFailures;
    private Duration currentDelay;
    private final EnumMap<DriverErrorKind, Long> errors = new EnumMap<>(DriverErrorKind.class);
    private Optional<Instant> lastSuccess = Optional.empty();
    private Optional<DriverErrorKind> lastFailure = Optional.empty();

    DevicePoller(DeviceLocation location, Duration interval, Duration maxBackoff, Clock clock, SampleSink sink,
            DeviceSessionFactory sessions) {
        this.location = location;
        this.deviceId = location.device().id();
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.phaseMillis = Math.floorMod(spread(deviceId), intervalMillis);
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.normalizer = new Normalizer(location);
        this.sink = sink;
        this.sessions = sessions;
        this.currentDelay = interval;
        for (DriverErrorKind k : DriverErrorKind.values()) {
            errors.put(k, 0L);
        }
        this.nextDue = slotAtOrAfter(clock.instant());
    }

    String deviceId() {
        return deviceId;
    }

    /**
     * Claims the due slot when the device is free. A poll still running at its next slot makes that slot an
     * overrun, skipped, which keeps at most one poll in flight per device.
     */
    synchronized boolean claimIfDue(Instant now) {
        if (now.isBefore(nextDue)) {
            return false;
        }
        nextDue = slotAtOrAfter(now.plusMillis(1));
        if (inFlight) {
            overruns++;
            LOG.debug("device '{}': poll still running at its next slot, slot skipped", deviceId);
            return false;
        }
        inFlight = true;
        polls++;
        return true;
    }

    /** Runs one claimed poll; never throws, since a broken device must not disturb the others. */
    void pollOnce() {
        Instant start = clock.instant();
        List<Sample> samples = new ArrayList<>();
        try {
            if (session == null) {
                session = sessions.open(location, clock);
            }
            PollResult result = session.poll();
            NormalizedPoll normalized = normalizer.normalize(result);
            normalized.descriptors().forEach(sink::describe);
            samples.addAll(normalized.samples());
            logRejections(normalized.rejections());
            succeeded(start, result.errors(), normalized.rejections().size());
        } catch (DriverException e) {
            failed(start, e.kind(), e);
        } catch (RuntimeException e) {
            // A driver bug, not a device problem; counted as a protocol error so it shows beside the others.
            LOG.error("device '{}': poll failed unexpectedly", deviceId, e);
            failed(start, DriverErrorKind.PROTOCOL, e);
        } finally {
            Instant end = clock.instant();
            synchronized (this) {
                samples.addAll(healthSamples(start, end));
                inFlight = false;
            }
            DeviceHealthMetrics.all().forEach(sink::describe);
            sink.submit(samples);
        }
    }

    synchronized PollStats stats() {
        return new PollStats(polls, successes, failures, overruns, consecutiveFailures, currentDelay, nextDue);
    }

    /** Closes the session; called once no poll is in flight (or at the end of a bounded wait). */
    void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private synchronized void succeeded(Instant start, List<PointError> pointErrors, int rejections) {
        successes++;
        consecutiveFailures = 0;
        currentDelay = Duration.ofMillis(intervalMillis);
        lastSuccess = Optional.of(start);
        for (PointError e : pointErrors) {
            errors.merge(e.kind(), 1L, Long::sum);
        }
        // A reading the collectors had to reject is a profile (our side) problem.
        errors.merge(DriverErrorKind.CONFIG, (long) rejections, Long::sum);
        if (lastFailure.isPresent()) {
            LOG.info("device '{}': polled successfully again", deviceId);
            lastFailure = Optional.empty();
        }
    }

    private synchronized void failed(Instant start, DriverErrorKind kind, RuntimeException e) {
        failures++;
        errors.merge(kind, 1L, Long::sum);
        if (kind == DriverErrorKind.TIMEOUT || kind == DriverErrorKind.REFUSED) {
            consecutiveFailures++;
            currentDelay = backoff(consecutiveFailures);
            Instant retry = slotAtOrAfter(start.plus(currentDelay));
            if (retry.isAfter(nextDue)) {
                nextDue = retry;
            }
        }
        // Logged when the device's state changes, not on every failed poll of a device that stays down.
        if (lastFailure.orElse(null) != kind) {
            LOG.warn("device '{}': poll failed ({}), next attempt in {}: {}", deviceId,
                    kind.name().toLowerCase(Locale.ROOT), currentDelay, e.getMessage());
            lastFailure = Optional.of(kind);
        }
    }

    /** interval x 2^n, capped, and never shorter than the interval. */
    private Duration backoff(int failuresInARow) {
        long factor = 1L << Math.min(failuresInARow, 20);
        long millis = intervalMillis > Long.MAX_VALUE / factor ? Long.MAX_VALUE : intervalMillis * factor;
        return Duration.ofMillis(Math.max(intervalMillis, Math.min(millis, maxBackoff.toMillis())));
    }

    private List<Sample> healthSamples(Instant start, Instant end) {
        Map<String, String> topology = normalizer.deviceAttributes();
        List<Sample> health = new ArrayList<>(DriverErrorKind.values().length + 3);
        boolean up = lastFailure.isEmpty();
        health.add(Sample.of(SeriesKey.of(DeviceHealthMetrics.UP.name(), topology), end, up ? 1 : 0));
        double seconds = Duration.between(start, end).toNanos() / 1e9;
        health.add(Sample.of(SeriesKey.of(DeviceHealthMetrics.POLL_DURATION.name(), topology), end, seconds));
        for (Map.Entry<DriverErrorKind, Long> e : errors.entrySet()) {
            Map<String, String> attributes = new TreeMap<>(topology);
            attributes.put(DeviceHealthMetrics.KIND_ATTRIBUTE, e.getKey().name().toLowerCase(Locale.ROOT));
            health.add(Sample.of(SeriesKey.of(DeviceHealthMetrics.ERRORS.name(), attributes), end, e.getValue()));
        }
        lastSuccess.ifPresent(t -> health.add(Sample.of(SeriesKey.of(DeviceHealthMetrics.LAST_SUCCESS.name(),
                topology), end, t.toEpochMilli() / 1000.0)));
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

    private Instant slotAtOrAfter(Instant t) {
        long k = Math.ceilDiv(t.toEpochMilli() - phaseMillis, intervalMillis);
        return Instant.ofEpochMilli(k * intervalMillis + phaseMillis);
    }

    /** A stable hash of the id, mixed so that similar ids (r01-pdu-a, r01-pdu-b) land far apart. */
    private static long spread(String id) {
        long h = id.hashCode() * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
