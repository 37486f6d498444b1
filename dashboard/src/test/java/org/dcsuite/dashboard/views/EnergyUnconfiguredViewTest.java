package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import org.dcsuite.core.security.Role;
import org.dcsuite.dashboard.data.EnergyViewService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Without energy/*.yaml the energy views open for every role and say how to configure energy. */
class EnergyUnconfiguredViewTest extends KaribuTestBase {

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleOpensTheEnergyViews(Role role) {
        loginAs(role);
        UI.getCurrent().navigate("energy");
        expectView(EnergyView.class);
        UI.getCurrent().navigate("energy/lyon");
        expectView(EnergySiteView.class);
    }

    @Test
    void theViewsSayHowToConfigureEnergy() {
        loginAs(Role.VIEWER);
        UI.getCurrent().navigate("energy");
        assertThat(_size(_get(EnergyView.class).grid())).isZero();
        assertThat(_get(Paragraph.class, s -> s.withId("energy-problem")).getText())
                .isEqualTo(EnergyViewService.NOT_CONFIGURED);
        UI.getCurrent().navigate("energy/lyon");
        assertThat(_get(Paragraph.class, s -> s.withId("energy-site-problems")).getText())
                .isEqualTo(EnergyViewService.NOT_CONFIGURED);
    }
}
