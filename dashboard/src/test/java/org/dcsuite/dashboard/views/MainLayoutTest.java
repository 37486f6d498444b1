package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.page.ColorScheme;
import org.dcsuite.core.security.Role;
import org.junit.jupiter.api.Test;

class MainLayoutTest extends KaribuTestBase {

    @Test
    void darkByDefaultAndTheChoiceIsRememberedForTheSession() {
        loginAs(Role.FACILITY);
        UI.getCurrent().navigate(FleetView.class);
        Button toggle = _get(Button.class, s -> s.withId("theme-toggle"));
        assertThat(toggle.getText()).isEqualTo("Light theme");
        assertThat(UI.getCurrent().getPage().getColorScheme()).isEqualTo(ColorScheme.Value.DARK);
        _click(toggle);
        assertThat(UI.getCurrent().getPage().getColorScheme()).isEqualTo(ColorScheme.Value.LIGHT);
        UI.getCurrent().navigate(DevicesView.class);
        expectView(DevicesView.class);
        assertThat(_get(Button.class, s -> s.withId("theme-toggle")).getText()).isEqualTo("Dark theme");
    }

    @Test
    void showsTheUserAndRoleAndTheLiveStatus() {
        loginAs(Role.FACILITY);
        UI.getCurrent().navigate(DevicesView.class);
        assertThat(_get(Span.class, s -> s.withId("current-user")).getText()).isEqualTo("facility (facility)");
        assertThat(_get(Span.class, s -> s.withId("live-status")).getText()).isEqualTo("live: no samples received yet");
    }
}
