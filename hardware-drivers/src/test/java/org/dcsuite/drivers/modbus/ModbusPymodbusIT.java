package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.target;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.value;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.PollResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against pymodbus (a server we did not write), cross-checked with mbpoll (a client we did not write).
 * The expected values are the definitions in modbus_test_server.py, restated here, never our own output.
 */
class ModbusPymodbusIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static Process server;
    private static int port;

    @BeforeAll
    static void startServer(@TempDir Path dir) throws Exception {
        requireTool(PYTHON, "-c", "import pymodbus");
        Path script = dir.resolve("modbus_test_server.py");
        try (InputStream in = ModbusPymodbusIT.class.getResourceAsStream("modbus_test_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        port = ModbusTestSupport.freePort();
        server = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("pymodbus server did not start: "
                            + Files.readString(dir.resolve("server.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Skips loudly when a tool is missing, except on CI where a missing tool is a broken build. */
    private static void requireTool(String... command) throws InterruptedException {
        boolean ok;
        try {
            ok = new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok) {
            String message = "*** ModbusPymodbusIT SKIPPED: '" + String.join(" ", command) + "' failed; install "
                    + "python3-pymodbus and mbpoll (Debian) ***";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message.replace("SKIPPED", "FAILED (CI=true)"));
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
    }

    @Test
    void sunSpecMeterIsDiscoveredAndDecodedWithItsScaleFactors() {
        try (DeviceSession s = new ModbusDriver().open(target(port, null))) {
            PollResult r = s.poll();
            assertThat(value(r, "hw.current", Map.of("phase", "L3"))).isEqualTo(4.24, within(1e-9));
            assertThat(r.readings()).filteredOn(x -> x.metric().equals("hw.current")
                    && !x.attributes().containsKey("phase")).singleElement()
                    .satisfies(x -> assertThat(x.value()).isEqualTo(12.34, within(1e-9)));
            assertThat(value(r, "hw.voltage", Map.of("phase", "L2"))).isEqualTo(230.2, within(1e-9));
            assertThat(value(r, "hw.frequency", Map.of())).isEqualTo(50.0, within(1e-9));
            assertThat(value(r, "hw.power", Map.of("phase", "L1"))).isEqualTo(950);
            assertThat(value(r, "hw.power.reactive", Map.of())).isEqualTo(-120);
            assertThat(value(r, "hw.power_factor", Map.of())).isEqualTo(95);
            assertThat(value(r, "hw.energy", Map.of("direction", "export"))).isEqualTo(123456 * 10.0 * 3600);
            assertThat(value(r, "hw.energy", Map.of("direction", "import"))).isEqualTo(654321 * 10.0 * 3600);
            assertThat(value(r, "hw.meter.event", Map.of("event", "power_failure"))).isEqualTo(1);
            assertThat(value(r, "hw.meter.event", Map.of("event", "over_current"))).isEqualTo(1);
            assertThat(value(r, "hw.meter.event", Map.of("event", "under_voltage"))).isEqualTo(0);
            assertThat(r.readings()).allSatisfy(x -> assertThat(x.attributes()).containsAllEntriesOf(Map.of(
                    "hw.vendor", "dcsuite", "hw.model", "pymodbus-meter", "hw.serial_number", "SN123",
                    "hw.firmware_version", "1.0")));
            // WphC holds 0x8000, SunSpec's "not implemented": an error, not a reading.
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.point()).isEqualTo("WphC");
                assertThat(e.kind()).isEqualTo(DriverErrorKind.DECODE);
                assertThat(e.message()).contains("not implemented").contains("0x8000");
            });
        }
    }

    @Test
    void everyTypeDecodesInAllFourLayouts() {
        Map<String, Double> expected = Map.of("int32", -123456789.0, "uint32", 3000000000.0, "float32", -1234.5,
                "int64", -1234567890123.0, "uint64", 1234567890123456.0, "float64", 3.141592653589793);
        try (DeviceSession s = new ModbusDriver().open(target(port, "modbus-it-orders"))) {
            PollResult r = s.poll();
            for (var e : expected.entrySet()) {
                for (String order : List.of("ABCD", "CDAB", "BADC", "DCBA")) {
                    assertThat(value(r, "test.value", Map.of("type", e.getKey(), "order", order)))
                            .as(e.getKey() + " " + order).isEqualTo(e.getValue());
                }
            }
        }
    }

    @Test
    void aRefusedRegisterInAMergedReadLosesOnlyItsOwnPoint() {
        try (DeviceSession s = new ModbusDriver().open(target(port, "modbus-it-orders"))) {
            PollResult r = s.poll();
            assertThat(value(r, "test.value", Map.of("type", "hole", "order", "before"))).isEqualTo(999);
            assertThat(value(r, "test.value", Map.of("type", "hole", "order", "after"))).isEqualTo(1006);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.point()).isEqualTo("in_hole");
                assertThat(e.kind()).isEqualTo(DriverErrorKind.PROTOCOL);
                assertThat(e.message()).contains("ILLEGAL_DATA_ADDRESS (2)");
            });
        }
    }

    @Test
    void mbpollReadsTheSameRawRegistersAsOurClient() throws Exception {
        requireTool("mbpoll", "-V");
        try (ModbusTcpClient client = new ModbusTcpClient(target(port, null))) {
            // Contiguous ranges: 32-bit values leave unheld registers between layouts.
            for (int[] range : new int[][] {{1004, 2}, {1060, 16}, {1080, 16}, {1100, 16}, {40000, 72},
                {40072, 107}}) {
                int[] ours = client.readRegisters(ModbusFunction.HOLDING, range[0], range[1]);
                assertThat(mbpoll(range[0], range[1])).as("registers " + range[0] + "+" + range[1])
                        .containsExactly(ours);
            }
        }
    }

    /** Holding registers as mbpoll prints them: "[address]: 0xABCD", zero-based addresses with -0. */
    private static int[] mbpoll(int address, int count) throws Exception {
        Process p = new ProcessBuilder("mbpoll", "-m", "tcp", "-a", "1", "-0", "-r", Integer.toString(address), "-c",
                Integer.toString(count), "-t", "4:hex", "-1", "-p", Integer.toString(port), "127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<Integer> values = new ArrayList<>();
        Matcher m = Pattern.compile("\\[(\\d+)\\]:\\s+0x([0-9A-Fa-f]{4})").matcher(out);
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(address + values.size());
            values.add(Integer.parseInt(m.group(2), 16));
        }
        assertThat(values).as(out).hasSize(count);
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
