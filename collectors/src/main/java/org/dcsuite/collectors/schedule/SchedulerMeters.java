package org.dcsuite.collectors.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dcsuite.drivers.DriverErrorKind;

/**
 * The scheduler's own meters, shared by every device: per-device detail lives in the device health series, so
 * no meter here carries a device tag.
 */
final class SchedulerMeters {

    static final String POLLS = "dcsuite.collector.polls";
    static final String POLL_ERRORS = "dcsuite.collector.poll.errors";
    static final String POLL_DURATION = "dcsuite.collector.poll.duration";
    static final String POLL_LATENESS = "dcsuite.collector.poll.lateness";
    static final String DEVICES = "dcsuite.collector.devices";

    private final Counter successes;
    private final Counter failures;
    private final Counter overruns;
    private final Map<DriverErrorKind, Counter> errors = new EnumMap<>(DriverErrorKind.class);
    private final Timer duration;
    private final Timer lateness;
    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();

    SchedulerMeters(MeterRegistry registry, Collection<DevicePoller> pollers) {
        this.registry = registry;
        successes = polls(registry, "success");
        failures = polls(registry, "failure");
        overruns = polls(registry, "overrun");
        for (DriverErrorKind kind : DriverErrorKind.values()) {
            errors.put(kind, Counter.builder(POLL_ERRORS).tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .description("Polls that failed as a whole and points that failed, by error kind")
                    .register(registry));
        }
        duration = Timer.builder(POLL_DURATION).description("How long device polls take, failed ones included")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
        lateness = Timer.builder(POLL_LATENESS)
                .description("How late polls start: the actual start minus the scheduled slot")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
        for (DevicePoller.State state : DevicePoller.State.values()) {
            gauges.add(Gauge.builder(DEVICES, pollers, all -> all.stream().filter(p -> p.state() == state).count())
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).strongReference(true)
                    .description("Polled devices by state: up, down, or backing off after being unreachable")
                    .register(registry));
        }
    }

    /** Removes the device gauges, which would otherwise report a stopped scheduler's devices for ever. */
    void close() {
        gauges.forEach(registry::remove);
    }

    private static Counter polls(MeterRegistry registry, String outcome) {
        return Counter.builder(POLLS).tag("outcome", outcome)
                .description("Polls by outcome; an overrun is a slot skipped because no poll could start in it")
                .register(registry);
    }

    void success(Duration took) {
        successes.increment();
        duration.record(took);
    }

    void failure(DriverErrorKind kind, Duration took) {
        failures.increment();
        errors.get(kind).increment();
        duration.record(took);
    }

    void pointErrors(DriverErrorKind kind, long count) {
        if (count > 0) {
            errors.get(kind).increment(count);
        }
    }

    void overruns(long slots) {
        if (slots > 0) {
            overruns.increment(slots);
        }
    }

    void lateness(Duration late) {
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }
}
