package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.target;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken devices: a raw-socket fake that answers each request with crafted MBAP frames, the only way to produce
 * frames no real server sends. Every failure must name the device and protocol and return within the timeout.
 */
class ModbusFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Generous: the bound under test is timeout x (retries + 1), the slack only absorbs a loaded machine. */
    private static final long SLACK_MILLIS = 3000;

    /** A fake server: for each request (transaction id, PDU) the responder returns the bytes to send, or null. */
    private static final class FakeServer implements AutoCloseable {
        final ServerSocket server;
        final Thread thread;

        FakeServer(BiFunction<Integer, byte[], byte[]> responder, boolean closeAfterAnswer) throws IOException {
            server = new ServerSocket(0);
            thread = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> serve(s, responder, closeAfterAnswer));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket s, BiFunction<Integer, byte[], byte[]> responder, boolean close) {
            try (s) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    int tid = in.readUnsignedShort();
                    in.readUnsignedShort();
                    int length = in.readUnsignedShort();
                    byte[] pdu = new byte[length];
                    in.readFully(pdu);
                    byte[] answer = responder.apply(tid, pdu);
                    if (answer != null) {
                        out.write(answer);
                        out.flush();
                    }
                    if (close) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** An MBAP frame: transaction id, protocol 0, length, then unit and PDU bytes. */
    private static byte[] frame(int tid, int declaredLength, int... unitAndPdu) {
        byte[] b = new byte[6 + unitAndPdu.length];
        b[0] = (byte) (tid >> 8);
        b[1] = (byte) tid;
        b[4] = (byte) (declaredLength >> 8);
        b[5] = (byte) declaredLength;
        for (int i = 0; i < unitAndPdu.length; i++) {
            b[6 + i] = (byte) unitAndPdu[i];
        }
        return b;
    }

    private static DriverException pollFails(int port, DriverErrorKind kind) {
        try (DeviceSession s = new ModbusDriver().open(target(port, "generic-ups", TIMEOUT, 1, Map.of()))) {
            long start = System.nanoTime();
            DriverException e = (DriverException) org.assertj.core.api.Assertions.catchThrowable(s::poll);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertThat(e).as("poll should fail").isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).startsWith("device 'dev-1' (modbus://127.0.0.1:" + port + ") unit 1: ");
            assertThat(elapsed).isLessThan(TIMEOUT.toMillis() * 2 + SLACK_MILLIS);
            // The session survives: the next poll fails the same way instead of hanging or throwing otherwise.
            assertThatThrownBy(s::poll).isInstanceOf(DriverException.class);
            return e;
        }
    }

    @Test
    void silentServerTimesOutWithinTimeoutTimesAttempts() throws IOException {
        try (FakeServer fake = new FakeServer((tid, pdu) -> null, false)) {
            assertThat(pollFails(fake.port(), DriverErrorKind.TIMEOUT).getMessage())
                    .endsWith("no answer within 300 ms (2 attempts)");
        }
    }

    @Test
    void retriesAreExactlyTheConfiguredNumber() throws IOException {
        var requests = new java.util.concurrent.atomic.AtomicInteger();
        try (FakeServer fake = new FakeServer((tid, pdu) -> {
            requests.incrementAndGet();
            return null;
        }, false); DeviceSession s = new ModbusDriver().open(target(fake.port(), "generic-ups", TIMEOUT, 3,
                Map.of()))) {
            assertThatThrownBy(s::poll).isInstanceOf(DriverException.class);
            assertThat(requests.get()).isEqualTo(4);
        }
    }

    @Test
    void refusedConnection() {
        int port = ModbusTestSupport.freePort();
        assertThat(pollFails(port, DriverErrorKind.REFUSED).getMessage()).contains("connection refused");
    }

    @Test
    void garbageBytes() throws IOException {
        try (FakeServer fake = new FakeServer(
                (tid, pdu) -> "HELLO WORLD, NOT MODBUS".getBytes(StandardCharsets.US_ASCII), true)) {
            pollFails(fake.port(), DriverErrorKind.PROTOCOL);
        }
    }

    @Test
    void wrongTransactionId() throws IOException {
        // A well-formed answer to another transaction: unit 1, function 4, 2 bytes.
        try (FakeServer fake = new FakeServer((tid, pdu) -> frame(tid + 7, 5, 1, pdu[1], 2, 0, 1), false)) {
            pollFails(fake.port(), DriverErrorKind.PROTOCOL);
        }
    }

    @Test
    void shortFrameThenClose() throws IOException {
        // The header promises 9 bytes, 3 arrive, then the connection closes.
        try (FakeServer fake = new FakeServer((tid, pdu) -> frame(tid, 9, 1, pdu[1], 4), true)) {
            pollFails(fake.port(), DriverErrorKind.PROTOCOL);
        }
    }

    @Test
    void shortPdu() throws IOException {
        // A consistent header around a PDU whose byte count (4) exceeds the data it carries (1 byte).
        try (FakeServer fake = new FakeServer((tid, pdu) -> frame(tid, 4, 1, pdu[1], 4, 0), false)) {
            pollFails(fake.port(), DriverErrorKind.PROTOCOL);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, ILLEGAL_FUNCTION", "2, ILLEGAL_DATA_ADDRESS", "3, ILLEGAL_DATA_VALUE", "4, SERVER_DEVICE_FAILURE",
        "5, ACKNOWLEDGE", "6, SERVER_DEVICE_BUSY", "10, GATEWAY_PATH_UNAVAILABLE",
        "11, GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND"})
    void exceptionResponsesAreNamedPerPoint(int code, String name) throws IOException {
        try (FakeServer fake = new FakeServer((tid, pdu) -> frame(tid, 3, 1, pdu[1] | 0x80, code), false);
                DeviceSession s = new ModbusDriver().open(target(fake.port(), "generic-ups", TIMEOUT, 1,
                        Map.of()))) {
            PollResult r = s.poll();
            assertThat(r.readings()).isEmpty();
            assertThat(r.errors()).hasSize(7).allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo(DriverErrorKind.PROTOCOL);
                assertThat(e.message()).contains("device 'dev-1' (modbus://127.0.0.1:" + fake.port() + ")")
                        .contains("device answered " + name + " (" + code + ") for point '" + e.point() + "'");
            });
        }
    }
}
