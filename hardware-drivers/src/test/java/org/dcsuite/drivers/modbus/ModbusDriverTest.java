package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.target;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.value;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against j2mod's own Modbus TCP slave, which counts the read requests it serves. */
class ModbusDriverTest {

    /** A process image counting every range read, i.e. every read request the slave answers. */
    private static final class CountingImage extends SimpleProcessImage {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Register[] getRegisterRange(int offset, int count) {
            reads.incrementAndGet();
            return super.getRegisterRange(offset, count);
        }

        @Override
        public InputRegister[] getInputRegisterRange(int offset, int count) {
            reads.incrementAndGet();
            return super.getInputRegisterRange(offset, count);
        }

        @Override
        public DigitalIn[] getDigitalInRange(int offset, int count) {
            reads.incrementAndGet();
            return super.getDigitalInRange(offset, count);
        }
    }

    private final ModbusDriver driver = new ModbusDriver();
    private CountingImage image;
    private ModbusSlave slave;
    private int port;

    @BeforeEach
    void startSlave() throws Exception {
        image = new CountingImage();
        int[] input = {215, 287, 1450, 0x5000, 0x4643, 0, 0, 0, 0, 0, 0b000101};  // 12500.0 W as CDAB float32
        for (int v : input) {
            image.addInputRegister(new SimpleInputRegister(v));
        }
        for (int i = 0; i <= 100; i++) {
            image.addRegister(new SimpleRegister(i == 100 ? 220 : 0));
        }
        image.addDigitalIn(new SimpleDigitalIn(true));
        port = ModbusTestSupport.freePort();
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(1, image);
        slave.open();
    }

    @AfterEach
    void stopSlave() {
        ModbusSlaveFactory.close(slave);
    }

    @Test
    void cracPollDecodesEveryPointInThreeRequests() {
        try (DeviceSession s = driver.open(target(port, "generic-crac"))) {
            PollResult r = s.poll();
            assertThat(r.errors()).isEmpty();
            assertThat(value(r, "hw.temperature", Map.of("hw.id", "supply_air"))).isEqualTo(21.5);
            assertThat(value(r, "hw.temperature", Map.of("hw.id", "return_air"))).isEqualTo(28.7);
            assertThat(value(r, "hw.fan.speed", Map.of())).isEqualTo(1450);
            assertThat(value(r, "hw.power", Map.of("hw.id", "cooling"))).isEqualTo(12500.0);
            assertThat(value(r, "hw.temperature.setpoint", Map.of())).isEqualTo(22.0);
            assertThat(value(r, "hw.cooling.alarm", Map.of("alarm", "high_supply_temperature"))).isEqualTo(1);
            assertThat(value(r, "hw.cooling.alarm", Map.of("alarm", "high_return_temperature"))).isEqualTo(0);
            assertThat(value(r, "hw.cooling.alarm", Map.of("alarm", "fan_failure"))).isEqualTo(1);
            assertThat(value(r, "hw.cooling.running", Map.of())).isEqualTo(1);
            // input 0-10 merged across the 5-register gap, holding 100, discrete 0.
            assertThat(image.reads.get()).isEqualTo(3);
            s.poll();
            assertThat(image.reads.get()).isEqualTo(6);
        }
    }

    @Test
    void laterPollsReportNewValuesUnderUnchangedAttributes() {
        try (DeviceSession s = driver.open(target(port, "generic-crac"))) {
            PollResult first = s.poll();
            ((SimpleInputRegister) image.getInputRegister(10)).setValue(0b000010);
            PollResult second = s.poll();
            assertThat(second.errors()).isEmpty();
            assertThat(value(second, "hw.cooling.alarm", Map.of("alarm", "high_supply_temperature"))).isEqualTo(0);
            assertThat(value(second, "hw.cooling.alarm", Map.of("alarm", "high_return_temperature"))).isEqualTo(1);
            assertThat(value(second, "hw.cooling.alarm", Map.of("alarm", "fan_failure"))).isEqualTo(0);
            assertThat(second.readings()).extracting(Reading::attributes)
                    .containsExactlyElementsOf(first.readings().stream().map(Reading::attributes).toList());
        }
    }

