package org.dcsuite.collectors.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;

/**
 * Devices in memory for scheduler tests: no sockets, each device's answer chosen by the test (a reading, a
 * failure, a poll that moves the test clock, or one that hangs), with every poll, open and close recorded, and a
 * sink that keeps what it was given.
 */
final class FakeFleet implements DeviceSessionFactory {

    /** The metric every healthy fake device reads. */
    static final String METRIC = "fake.power";

    /** What a fake device does when polled. */
    @FunctionalInterface
    interface Behaviour {
        PollResult poll(FakeDevice device);
    }

    /** One fake device's recorded history. */
    final class FakeDevice {
        final String id;
        volatile Behaviour behaviour = FakeFleet::answer;
        final List<Instant> polledAt = new CopyOnWriteArrayList<>();
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger interrupts = new AtomicInteger();

        FakeDevice(String id) {
            this.id = id;
        }

        Clock clock() {
            return clock;
        }
    }

    private final Clock clock;
    private final Map<String, FakeDevice> devices = new ConcurrentHashMap<>();

    FakeFleet(Clock clock) {
        this.clock = clock;
    }

    /** Locations for {@code count} devices {@code d0000...} on one site. */
    List<DeviceLocation> locations(int count) {
        Site site = new Site("site1", "site1", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(), List.of());
        List<DeviceLocation> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("d%04d", i);
            Device d = Device.of(id, DeviceKind.PDU, Endpoint.parse("snmp://127.0.0.1:161"), "fake");
            all.add(new DeviceLocation(site, Optional.empty(), Optional.empty(), d));
            devices.put(id, new FakeDevice(id));
        }
        return all;
    }

    FakeDevice device(String id) {
        return devices.get(id);
    }

    @Override
    public DeviceSession open(DeviceLocation location, Clock sessionClock) {
        FakeDevice d = devices.get(location.device().id());
        d.opens.incrementAndGet();
        return new DeviceSession() {
            @Override
            public PollResult poll() {
                d.polledAt.add(clock.instant());
                return d.behaviour.poll(d);
            }

            @Override
            public void close() {
                d.closes.incrementAndGet();
            }
        };
    }

    /** One reading, stamped with the clock. */
    static PollResult answer(FakeDevice d) {
        return new PollResult(d.id, List.of(Reading.gauge(METRIC, Unit.WATT, 100, Map.of("outlet", "1"),
                d.clock().instant())), List.of());
    }

    static Behaviour failing(DriverErrorKind kind) {
        return d -> {
            throw new DriverException(kind, "device '" + d.id + "' (snmp://127.0.0.1:161): injected " + kind);
        };
    }

    /** A sink that keeps every sample it is given, in order. */
    static final class RecordingSink implements SampleSink {
        final List<Sample> samples = new CopyOnWriteArrayList<>();

        @Override
        public void describe(MetricDescriptor metric) {
        }

        @Override
        public void submit(List<Sample> batch) {
            samples.addAll(batch);
        }

        List<Sample> of(String metric, String device) {
            return samples.stream().filter(s -> s.series().metric().equals(metric)
                    && device.equals(s.series().label("device"))).toList();
        }
    }
}
