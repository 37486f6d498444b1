package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DashboardUser;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.core.security.Role;
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
}
