package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.getCurrentView;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.HasErrorParameter;
import java.util.Arrays;
import java.util.List;
import org.dcsuite.core.security.Role;
import org.dcsuite.dashboard.security.DashboardRoles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The role matrix of the module README, checked on the server for every view. */
class AccessControlTest extends KaribuTestBase {

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleOpensFleetAndDevices(Role role) {
        loginAs(role);
        UI.getCurrent().navigate("");
        expectView(FleetView.class);
        UI.getCurrent().navigate("fleet");
        expectView(FleetView.class);
        UI.getCurrent().navigate("devices");
        expectView(DevicesView.class);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleOpensSiteRackCoolingAndServers(Role role) {
        loginAs(role);
        UI.getCurrent().navigate("sites/lyon");
        expectView(SiteView.class);
        UI.getCurrent().navigate("sites/lyon/racks/r01");
        expectView(RackView.class);
        UI.getCurrent().navigate("sites/lyon/cooling");
        expectView(CoolingView.class);
        UI.getCurrent().navigate("sites/lyon/servers");
        expectView(ServersView.class);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SRE", "ONCALL", "VIEWER"})
    void aNarrowerViewIsRefusedToOtherRoles(Role role) {
        loginAs(role);
        UI.getCurrent().navigate(AdminOnlyTestView.class);
        assertThat(getCurrentView()).isNotEqualTo(AdminOnlyTestView.class);
        assertThat(HasErrorParameter.class).isAssignableFrom(getCurrentView());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "FACILITY"})
    void aNarrowerViewOpensForItsRoles(Role role) {
        loginAs(role);
        UI.getCurrent().navigate(AdminOnlyTestView.class);
        expectView(AdminOnlyTestView.class);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleOpensExplore(Role role) {
        loginAs(role);
        UI.getCurrent().navigate("explore");
        expectView(ExploreView.class);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SRE", "ONCALL", "FACILITY", "VIEWER"})
    void usersAndSessionsIsRefusedToEveryRoleButAdmin(Role role) {
        loginAs(role);
        UI.getCurrent().navigate("");
        assertThat(navigationLabels()).contains("Explore").doesNotContain("Users & sessions");
        UI.getCurrent().navigate("admin/users");
        assertThat(getCurrentView()).isNotEqualTo(AdminUsersView.class);
        assertThat(HasErrorParameter.class).isAssignableFrom(getCurrentView());
    }

    @Test
    void usersAndSessionsOpensForAdminAndIsInItsNavigation() {
        loginAs(Role.ADMIN);
        UI.getCurrent().navigate("admin/users");
        expectView(AdminUsersView.class);
        assertThat(navigationLabels()).contains("Explore", "Users & sessions");
    }

    private static List<String> navigationLabels() {
        return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    void roleConstantsEqualTheConfigurationNames() {
        assertThat(Arrays.stream(Role.values()).map(Role::id)).containsExactly(DashboardRoles.ADMIN,
                DashboardRoles.SRE, DashboardRoles.ONCALL, DashboardRoles.FACILITY, DashboardRoles.VIEWER);
    }
}