    @Test
    void gapFillZeroSplitsTheInputRead() {
        try (DeviceSession s = driver.open(target(port, "generic-crac", Duration.ofSeconds(2), 1,
                Map.of(ModbusDriver.GAP_FILL, "0")))) {
            s.poll();
            assertThat(image.reads.get()).isEqualTo(4);
        }
    }

    @Test
    void writeWithinTheRangeReportsOldAndNewValue() throws Exception {
        try (DeviceSession s = driver.open(target(port, "generic-crac"))) {
            var result = s.control(new ControlRequest("write", "setpoint", Map.of("value", "21.5")));
            assertThat(result.message()).isEqualTo("write setpoint 22 -> 21.5 Cel");
            assertThat(image.getRegister(100).getValue()).isEqualTo(215);
        }
    }

    @Test
    void writesOutsideTheRangeOrToReadOnlyPointsAreRefused() throws Exception {
        try (DeviceSession s = driver.open(target(port, "generic-crac"))) {
            assertThatThrownBy(() -> s.control(new ControlRequest("write", "setpoint", Map.of("value", "35"))))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.CONFIG))
                    .hasMessageContaining("device 'dev-1' (modbus://127.0.0.1:" + port + ") unit 1")
                    .hasMessageEndingWith("value 35 for point 'setpoint' is outside the allowed range [15, 30] Cel");
            assertThatThrownBy(() -> s.control(new ControlRequest("write", "setpoint", Map.of("value", "warm"))))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.CONFIG));
            assertThatThrownBy(() -> s.control(new ControlRequest("write", "fan_speed", Map.of("value", "1"))))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.UNSUPPORTED))
                    .hasMessageEndingWith("point 'fan_speed' is not writable (writable points: [setpoint])");
            assertThatThrownBy(() -> s.control(new ControlRequest("reboot", "setpoint", Map.of())))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.UNSUPPORTED));
            assertThat(image.getRegister(100).getValue()).isEqualTo(220);
        }
    }

    @Test
    void withoutProfileOrSunSpecMarkerTheErrorAsksForAProfile() {
        try (DeviceSession s = driver.open(target(port, null))) {
            assertThatThrownBy(s::poll).isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.UNSUPPORTED))
                    .hasMessageEndingWith("no SunSpec marker at 40000/0/50000; give --profile (available: "
                            + "generic-crac, generic-heat-meter, generic-ups, generic-water-meter, sunspec-meter)");
        }
    }

    @Test
    void unknownOptionsAndBadValuesFailAtOpen() {
        assertThatThrownBy(() -> driver.open(target(port, "generic-crac", Duration.ofSeconds(1), 1,
                Map.of("modbus.gapfill", "3")))).isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG))
                .hasMessageEndingWith("unknown option 'modbus.gapfill' (Modbus options: modbus.gap_fill, "
                        + "modbus.max_registers)");
        assertThatThrownBy(() -> driver.open(target(port, "generic-crac", Duration.ofSeconds(1), 1,
                Map.of(ModbusDriver.MAX_REGISTERS, "200")))).hasMessageEndingWith(
                        "option modbus.max_registers must be an integer 1-125, got '200'");
        assertThatThrownBy(() -> driver.open(target(port, "no-such-profile")))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG))
                .hasMessageContaining("unknown Modbus profile 'no-such-profile'");
    }

    @Test
    void driverNamesItsProtocolAndProfiles() {
        assertThat(driver.protocol()).isEqualTo("modbus");
        assertThat(driver.profileNames()).containsExactly("generic-crac", "generic-heat-meter", "generic-ups",
                "generic-water-meter", "sunspec-meter");
    }
}
