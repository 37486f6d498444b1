package org.dcsuite.collectors.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.dcsuite.collectors.schedule.FakeFleet.FakeDevice;
import org.dcsuite.collectors.schedule.FakeFleet.RecordingSink;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.drivers.DriverErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler's timing rules on a {@link MutableClock} against in-memory devices: the test drives every tick
 * ({@link PollScheduler#runDue()}) and, where a poll must run in line, hands the scheduler an executor that runs
 * it on the test thread, so slot, overrun and backoff arithmetic is checked exactly without sleeping.
 */
class PollSchedulerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final String UP = DeviceHealthMetrics.UP.name();

    private final MutableClock clock = new MutableClock(T0);
    private final FakeFleet fleet = new FakeFleet(clock);
    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private PollScheduler scheduler;

    @AfterEach
    void closeScheduler() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @Test
    void firstPollsSpreadAcrossTheIntervalAndEachStartsAtItsSlot() {
        List<DeviceLocation> devices = fleet.locations(1_000);
        scheduler = inline(devices).build();

        int[] perSecond = new int[10];
        for (DeviceLocation l : devices) {
            Instant first = stats(l.device().id()).nextPoll();
            assertThat(first).as("first slot of %s", l.device().id()).isBetween(T0, T0.plus(INTERVAL).minusMillis(1));
            perSecond[(int) (Duration.between(T0, first).toMillis() / 1000)]++;
        }
        // 100 expected per second of the interval; a fleet bunched in one part would fall far outside.
        assertThat(Arrays.stream(perSecond).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(60, 140));

        List<Instant> slots = devices.stream().map(l -> stats(l.device().id()).nextPoll()).toList();
        tickThrough(T0, 100);
        for (int i = 0; i < devices.size(); i++) {
            FakeDevice d = fleet.device(devices.get(i).device().id());
            assertThat(d.polledAt).as("polls of %s", d.id).hasSize(1);
            assertThat(Duration.between(slots.get(i), d.polledAt.getFirst())).as("lateness of %s", d.id)
                    .isBetween(Duration.ZERO, Duration.ofMillis(100));
        }
        assertThat(meters.get(SchedulerMeters.POLLS).tag("outcome", "success").counter().count()).isEqualTo(1_000);
        assertThat(meters.get(SchedulerMeters.POLL_LATENESS).timer().count()).isEqualTo(1_000);
        assertThat(meters.get(SchedulerMeters.DEVICES).tag("state", "up").gauge().value()).isEqualTo(1_000);

        scheduler.close();
        // A stopped scheduler's devices are no longer reported.
        assertThat(meters.find(SchedulerMeters.DEVICES).gauges()).isEmpty();
    }

    @Test
    void aDeviceWithoutItsOwnIntervalIsPolledAtItsProfilesInterval() {
        FakeDevice d = one(inline(fleet.locations(1)).profileIntervals(Map.of("fake", Duration.ofSeconds(30),
                "other-profile", Duration.ofSeconds(5))));
        Instant slot = stats(d.id).nextPoll();
        clock.set(slot);
        scheduler.runDue();

        assertThat(stats(d.id).successes()).isEqualTo(1);
        assertThat(stats(d.id).nextPoll()).isEqualTo(slot.plusSeconds(30));
    }

    @Test
    void aPollOutlastingItsSlotsCountsEachSkippedSlotAsAnOverrunExactly() {
        FakeDevice d = one(inline(fleet.locations(1)).pollDeadline(Duration.ofMinutes(1)));
        Instant slot = stats(d.id).nextPoll();
        d.behaviour = advancingBy(Duration.ofSeconds(25));
        clock.set(slot);
        scheduler.runDue();

        // Slots at +10 s and +20 s passed while the poll ran; +30 s is the next one.
        assertThat(stats(d.id).overruns()).isEqualTo(2);
        assertThat(stats(d.id).successes()).isEqualTo(1);
        assertThat(stats(d.id).nextPoll()).isEqualTo(slot.plusSeconds(30));

        // A poll ending exactly on a slot leaves that slot free: one overrun (+40 s), next poll at +50 s.
        d.behaviour = advancingBy(Duration.ofSeconds(20));
        clock.set(slot.plusSeconds(30));
        scheduler.runDue();
        assertThat(stats(d.id).overruns()).isEqualTo(3);
        assertThat(stats(d.id).nextPoll()).isEqualTo(slot.plusSeconds(50));

        d.behaviour = FakeFleet::answer;
        clock.set(slot.plusSeconds(50));
        scheduler.runDue();
        assertThat(stats(d.id).polls()).isEqualTo(3);
        assertThat(stats(d.id).overruns()).isEqualTo(3);
        assertThat(d.polledAt).containsExactly(slot, slot.plusSeconds(30), slot.plusSeconds(50));
        assertThat(meters.get(SchedulerMeters.POLLS).tag("outcome", "overrun").counter().count()).isEqualTo(3);
        assertThat(meters.get(SchedulerMeters.POLLS).tag("outcome", "success").counter().count()).isEqualTo(3);
    }

    @Test
    void slotsTheSchedulerItselfMissedAreOverrunsToo() {
        FakeDevice d = one(inline(fleet.locations(1)));
        Instant slot = stats(d.id).nextPoll();
        clock.set(slot);
        scheduler.runDue();
        // The next tick comes 35 s later (a paused process): +10 and +20 were missed, +30 is polled late.
        clock.set(slot.plusSeconds(35));
        scheduler.runDue();
        assertThat(stats(d.id).overruns()).isEqualTo(2);
        assertThat(stats(d.id).polls()).isEqualTo(2);
        assertThat(meters.get(SchedulerMeters.POLL_LATENESS).timer().max(TimeUnit.SECONDS))
                .isEqualTo(5.0);
    }

    @ParameterizedTest
    @EnumSource(value = DriverErrorKind.class, names = {"TIMEOUT", "REFUSED"})
    void anUnreachableDeviceBacksOffExponentiallyUpToTheCapAndReturnsToItsIntervalAfterOneSuccess(
            DriverErrorKind kind) {
        FakeDevice d = one(inline(fleet.locations(1)).maxBackoff(Duration.ofSeconds(80)));
        Instant slot = stats(d.id).nextPoll();
        d.behaviour = FakeFleet.failing(kind);

        List<Duration> delays = new ArrayList<>();
        for (int t = 0; t <= 300; t += 10) {
            clock.set(slot.plusSeconds(t));
            scheduler.runDue();
            if (!d.polledAt.isEmpty() && d.polledAt.getLast().equals(clock.instant())) {
                delays.add(stats(d.id).currentDelay());
                assertThat(stats(d.id).nextPoll()).isEqualTo(clock.instant().plus(stats(d.id).currentDelay()));
            }
        }
        assertThat(offsets(d.polledAt, slot)).containsExactly(0L, 20L, 60L, 140L, 220L, 300L);
        assertThat(delays).containsExactly(seconds(20), seconds(40), seconds(80), seconds(80), seconds(80),
                seconds(80));
        assertThat(stats(d.id).consecutiveFailures()).isEqualTo(6);
        assertThat(meters.get(SchedulerMeters.DEVICES).tag("state", "backoff").gauge().value()).isEqualTo(1);
        assertThat(meters.get(SchedulerMeters.POLL_ERRORS).tag("kind", kind.name().toLowerCase()).counter().count())
                .isEqualTo(6);

        d.behaviour = FakeFleet::answer;
        clock.set(slot.plusSeconds(380));
        scheduler.runDue();
        assertThat(stats(d.id).consecutiveFailures()).isZero();
        assertThat(stats(d.id).currentDelay()).isEqualTo(INTERVAL);
        assertThat(stats(d.id).nextPoll()).isEqualTo(slot.plusSeconds(390));
        clock.set(slot.plusSeconds(390));
        scheduler.runDue();
        assertThat(offsets(d.polledAt, slot)).endsWith(380L, 390L);
        assertThat(meters.get(SchedulerMeters.DEVICES).tag("state", "up").gauge().value()).isEqualTo(1);
    }

    @Test
    void aDeviceThatStopsAnsweringWritesUpZeroAtEverySlotWhileItsReadingsSimplyStop() {
        FakeDevice d = one(inline(fleet.locations(1)).maxBackoff(Duration.ofSeconds(40)));
        Instant slot = stats(d.id).nextPoll();
        for (int t = 0; t < 30; t += 10) {
            clock.set(slot.plusSeconds(t));
            scheduler.runDue();
        }
        d.behaviour = FakeFleet.failing(DriverErrorKind.TIMEOUT);
        for (int t = 30; t <= 150; t += 10) {
            clock.set(slot.plusSeconds(t));
            scheduler.runDue();
        }

        // Readings: one per successful poll, then nothing; never the last value repeated.
        assertThat(offsets(sink.of(FakeFleet.METRIC, d.id).stream().map(Sample::time).toList(), slot))
                .containsExactly(0L, 10L, 20L);
        // The health series stays current: a value at every slot, 0 from the first failure on, backoff or not.
        List<Sample> up = sink.of(UP, d.id);
        assertThat(offsets(up.stream().map(Sample::time).toList(), slot))
                .containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L, 110L, 120L, 130L, 140L,
                        150L);
        assertThat(up.stream().map(Sample::value).toList()).containsExactly(1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0,
                0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        // Polled only at the backoff attempts: +30, +50 (20 s), +90 (40 s), +130 (capped at 40 s).
        assertThat(offsets(d.polledAt, slot)).containsExactly(0L, 10L, 20L, 30L, 50L, 90L, 130L);
    }

    @Test
    void aPollPastItsDeadlineIsATimeoutItsReadingsAreDiscardedAndTheSessionIsRenewed() {
        FakeDevice d = one(inline(fleet.locations(1)).pollDeadline(Duration.ofSeconds(5)));
        Instant slot = stats(d.id).nextPoll();
        d.behaviour = advancingBy(Duration.ofSeconds(6));
        clock.set(slot);
        scheduler.runDue();

        assertThat(stats(d.id).failures()).isEqualTo(1);
        assertThat(stats(d.id).successes()).isZero();
        assertThat(sink.of(FakeFleet.METRIC, d.id)).isEmpty();
        assertThat(sink.of(UP, d.id)).singleElement().satisfies(s -> assertThat(s.value()).isZero());
        assertThat(d.closes).hasValue(1);
        assertThat(meters.get(SchedulerMeters.POLL_ERRORS).tag("kind", "timeout").counter().count()).isEqualTo(1);

        d.behaviour = FakeFleet::answer;
        clock.set(stats(d.id).nextPoll());
        scheduler.runDue();
        assertThat(d.opens).hasValue(2);
        assertThat(stats(d.id).successes()).isEqualTo(1);
    }

    @Test
    void oneHangingDeviceNeitherDelaysNorFailsTheOthersAndTimesOutAtItsDeadline() throws Exception {
        List<DeviceLocation> devices = fleet.locations(20);
        scheduler = PollScheduler.builder(devices, sink).clock(clock).defaultInterval(INTERVAL)
                .meterRegistry(meters).sessions(fleet).build();
        FakeDevice hung = fleet.device("d0007");
        CountDownLatch release = new CountDownLatch(1);
        hung.behaviour = d -> {
            // Ignores interrupts, as a driver stuck in an uninterruptible call would.
            while (true) {
                try {
                    release.await();
                    return FakeFleet.answer(d);
                } catch (InterruptedException e) {
                    d.interrupts.incrementAndGet();
                }
            }
        };

        for (int round = 1; round <= 3; round++) {
            tickThrough(T0.plus(INTERVAL.multipliedBy(round - 1)), 500);
            int done = round;
            for (DeviceLocation l : devices) {
                String id = l.device().id();
                if (!id.equals(hung.id)) {
                    eventually(id + " polled " + done + " times", () -> stats(id).successes() == done);
                }
            }
        }
        // The hung poll passed its deadline (one interval): a timeout, up = 0, and its thread was interrupted.
        eventually("hung device timed out", () -> stats(hung.id).failures() == 1);
        assertThat(hung.polledAt).hasSize(1);
        assertThat(hung.interrupts.get()).isPositive();
        // From the deadline on, up = 0 at every slot while the poll is still stuck.
        assertThat(sink.of(UP, hung.id)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.value()).isZero());
        for (DeviceLocation l : devices) {
            if (!l.device().id().equals(hung.id)) {
                assertThat(stats(l.device().id()).failures()).as("failures of %s", l.device().id()).isZero();
                assertThat(stats(l.device().id()).overruns()).as("overruns of %s", l.device().id()).isZero();
            }
        }

        release.countDown();
        eventually("hung poll returned and its session closed", () -> hung.closes.get() == 1);
        // Its late answer is discarded: the readings series of the hung device got nothing.
        assertThat(sink.of(FakeFleet.METRIC, hung.id)).isEmpty();
        assertThat(stats(hung.id).overruns()).isPositive();
    }

    @Test
    void eachPollIsASpanWithDeviceProtocolOutcomeAndSamples() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
            FakeDevice d = one(inline(fleet.locations(1)).tracer(tracing.get("test")));
            clock.set(stats(d.id).nextPoll());
            scheduler.runDue();
            d.behaviour = FakeFleet.failing(DriverErrorKind.AUTH);
            clock.set(stats(d.id).nextPoll());
            scheduler.runDue();

            List<SpanData> finished = spans.getFinishedSpanItems();
            assertThat(finished).extracting(SpanData::getName).containsExactly("collector.poll", "collector.poll");
            assertThat(finished.get(0).getAttributes().get(DevicePoller.DEVICE_ID)).isEqualTo(d.id);
            assertThat(finished.get(0).getAttributes().get(DevicePoller.PROTOCOL)).isEqualTo("snmp");
            assertThat(finished.get(0).getAttributes().get(DevicePoller.OUTCOME)).isEqualTo("success");
            assertThat(finished.get(0).getAttributes().get(DevicePoller.SAMPLES)).isEqualTo(1L);
            assertThat(finished.get(1).getAttributes().get(DevicePoller.OUTCOME)).isEqualTo("failure");
            assertThat(finished.get(1).getAttributes().get(AttributeKey.stringKey("dcsuite.poll.error_kind")))
                    .isEqualTo("auth");
            assertThat(finished.get(1).getAttributes().get(DevicePoller.SAMPLES)).isZero();
        }
    }

    /** A scheduler whose polls run in line on the test thread, with the test's clock, sink and meters. */
    private PollScheduler.Builder inline(List<DeviceLocation> devices) {
        return PollScheduler.builder(devices, sink).clock(clock).defaultInterval(INTERVAL).sessions(fleet)
                .meterRegistry(meters).executor(Runnable::run);
    }

    /** Ticks every {@code stepMillis} over one interval from {@code from}, and at its last millisecond. */
    private void tickThrough(Instant from, int stepMillis) {
        for (long ms = 0; ms < INTERVAL.toMillis(); ms += stepMillis) {
            clock.set(from.plusMillis(ms));
            scheduler.runDue();
        }
        clock.set(from.plus(INTERVAL).minusMillis(1));
        scheduler.runDue();
    }

    private FakeDevice one(PollScheduler.Builder builder) {
        scheduler = builder.build();
        return fleet.device("d0000");
    }

    private FakeFleet.Behaviour advancingBy(Duration d) {
        return device -> {
            clock.advance(d);
            return FakeFleet.answer(device);
        };
    }

    private PollStats stats(String id) {
        return scheduler.stats(id).orElseThrow();
    }

    private static List<Long> offsets(List<Instant> times, Instant from) {
        return times.stream().map(t -> Duration.between(from, t).toSeconds()).toList();
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("eventually " + what).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
