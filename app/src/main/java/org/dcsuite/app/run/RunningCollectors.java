package org.dcsuite.app.run;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dcsuite.collectors.events.DeviceEventPipeline;
import org.dcsuite.collectors.events.DeviceEventReceivers;
import org.dcsuite.collectors.otlp.OtlpHttpReceiver;
import org.dcsuite.collectors.schedule.PollScheduler;
import org.dcsuite.collectors.spool.DiskSpool;
import org.dcsuite.collectors.write.BatchWriter;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.simulator.control.SimControlServer;
import org.dcsuite.simulator.control.SimControlToken;
import org.dcsuite.simulator.control.SimFaultInjector;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code dcsuite run} starts besides the HTTP API: the simulator (for a simulated fleet), the poll
 * scheduler writing through the batch writer and its disk spool, the device event receivers and pipeline, and the
 * OTLP trace receiver. Samples and events are also published on the telemetry bus. {@link #close()} stops inputs
 * first, then flushes the writers, so nothing accepted is lost.
 */
public final class RunningCollectors implements AutoCloseable {

    /** Bounds the spool so an outage fills at most this much disk; beyond it samples are counted and dropped. */
    public static final long SPOOL_BYTES = 1L << 30;
    private static final Duration OTLP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RunningCollectors.class);

    private Simulator simulator;
    private SimControlServer control;
    private Path controlTokenFile;
    private DiskSpool spool;
    private BatchWriter writer;
    private PollScheduler scheduler;
    private DeviceEventPipeline events;
    private DeviceEventReceivers receivers;
    private OtlpHttpReceiver otlp;

    private RunningCollectors() {
    }

    /**
     * What a run starts with.
     *
     * @param controlPort      for a simulated fleet, the port of the simulator's fault-injection API (0: any free)
     * @param controlTokenFile where that API's bearer token is written, owner-only, for {@code dcsuite simulate fault}
     */
    public record Settings(DcsuiteConfig configuration, TelemetryStore store, Path spoolFolder, boolean simulate,
            long seed, int controlPort, Path controlTokenFile, Clock clock) {

        public Settings {
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(spoolFolder, "spoolFolder");
            Objects.requireNonNull(controlTokenFile, "controlTokenFile");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** What the collectors report to: the process's Vert.x, meters, bus and tracer. */
    public record Services(Vertx vertx, MeterRegistry registry, TelemetryBus bus, Tracer tracer) {

        public Services {
            Objects.requireNonNull(vertx, "vertx");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(bus, "bus");
            Objects.requireNonNull(tracer, "tracer");
        }
    }

    /**
     * Starts everything, or closes what was started and rethrows.
     *
     * @throws UncheckedIOException when a receiver cannot listen on its port
     */
    public static RunningCollectors start(Settings settings, Services services) {
        RunningCollectors running = new RunningCollectors();
        try {
            running.startAll(settings, services);
            return running;
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    private void startAll(Settings s, Services services) {
        DcsuiteConfig configuration = s.configuration();
        if (s.simulate()) {
            simulator = Simulator.start(configuration, s.seed(), s.clock());
            LOG.info("simulator: {} devices on loopback (seed {})", simulator.endpoints().size(), s.seed());
            // The port is bound before the token file is written, so a run that cannot bind leaves another's token.
            Secret token = SimControlToken.generate();
            control = SimControlServer.start(SimFaultInjector.of(simulator, configuration, s.clock()), s.controlPort(),
                    token);
            try {
                SimControlToken.write(s.controlTokenFile(), token);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the simulator's control token to " + s.controlTokenFile(),
                        e);
            }
            controlTokenFile = s.controlTokenFile();
            LOG.info("simulator control API: {} (bearer token in {}; inject faults with 'dcsuite simulate fault "
                    + "DEVICE FAULT')", control.uri(), controlTokenFile);
        }
        spool = DiskSpool.open(s.spoolFolder(), SPOOL_BYTES);
        writer = BatchWriter.builder(s.store(), spool).meterRegistry(services.registry()).tracer(services.tracer())
                .build().start();
        scheduler = PollScheduler.builder(configuration.locations(), new PublishingSampleSink(writer, services.bus()))
                .clock(s.clock()).defaultInterval(configuration.collectors().pollInterval())
                .profileIntervals(configuration.collectors().profileIntervals())
                .meterRegistry(services.registry()).tracer(services.tracer()).build().start();
        LOG.info("collectors: polling {} devices", configuration.locations().size());

        events = DeviceEventPipeline.builder(s.store()).bus(services.bus()).devices(configuration.locations())
                .clock(s.clock()).start();
        bindEventMeters(services.registry());
        try {
            receivers = DeviceEventReceivers.builder()
                    .snmpTraps(configuration.receivers().snmpTraps())
                    .redfishEvents(configuration.receivers().redfishEvents())
                    .devices(configuration.devices())
                    .clock(s.clock())
                    .start(events);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        bindReceiverMeters(services.registry());
        OptionalInt trapPort = receivers.snmpTrapPort();
        if (simulator != null && trapPort.isPresent()) {
            // The simulated agents send their traps here, as real devices would be configured to.
            simulator.trapDestinations().add(new SimTrapDestination(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), trapPort.getAsInt()), false));
        }

        if (configuration.receivers().otlp().enabled()) {
            try {
                otlp = OtlpHttpReceiver.builder(services.vertx(), configuration.receivers().otlp(),
                                new PublishingSampleSink(writer, services.bus()))
                        .clock(s.clock()).start().toCompletionStage().toCompletableFuture()
                        .get(OTLP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new UncheckedIOException("OTLP receiver cannot listen on port "
                        + configuration.receivers().otlp().port() + ": " + cause.getMessage()
                        + " (choose another with --otlp-port or receivers.otlp.port)", new IOException(cause));
            }
            otlp.bindTo(services.registry());
            LOG.info("OTLP/HTTP trace receiver on port {} ({})", otlp.port(), OtlpHttpReceiver.TRACES_PATH);
        }
    }

    private void bindEventMeters(MeterRegistry registry) {
        DeviceEventPipeline p = events;
        FunctionCounter.builder("dcsuite.events", p, DeviceEventPipeline::received).tag("outcome", "received")
                .description("Device events (traps, informs, Redfish events) received").register(registry);
        FunctionCounter.builder("dcsuite.events", p, DeviceEventPipeline::stored).tag("outcome", "stored")
                .description("Device events written to the store").register(registry);
        FunctionCounter.builder("dcsuite.events", p, DeviceEventPipeline::dropped).tag("outcome", "dropped")
                .description("Device events dropped: queue full while the store was down, or refused as invalid")
                .register(registry);
        Gauge.builder("dcsuite.events.queued", p, DeviceEventPipeline::queued)
                .description("Device events waiting to be written").register(registry);
    }

    private void bindReceiverMeters(MeterRegistry registry) {
        DeviceEventReceivers r = receivers;
        for (SnmpTrapReceiver.Drop reason : SnmpTrapReceiver.Drop.values()) {
            FunctionCounter.builder("dcsuite.snmp.traps.dropped", r,
                            x -> x.snmpTrapsDropped().getOrDefault(reason, 0L))
                    .tag("reason", reason.label())
                    .description("SNMP traps and informs not turned into events, by reason").register(registry);
        }
        FunctionCounter.builder("dcsuite.redfish.events.rejected", r, DeviceEventReceivers::redfishEventsRejected)
                .description("Redfish event posts refused (unknown token, malformed, too large)").register(registry);
    }

    /** The simulator, when this run simulates its fleet. */
    public Optional<Simulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** The bound UDP port of the trap receiver, when it runs. */
    public OptionalInt snmpTrapPort() {
        return receivers == null ? OptionalInt.empty() : receivers.snmpTrapPort();
    }

    /** The bound port of the Redfish event listener, when it runs. */
    public OptionalInt redfishEventPort() {
        return receivers == null ? OptionalInt.empty() : receivers.redfishEventPort();
    }

    /** The bound port of the OTLP receiver, when it runs. */
    public OptionalInt otlpPort() {
        return otlp == null ? OptionalInt.empty() : OptionalInt.of(otlp.port());
    }

    /**
     * Stops inputs (OTLP, receivers, polls), then flushes the event pipeline and the batch writer into the store
     * (or the spool), then stops the simulator. Idempotent enough for a shutdown hook: each part is closed once.
     */
    @Override
    public synchronized void close() {
        if (otlp != null) {
            try {
                otlp.close().toCompletionStage().toCompletableFuture().get(OTLP_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("OTLP receiver did not close cleanly: {}", e.toString());
            }
            otlp = null;
        }
        if (receivers != null) {
            receivers.close();
            receivers = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
        if (events != null) {
            events.close();
            events = null;
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (spool != null) {
            spool.close();
            spool = null;
        }
        if (control != null) {
            control.close();
            control = null;
        }
        if (controlTokenFile != null) {
            try {
                // A stale token would only make the fault commands fail later with a less helpful message.
                Files.deleteIfExists(controlTokenFile);
            } catch (IOException e) {
                LOG.debug("could not delete {}: {}", controlTokenFile, e.toString());
            }
            controlTokenFile = null;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
