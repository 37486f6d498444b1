package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.target;
import static org.dcsuite.drivers.modbus.ModbusTestSupport.value;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.util.Map;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The water and heat meter profiles read from j2mod's own Modbus TCP slave holding known register values. */
class ModbusFacilityMeterProfilesTest {

    private ModbusSlave slave;

    /** Starts a slave whose input registers 0.. hold {@code registers}, and returns its port. */
    private int serve(int... registers) throws Exception {
        SimpleProcessImage image = new SimpleProcessImage();
        for (int v : registers) {
            image.addInputRegister(new SimpleInputRegister(v));
        }
        int port = ModbusTestSupport.freePort();
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(1, image);
        slave.open();
        return port;
    }

    @AfterEach
    void stop() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
        }
    }

    @Test
    void waterMeterReadsVolumeInLitresAndFlowInLitresPerHour() throws Exception {
        long decilitres = 0x0001_86A5L; // 100,005 x 0.1 L
        int port = serve((int) (decilitres >>> 16), (int) (decilitres & 0xFFFF), 463);

        try (DeviceSession s = new ModbusDriver().open(target(port, "generic-water-meter"))) {
            PollResult r = s.poll();

            assertThat(r.errors()).isEmpty();
            assertThat(value(r, "facility.water", Map.of())).isCloseTo(decilitres / 10.0, within(1e-9));
            assertThat(value(r, "facility.water.flow", Map.of())).isCloseTo(46.3, within(1e-9));
            Reading volume = reading(r, "facility.water");
            assertThat(volume.unit()).isEqualTo(Unit.LITER);
            assertThat(volume.kind()).isEqualTo(MetricKind.COUNTER);
        }
    }

    @Test
    void heatMeterReadsWattHoursAsJoulesAndPowerInWatts() throws Exception {
        long wattHours = 3_000_001L; // above 65535: both words of the uint32 count
        long watts = 70_123L;
        int port = serve((int) (wattHours >>> 16), (int) (wattHours & 0xFFFF), (int) (watts >>> 16),
                (int) (watts & 0xFFFF));

        try (DeviceSession s = new ModbusDriver().open(target(port, "generic-heat-meter"))) {
            PollResult r = s.poll();

            assertThat(r.errors()).isEmpty();
            assertThat(value(r, "facility.heat.energy", Map.of())).isEqualTo(wattHours * 3600.0);
            assertThat(value(r, "facility.heat.power", Map.of())).isEqualTo((double) watts);
            Reading energy = reading(r, "facility.heat.energy");
            assertThat(energy.unit()).isEqualTo(Unit.JOULE);
            assertThat(energy.kind()).isEqualTo(MetricKind.COUNTER);
            assertThat(reading(r, "facility.heat.power").unit()).isEqualTo(Unit.WATT);
        }
    }

    private static Reading reading(PollResult r, String metric) {
        return r.readings().stream().filter(x -> x.metric().equals(metric)).findFirst().orElseThrow();
    }
}
