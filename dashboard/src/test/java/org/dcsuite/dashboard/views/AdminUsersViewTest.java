package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import org.dcsuite.core.config.DashboardUser;
import org.dcsuite.core.security.Role;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.security.DashboardPrincipal;
import org.dcsuite.dashboard.security.DashboardSessions.ActiveSession;
import org.junit.jupiter.api.Test;

/** The admin's view of configured users and active sessions: names and roles, never secrets. */
class AdminUsersViewTest extends KaribuTestBase {

    @Test
    void listsTheConfiguredUsersWithTheirRolesAndNoHash() {
        loginAs(Role.ADMIN);
        UI.getCurrent().navigate("admin/users");
        expectView(AdminUsersView.class);
        AdminUsersView view = _get(AdminUsersView.class);
        List<DashboardUser> configured = TestFleet.users();
        assertThat(_size(view.usersGrid())).isEqualTo(configured.size());
        for (int i = 0; i < configured.size(); i++) {
            String name = _getFormatted(view.usersGrid(), i, "user");
            DashboardUser user = configured.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
            assertThat(_getFormatted(view.usersGrid(), i, "role")).isEqualTo(user.role().id());
        }
        assertThat(view.usersGrid().getColumns()).extracting(c -> c.getKey()).containsExactly("user", "role");
    }

    @Test
    void showsTheActiveSessionsAndMarksItsOwn() {
        DashboardPrincipal admin = new DashboardPrincipal("admin", Role.ADMIN);
        loginAs(Role.ADMIN);
        ActiveSession own = context.sessions().opened(admin, "10.0.0.7", T, VaadinSession.getCurrent());
        UI.getCurrent().navigate("admin/users");
        AdminUsersView view = _get(AdminUsersView.class);
        assertThat(_size(view.sessionsGrid())).isEqualTo(1);
        assertThat(_getFormatted(view.sessionsGrid(), 0, "user")).isEqualTo("admin");
        assertThat(_getFormatted(view.sessionsGrid(), 0, "role")).isEqualTo("admin");
        assertThat(_getFormatted(view.sessionsGrid(), 0, "address")).isEqualTo("10.0.0.7");
        assertThat(_getFormatted(view.sessionsGrid(), 0, "since")).isEqualTo("2026-11-24 10:00:00 Z");
        // A random handle, never the session id (Karibu's mock ids are short, so "contains" would match by chance).
        assertThat(own.handle()).matches("[0-9a-f]{12}")
                .isNotEqualTo(VaadinSession.getCurrent().getSession().getId());
        Button end = (Button) _getCellComponent(view.sessionsGrid(), 0, "end");
        assertThat(end.getId()).contains("end-session-" + own.handle());
        assertThat(end.getText()).isEqualTo("This session");
        assertThat(end.isEnabled()).isFalse();
    }

    @Test
    void aClosedSessionLeavesTheListAndAnUnknownHandleEndsNothing() {
        ActiveSession s = context.sessions().opened(new DashboardPrincipal("viewer", Role.VIEWER), null, T,
                VaadinSession.getCurrent());
        assertThat(context.sessions().active()).containsExactly(s);
        assertThat(s.address()).isEqualTo("unknown");
        assertThat(context.sessions().end("no-such-handle", "admin")).isFalse();
        context.sessions().closed(VaadinSession.getCurrent());
        assertThat(context.sessions().active()).isEmpty();
    }
}
