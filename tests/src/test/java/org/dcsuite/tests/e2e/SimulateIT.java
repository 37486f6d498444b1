package org.dcsuite.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcsuite simulate} from the built jar, read through the real drivers over Modbus, SNMP and Redfish as
 * the collectors will read it, with one physical check that crosses protocols.
 */
class SimulateIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void everySimulatedDeviceAnswersItsDriverAndTheFacilityDrawsMoreThanIt() throws Exception {
        Path config = SmallFleetConfig.write(work);
        DcsuiteConfig loaded = ConfigLoader.load(config);
        try (DcsuiteProcess sim = DcsuiteProcess.start(work, "simulate", "--config", config.toString(), "--seed", "7",
                "--control-port", "0", "--token-file", work.resolve("control.token").toString())) {
            sim.awaitLine(l -> l.startsWith("dcsuite simulator running"), TIMEOUT);
            assertThat(String.join("\n", sim.stdout())).contains("site1-meter").contains("modbus://127.0.0.1:")
                    .contains("v2c community demo-public").contains("password demo-bmc");

            double itPower = 0;
            double facilityPower = 0;
            for (Device device : loaded.devices()) {
                PollResult result = poll(device);
                assertThat(result.readings()).as("readings of %s", device.id()).isNotEmpty();
                switch (device.kind()) {
                    case PDU -> itPower += total(result, "hw.power");
                    case METER -> facilityPower = result.readings().stream()
                            .filter(r -> r.metric().equals("hw.power") && !r.attributes().containsKey("phase"))
                            .mapToDouble(Reading::value).findFirst().orElseThrow();
                    case SERVER -> assertThat(result.readings()).anySatisfy(r -> {
                        assertThat(r.metric()).isEqualTo("hw.temperature");
                        assertThat(r.value()).isBetween(10.0, 60.0);
                    });
                    case COOLING -> assertThat(result.readings()).anySatisfy(r ->
                            assertThat(r.metric()).isEqualTo("hw.temperature"));
                    case UPS -> assertThat(result.readings()).anySatisfy(r ->
                            assertThat(r.metric()).isEqualTo("hw.battery.charge"));
                    default -> { }
                }
            }
            // The meter sees IT load plus UPS losses, cooling and lighting: PUE > 1 measured over the wire.
            assertThat(itPower).isPositive();
            assertThat(facilityPower).isGreaterThan(itPower);

            DcsuiteProcess.Result stopped = sim.terminate(TIMEOUT);
            assertThat(stopped.exitCode()).isIn(0, 143);
        }
    }

    /** The PDU-level total: readings of the metric without an outlet or phase attribute. */
    private static double total(PollResult result, String metric) {
        return result.readings().stream()
                .filter(r -> r.metric().equals(metric) && !r.attributes().containsKey("outlet")
                        && !r.attributes().containsKey("phase"))
                .mapToDouble(Reading::value).findFirst()
                .orElseThrow(() -> new AssertionError("no PDU total " + metric + " in " + result.readings()));
    }

    private static PollResult poll(Device device) {
        DeviceTarget target = DeviceTarget.of(device, Clock.systemUTC());
        try (DeviceSession session = DeviceDrivers.forProtocol(device.endpoint().protocol()).open(target)) {
            return session.poll();
        }
    }
}
