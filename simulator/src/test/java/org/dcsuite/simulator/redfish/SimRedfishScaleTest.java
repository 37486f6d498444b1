package org.dcsuite.simulator.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.PASSWORD;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.USER;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dcsuite.core.config.Secret;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.redfish.RedfishDriver;
import org.dcsuite.simulator.state.ServerState;
import org.junit.jupiter.api.Test;

/**
 * Two hundred BMCs on one machine, as the bundled demo runs them, each polled by the driver at once: every poll
 * must succeed. The figures printed (start time, platform threads, poll time) are the ones quoted in the
 * package's report; the bounds asserted are loose so a busy CI machine does not fail.
 */
class SimRedfishScaleTest {

    private static final int SERVERS = 200;
    /**
     * Requests of one poll with $expand: service root, Systems, Chassis, Sensors, EnvironmentMetrics,
     * PowerSubsystem, PowerSupplies, ThermalSubsystem, Fans.
     */
    private static final int REQUESTS_PER_POLL = 9;

    @Test
    void twoHundredBmcsServeConcurrentPolls() throws Exception {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<SimRedfishServer> bmcs = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < SERVERS; i++) {
                String id = "srv-" + i;
                ServerState s = SimRedfishFixtures.server();
                ServerState state = new ServerState(id, id, s.powerState(), 100 + i, s.inletC(), s.cpuC(), s.psus(),
                        s.fans(), s.health());
                bmcs.add(SimRedfishServer.builder(id, () -> state, new SimRedfishFixtures.RecordingControls())
                        .credentials(USER, Secret.of(PASSWORD)).start());
            }
            Duration startTime = Duration.ofNanos(System.nanoTime() - t0);
            int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;

            long t1 = System.nanoTime();
            List<PollResult> results = new ArrayList<>();
            try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<PollResult>> futures = new ArrayList<>();
                for (SimRedfishServer bmc : bmcs) {
                    futures.add(pollers.submit(() -> {
                        try (DeviceSession s = new RedfishDriver().open(SimRedfishFixtures.target(bmc, Map.of(),
                                SimRedfishFixtures.credentials(USER, PASSWORD), Duration.ofSeconds(10)))) {
                            s.poll();
                            return s.poll();
                        }
                    }));
                }
                for (Future<PollResult> f : futures) {
                    results.add(f.get());
                }
            }
            Duration pollTime = Duration.ofNanos(System.nanoTime() - t1);
            System.out.printf("%d BMCs: started in %d ms, %d platform threads more; all polled at once, "
                    + "a login and 2 polls of %d requests each, in %d ms%n", SERVERS, startTime.toMillis(), threads,
                    REQUESTS_PER_POLL, pollTime.toMillis());

            for (int i = 0; i < SERVERS; i++) {
                assertThat(results.get(i).errors()).isEmpty();
                assertThat(SimRedfishFixtures.value(results.get(i), "hw.host.power", "Chassis/1")).isEqualTo(100 + i);
            }
            assertThat(pollTime).isLessThan(Duration.ofSeconds(60));
        } finally {
            bmcs.forEach(SimRedfishServer::close);
        }
    }
}
