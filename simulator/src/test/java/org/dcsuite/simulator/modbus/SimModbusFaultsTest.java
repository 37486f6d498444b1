package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.CRAC_ID;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.modbus.ModbusDriver;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.Holder;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RawClient;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RecordingControls;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.SwitchableFaults;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wire faults as the real driver sees them, and connections that misbehave. */
class SimModbusFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int RETRIES = 1;

    private final Holder<CoolingState> state = new Holder<>(ModbusSimTestSupport.cooling());
    private final SwitchableFaults faults = new SwitchableFaults();
    private SimModbusDevice device;
    private DeviceSession session;

    @BeforeEach
    void start() {
        device = SimModbusDevice.startCooling(CRAC_ID, 0, state, new RecordingControls(state), faults);
        session = new ModbusDriver().open(target(CRAC_ID, device.port(), "generic-crac", TIMEOUT, RETRIES));
    }

    @AfterEach
    void stop() {
        session.close();
        device.close();
    }

    private static ProtocolFaults.Active fault(boolean down, Duration latency, boolean garbage) {
        return new ProtocolFaults.Active(down, latency, garbage, false);
    }

    private DriverException pollFails() {
        Throwable t = catchThrowable(session::poll);
        assertThat(t).isInstanceOf(DriverException.class);
        return (DriverException) t;
    }

    private void pollWorks() {
        PollResult result = session.poll();
        assertThat(result.errors()).isEmpty();
        assertThat(result.readings()).hasSize(12);
    }

    @Test
    void downTimesOutWithinTheDriversBoundAndRecovers() {
        pollWorks();
        faults.active = fault(true, Duration.ZERO, false);

        long started = System.nanoTime();
        DriverException e = pollFails();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.kind()).isEqualTo(DriverErrorKind.TIMEOUT);
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT)
                .isLessThan(TIMEOUT.multipliedBy(RETRIES + 1).plusMillis(500));
        faults.active = ProtocolFaults.Active.NONE;
        pollWorks();
    }

    @Test
    void latencyDelaysTheAnswerButStillAnswers() {
        faults.active = fault(false, Duration.ofMillis(120), false);

        long started = System.nanoTime();
        pollWorks();

        // A poll of the CRAC is three reads (input, holding, discrete), each slept.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(360));
    }

    @Test
    void garbageIsAProtocolErrorAndTheNextPollAfterItWorks() {
        faults.active = fault(false, Duration.ZERO, true);
        for (int i = 0; i < 200; i++) {
            assertThat(pollFails().kind()).as("poll %d", i).isEqualTo(DriverErrorKind.PROTOCOL);
        }
        faults.active = ProtocolFaults.Active.NONE;
        pollWorks();
    }

    @Test
    void garbageNeverLooksLikeAnAnswer() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            int transactionId = random.nextInt(0x10000);
            byte[] g = SimModbusTcpServer.garbage(transactionId, (byte) 3, random);
            assertThat(g.length).isBetween(9, 40);
            assertThat(ModbusPduHandler.u16(g, 0)).isNotEqualTo(transactionId);
            assertThat(ModbusPduHandler.u16(g, 2)).isNotZero();
            assertThat(g[7]).isEqualTo((byte) 3);
            assertThat(ModbusPduHandler.u16(g, 4)).as("MBAP length").isEqualTo(g.length - 6);
        }
    }

    @Test
    void servesSeveralConnectionsAtOnce() throws Exception {
        List<Callable<Integer>> polls = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            polls.add(() -> {
                try (DeviceSession s = new ModbusDriver().open(target(CRAC_ID, device.port(), "generic-crac",
                        Duration.ofSeconds(2), 0))) {
                    int readings = 0;
                    for (int i = 0; i < 25; i++) {
                        PollResult r = s.poll();
                        assertThat(r.errors()).isEmpty();
                        readings += r.readings().size();
                    }
                    return readings;
                }
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> f : pool.invokeAll(polls)) {
                assertThat(f.get()).isEqualTo(25 * 12);
            }
        }
    }

    @Test
    void badFramesCloseTheirConnectionOnly() throws Exception {
        try (RawClient bad = new RawClient(device.port())) {
            // Protocol id 1: not Modbus, and the stream cannot be trusted after it.
            bad.send(new byte[] {0, 1, 0, 1, 0, 6, 1, 4, 0, 0, 0, 1});
            assertThat(bad.read()).isEqualTo(-1);
        }
        try (RawClient bad = new RawClient(device.port())) {
            // Length 0 in the MBAP header.
            bad.send(new byte[] {0, 1, 0, 0, 0, 0, 1});
            assertThat(bad.read()).isEqualTo(-1);
        }
        try (RawClient half = new RawClient(device.port())) {
            // Half a frame, then the client goes away.
            half.send(new byte[] {0, 1, 0, 0, 0, 6, 1, 4});
        }
        pollWorks();
    }

    @Test
    void closingTheDeviceDropsItsConnectionsAndRefusesNewOnes() throws Exception {
        pollWorks();
        try (RawClient idle = new RawClient(device.port())) {
            device.close();
            assertThat(idle.read()).isEqualTo(-1);
        }
        assertThatThrownBy(session::poll).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.kind()).isIn(DriverErrorKind.REFUSED, DriverErrorKind.PROTOCOL));
    }
}
