package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFleetTest {

    @Test
    void aLoadedConfigurationWithMissingPiecesStillGivesALivingFleet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.createDirectories(dir.resolve("sites"));
        // No UPS, no cooling unit, a rack with one unlabelled PDU: feed A by default, PSU 2 left unplugged.
        Files.writeString(dir.resolve("sites/edge.yaml"), """
                version: dcsuite/v1
                site:
                  id: edge
                  time_zone: America/New_York
                  devices:
                    - { id: edge-meter, kind: meter, endpoint: "modbus://127.0.0.1:1502?unit=1" }
                  rooms:
                    - id: closet
                      racks:
                        - id: r1
                          devices:
                            - { id: edge-pdu, kind: pdu, endpoint: "snmp://127.0.0.1:1161" }
                            - { id: edge-srv-1, kind: server, endpoint: "redfish://127.0.0.1:8001" }
                            - { id: edge-srv-2, kind: server, endpoint: "redfish://127.0.0.1:8002" }
                """);
        DcsuiteConfig config = ConfigLoader.load(dir);
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(config, 1, clock);
        clock.advance(Duration.ofHours(6));

        assertThat(fleet.deviceIds()).containsExactlyInAnyOrder("edge-meter", "edge-pdu", "edge-srv-1", "edge-srv-2");
        assertThat(fleet.kind("edge-pdu")).contains(DeviceKind.PDU);
        ServerState server = fleet.server("edge-srv-2");
        assertThat(server.powerState()).isEqualTo(ServerState.PowerState.ON);
        assertThat(server.psus().get(1).powered()).isFalse();
        assertThat(server.inletC()).isBetween(21.0, 24.0);
        double it = fleet.pdu("edge-pdu").powerW();
        // Without UPS and cooling the meter sees the IT load plus the building's other loads.
        assertThat(fleet.meter("edge-meter").powerW()).isEqualTo(it + fleet.otherPowerW("edge"));
        assertThat(fleet.pdu("edge-pdu").energyJ()).isPositive();
    }
}
