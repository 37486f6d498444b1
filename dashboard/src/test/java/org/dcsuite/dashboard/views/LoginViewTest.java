package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LoginFormKt._login;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.login.LoginForm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dcsuite.core.security.Role;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.security.CurrentUser;
import org.junit.jupiter.api.Test;

class LoginViewTest extends KaribuTestBase {

    @Test
    void anAnonymousUserIsSentToLogin() {
        UI.getCurrent().navigate(FleetView.class);
        expectView(LoginView.class);
        UI.getCurrent().navigate("devices");
        expectView(LoginView.class);
    }

    @Test
    void theRightPasswordOpensTheFleetViewAndTheSessionKnowsTheRole() {
        UI.getCurrent().navigate(LoginView.class);
        _login(_get(LoginForm.class), "sre", TestFleet.password(Role.SRE));
        expectView(FleetView.class);
        assertThat(CurrentUser.get()).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("sre");
            assertThat(p.role()).isEqualTo(Role.SRE);
        });
        assertThat(_get(com.vaadin.flow.component.html.Span.class, s -> s.withId("current-user")).getText())
                .isEqualTo("sre (sre)");
    }

    @Test
    void afterLoginTheBookmarkedViewOpens() {
        UI.getCurrent().navigate("devices");
        expectView(LoginView.class);
        _login(_get(LoginForm.class), "viewer", TestFleet.password(Role.VIEWER));
        expectView(DevicesView.class);
    }

    @Test
    void aWrongPasswordShowsAnErrorAndLogsNobodyIn() {
        UI.getCurrent().navigate(LoginView.class);
        LoginForm form = _get(LoginForm.class);
        _login(form, "admin", "not-the-password");
        expectView(LoginView.class);
        assertThat(form.isError()).isTrue();
        assertThat(CurrentUser.get()).isEmpty();
    }

    @Test
    void repeatedFailuresLockTheUserEvenWithTheRightPasswordAndTheLogHasNoPassword() {
        UI.getCurrent().navigate(LoginView.class);
        LoginForm form = _get(LoginForm.class);
        String log = captureStandardError(() -> {
            for (int i = 0; i < 5; i++) {
                _login(form, "facility", "guess-" + i + "-secret");
            }
            _login(form, "facility", TestFleet.password(Role.FACILITY));
        });
        expectView(LoginView.class);
        assertThat(CurrentUser.get()).isEmpty();
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).errorMessage()).startsWith("Too many failed attempts");
        assertThat(log).contains("dashboard login failed for user 'facility'", "dashboard login refused for user "
                + "'facility'", "locked for");
        assertThat(log).doesNotContain("secret", TestFleet.password(Role.FACILITY));
    }

    @Test
    void theLockEndsAfterItsTime() {
        UI.getCurrent().navigate(LoginView.class);
        LoginForm form = _get(LoginForm.class);
        for (int i = 0; i < 5; i++) {
            _login(form, "oncall", "wrong");
        }
        clock.advance(java.time.Duration.ofMinutes(1));
        _login(form, "oncall", TestFleet.password(Role.ONCALL));
        expectView(FleetView.class);
    }

    @Test
    void theDemoBannerSaysTheCredentialsArePublic() {
        UI.getCurrent().navigate(LoginView.class);
        assertThat(_get(Div.class, s -> s.withId("demo-banner")).getText()).contains("public demo credentials");
    }

    @Test
    void logoutEndsTheSession() {
        loginAs(Role.ADMIN);
        UI.getCurrent().navigate(FleetView.class);
        expectView(FleetView.class);
        _click(_get(Button.class, s -> s.withId("logout")));
        assertThat(CurrentUser.get()).isEmpty();
        UI.getCurrent().navigate(FleetView.class);
        expectView(LoginView.class);
    }

    private static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
