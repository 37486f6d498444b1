package org.dcsuite.collectors.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.dcsuite.collectors.write.BatchWriter;
import org.dcsuite.collectors.write.InMemorySpool;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.simulator.model.FaultWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in process: the simulated fleet polled through the real drivers by the scheduler, normalised and
 * written by the batch writer into a real DuckDB store.
 */
class PollSchedulerFleetTest {

    /** The bound on every "eventually": generous, since a loaded CI machine may be slow. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(45);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration LOOKBACK = Duration.ofSeconds(30);
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path work;

    private DcsuiteConfig config;
    private Simulator simulator;
    private TelemetryStore store;
    private BatchWriter writer;
    private PollScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        config = ConfigLoader.load(writeConfig());
        simulator = Simulator.start(config, 7, CLOCK);
        store = TelemetryStores.open(StoreSettings.of("duckdb:" + work + "/t.duckdb"));
        writer = BatchWriter.builder(store, new InMemorySpool(1_000_000)).maxBatchDelay(Duration.ofMillis(200))
                .build().start();
        scheduler = PollScheduler.builder(config.locations(), writer).clock(CLOCK).defaultInterval(INTERVAL)
                .maxBackoff(Duration.ofSeconds(4)).build().start();
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (store != null) {
            store.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void everyDeviceGetsFreshSeriesWithTopologyAndIsUp() {
        for (DeviceLocation l : config.locations()) {
            String id = l.device().id();
            eventually(id + " up with fresh readings", () -> latestUp(id) == 1 && !readings(id).isEmpty());
            Map<String, String> topology = l.labels();
            assertThat(readings(id)).allSatisfy(s -> assertThat(s.series().attributes()).containsAllEntriesOf(topology));
        }
        assertThat(readings("r01-pdu-a")).allSatisfy(s -> assertThat(s.series().label("feed")).isEqualTo("A"));
        assertThat(latest("dcsuite.device.last_success{device=\"site1-crac\"}")).singleElement()
                .satisfies(s -> assertThat(s.value()).isGreaterThan(CLOCK.instant().getEpochSecond() - 60.0));
        assertThat(latest("dcsuite.device.errors{device=\"site1-crac\"}")).hasSize(7);
    }

    @Test
    void aDownDeviceIsReportedDownBacksOffAndComesBackWhileTheOthersKeepTheirCadence() {
        for (DeviceLocation l : config.locations()) {
            eventually(l.device().id() + " up", () -> latestUp(l.device().id()) == 1);
        }
        Map<String, Long> successesBefore = new HashMap<>();
        for (DeviceLocation l : config.locations()) {
            successesBefore.put(l.device().id(), stats(l.device().id()).successes());
        }

        simulator.faults().down("r01-pdu-b", FaultWindow.untilCleared());
        eventually("r01-pdu-b down in the store", () -> latestUp("r01-pdu-b") == 0);
        eventually("r01-pdu-b backing off", () -> stats("r01-pdu-b").consecutiveFailures() >= 2
                && stats("r01-pdu-b").currentDelay().compareTo(INTERVAL) > 0);
        eventually("timeouts of r01-pdu-b counted", () -> timeouts("r01-pdu-b") >= 2);
        // Meanwhile every other device kept being polled at its own pace, without a failure.
        for (DeviceLocation l : config.locations()) {
            String id = l.device().id();
            if (!id.equals("r01-pdu-b")) {
                eventually(id + " polled on", () -> stats(id).successes() >= successesBefore.get(id) + 3);
                assertThat(stats(id).failures()).as("failures of %s", id).isZero();
                assertThat(latestUp(id)).as("up of %s", id).isEqualTo(1);
            }
        }

        simulator.faults().clear("r01-pdu-b");
        eventually("r01-pdu-b up again", () -> latestUp("r01-pdu-b") == 1);
        assertThat(stats("r01-pdu-b").consecutiveFailures()).isZero();
        assertThat(stats("r01-pdu-b").currentDelay()).isEqualTo(INTERVAL);
    }

    private PollStats stats(String id) {
        return scheduler.stats(id).orElseThrow();
    }

    private double latestUp(String id) {
        List<Sample> up = latest("dcsuite.device.up{device=\"" + id + "\"}");
        return up.isEmpty() ? -1 : up.getFirst().value();
    }

    private double timeouts(String id) {
        List<Sample> errors = latest("dcsuite.device.errors{device=\"" + id + "\",kind=\"timeout\"}");
        return errors.isEmpty() ? 0 : errors.getFirst().value();
    }

    /** The device's latest readings, health series left out. */
    private List<Sample> readings(String id) {
        return latest("{device=\"" + id + "\"}").stream()
                .filter(s -> !s.series().metric().startsWith("dcsuite.")).toList();
    }

    private List<Sample> latest(String selector) {
        return store.latest(SeriesSelector.parse(selector), Instant.now(), LOOKBACK);
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("eventually " + what).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A one-site fleet on free loopback ports with short driver timeouts, so a down device fails quickly. */
    private Path writeConfig() throws Exception {
        Path sites = Files.createDirectories(work.resolve("config/sites"));
        Files.writeString(sites.getParent().resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.writeString(sites.resolve("site1.yaml"), """
                version: dcsuite/v1
                site:
                  id: site1
                  time_zone: Europe/Paris
                  devices:
                    - { id: site1-meter, kind: meter, endpoint: "modbus://127.0.0.1:%d?unit=1", profile: sunspec-meter,
                        timeout: 800ms, retries: 0 }
                  rooms:
                    - id: room-1
                      devices:
                        - { id: site1-crac, kind: cooling, endpoint: "modbus://127.0.0.1:%d?unit=1", profile: generic-crac,
                            timeout: 800ms, retries: 0 }
                      racks:
                        - id: r01
                          devices:
                            - { id: r01-pdu-a, kind: pdu, feed: A, endpoint: "snmp://127.0.0.1:%d", profile: raritan-pdu2,
                                credentials: { community: demo-public }, timeout: 800ms, retries: 0 }
                            - { id: r01-pdu-b, kind: pdu, feed: B, endpoint: "snmp://127.0.0.1:%d", profile: raritan-pdu2,
                                credentials: { community: demo-public }, timeout: 800ms, retries: 0 }
                            - { id: r01-srv-01, kind: server, endpoint: "redfish://127.0.0.1:%d",
                                credentials: { username: demo, password: demo-bmc }, timeout: 800ms, retries: 0 }
                """.formatted(tcpPort(), tcpPort(), udpPort(), udpPort(), tcpPort()));
        return sites.getParent();
    }

    private static int tcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int udpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
