package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DashboardUser;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.PowerRating;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.core.model.VoltageConvention;
import org.dcsuite.core.security.Role;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.dcsuite.simulator.state.PduState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theDemoHasOneDashboardUserPerRoleWithTheDocumentedPassword() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));

        assertThat(demo.dashboard().users()).extracting(DashboardUser::role).containsExactlyInAnyOrder(Role.values());
        for (DashboardUser user : demo.dashboard().users()) {
            assertThat(user.name()).isEqualTo(user.role().id());
            assertThat(user.passwordHash().matches(("demo-" + user.role().id() + "-pass").toCharArray()))
                    .as(user.name()).isTrue();
        }
    }

    @Test
    void everySnmpDeviceHasItsOwnLoopbackAddressSoItsTrapsAreMatchedToIt() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));

        var snmpHosts = demo.devices().stream().filter(d -> d.endpoint().protocol() == Protocol.SNMP)
                .map(d -> d.endpoint().host()).toList();
        assertThat(snmpHosts).isNotEmpty().doesNotHaveDuplicates().allMatch(h -> h.startsWith("127."));
    }

    @Test
    void everyDemoPduIsRatedAsTheSimulatorModelsIt() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));
        SimulatedFleet fleet = new SimulatedFleet(demo, 1, Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"),
                ZoneOffset.UTC));

        List<Device> pdus = demo.devices().stream().filter(d -> d.kind() == DeviceKind.PDU).toList();
        assertThat(pdus).isNotEmpty();
        for (Device d : pdus) {
            PowerRating rating = d.rating().orElseThrow(() -> new AssertionError(d.id() + " has no rating"));
            PduState.Phase phase = fleet.pdu(d.id()).phases().get(0);
            assertThat(rating.currentA()).as(d.id()).isEqualTo(phase.breakerRatingA());
            assertThat(rating.phases()).as(d.id()).isEqualTo(fleet.pdu(d.id()).phases().size());
            assertThat(rating.convention()).as(d.id()).isEqualTo(VoltageConvention.LINE_TO_NEUTRAL);
            assertThat(rating.voltageV()).as(d.id()).isCloseTo(phase.voltageV(), within(2.0));
        }
    }
}
