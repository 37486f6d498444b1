package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.CRAC_ID;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.METER_ID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.Holder;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RecordingControls;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.MeterState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw registers as an independent client, libmodbus's {@code mbpoll}, reads and writes them. Skipped, loudly,
 * where mbpoll is not installed; on CI ({@code CI=true}) a missing mbpoll fails instead.
 */
class SimModbusMbpollIT {

    private static final Path MBPOLL = Path.of("/usr/bin/mbpoll");
    /** mbpoll's value lines: {@code [40000]: 	0x5375}. */
    private static final Pattern VALUE = Pattern.compile("^\\[(\\d+)\\]:\\s+(\\S+)\\s*$");

    private final Holder<CoolingState> cooling = new Holder<>(ModbusSimTestSupport.cooling());
    private final RecordingControls controls = new RecordingControls(cooling);
    private SimModbusDevice crac;
    private SimModbusDevice meter;

    private record Run(int exitCode, Map<Integer, String> values, String output) {
    }

    @BeforeAll
    static void requireMbpoll() {
        if (Files.isExecutable(MBPOLL)) {
            return;
        }
        String message = MBPOLL + " is missing (apt-get install mbpoll): the independent-client checks of the "
                + "simulator's Modbus front end did not run";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println("WARNING: SKIPPED: " + message);
        Assumptions.abort(message);
    }

    @BeforeEach
    void start() {
        crac = SimModbusDevice.startCooling(CRAC_ID, 0, cooling, controls, ProtocolFaults.NONE);
        meter = SimModbusDevice.startMeter(METER_ID, 0, new Holder<>(ModbusSimTestSupport.meter()),
                ProtocolFaults.NONE);
    }

    @AfterEach
    void stop() {
        crac.close();
        meter.close();
    }

    /** One mbpoll run with zero-based (PDU) addresses, polling once. */
    private static Run mbpoll(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(MBPOLL.toString(), "-m", "tcp", "-0", "-1", "-o", "2",
                "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("mbpoll finished").isTrue();
        Map<Integer, String> values = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = VALUE.matcher(line);
            if (m.matches()) {
                values.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return new Run(process.exitValue(), values, output);
    }

    @Test
    void cracRegistersAreTheProfilesEncodingOfTheState() throws Exception {
        CoolingState s = cooling.get();

        Run input = mbpoll(crac.port(), "-a", "1", "-t", "3", "-r", "0", "-c", "11", "127.0.0.1");
        assertThat(input.exitCode()).as(input.output()).isZero();
        assertThat(input.values()).as(input.output())
                .containsEntry(0, Long.toString(Math.round(s.supplyC() * 10)))
                .containsEntry(1, Long.toString(Math.round(s.returnC() * 10)))
                .containsEntry(2, Long.toString(Math.round(s.fanRpm())))
                // fan_failure is bit 2, compressor_fault bit 5.
                .containsEntry(10, Integer.toString(0b100100));
        // mbpoll's float default is the low word first, the profile's CDAB.
        Run power = mbpoll(crac.port(), "-a", "1", "-t", "3:float", "-r", "3", "127.0.0.1");
        assertThat(power.values()).as(power.output()).containsEntry(3, "5321.75");
        Run setpoint = mbpoll(crac.port(), "-a", "1", "-t", "4", "-r", "100", "127.0.0.1");
        assertThat(setpoint.values()).as(setpoint.output()).containsEntry(100, "180");
        Run running = mbpoll(crac.port(), "-a", "1", "-t", "1", "-r", "0", "127.0.0.1");
        assertThat(running.values()).as(running.output()).containsEntry(0, "1");
    }

    @Test
    void setpointWritesReachTheControlsAndOutOfRangeOnesAreRefused() throws Exception {
        Run ok = mbpoll(crac.port(), "-a", "1", "-t", "4", "-r", "100", "127.0.0.1", "215");
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(controls.setpoints).containsExactly(21.5);

        Run refused = mbpoll(crac.port(), "-a", "1", "-t", "4", "-r", "100", "127.0.0.1", "350");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Illegal data value");
        assertThat(controls.setpoints).containsExactly(21.5);
    }

    @Test
    void otherUnitIdsGetTheGatewayException() throws Exception {
        Run run = mbpoll(crac.port(), "-a", "2", "-t", "3", "-r", "0", "127.0.0.1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Target device failed to respond");
    }

    @Test
    void meterIsASunSpecDevice() throws Exception {
        MeterState s = ModbusSimTestSupport.meter();

        Run header = mbpoll(meter.port(), "-a", "1", "-t", "4:hex", "-r", "40000", "-c", "4", "127.0.0.1");
        assertThat(header.values()).as(header.output()).containsExactly(Map.entry(40000, "0x5375"),
                Map.entry(40001, "0x6E53"), Map.entry(40002, "0x0001"), Map.entry(40003, "0x0042"));
        Run chain = mbpoll(meter.port(), "-a", "1", "-t", "4", "-r", "40070", "-c", "2", "127.0.0.1");
        assertThat(chain.values()).as(chain.output()).containsEntry(40070, "203").containsEntry(40071, "105");
        // W, WphA-C and W_SF: powers up to 415 kW are counted in hundreds of W (W_SF 2).
        int w = ModbusSunSpecMeterMap.METER_START + ModbusSunSpecMeterMap.W;
        Run power = mbpoll(meter.port(), "-a", "1", "-t", "4", "-r", Integer.toString(w), "-c", "5", "127.0.0.1");
        assertThat(power.values()).as(power.output())
                .containsEntry(w, Long.toString(Math.round(s.powerW() / 100)))
                .containsEntry(w + 1, Long.toString(Math.round(s.phases().get(0).powerW() / 100)))
                .containsEntry(w + 4, "2");
        Run end = mbpoll(meter.port(), "-a", "1", "-t", "4:hex", "-r", "40177", "-c", "2", "127.0.0.1");
        assertThat(end.values()).as(end.output()).containsEntry(40177, "0xFFFF").containsEntry(40178, "0x0000");
    }
}
