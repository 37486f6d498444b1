package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.security.CurrentUser;
import org.dcsuite.dashboard.security.DashboardPrincipal;
import org.dcsuite.dashboard.security.DashboardRoles;
import org.dcsuite.dashboard.security.DashboardSessions;
import org.dcsuite.dashboard.security.DashboardSessions.ActiveSession;

/**
 * Who may log in and who is logged in, for administrators only: the configured users with their roles (never their
 * password hashes) and the active sessions with login time and client address; an administrator can end another
 * user's session. Other roles are refused on the server, also for a typed or bookmarked URL.
 */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users & sessions · dcsuite")
@RolesAllowed(DashboardRoles.ADMIN)
public final class AdminUsersView extends VerticalLayout {

    private final DashboardContext context;
    private final DashboardSessions sessions;
    private final Grid<DashboardPrincipal> users = new Grid<>(DashboardPrincipal.class, false);
    private final Grid<ActiveSession> active = new Grid<>(ActiveSession.class, false);
    private final Span status = new Span();
    private final Optional<String> ownHandle;

    public AdminUsersView() {
        context = DashboardContext.current();
        sessions = context.sessions();
        ownHandle = sessions.handleOf(VaadinSession.getCurrent());
        setWidthFull();

        users.setId("users-grid");
        users.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        users.addColumn(DashboardPrincipal::name).setKey("user").setHeader("User").setSortable(true);
        users.addColumn(u -> u.role().id()).setKey("role").setHeader("Role").setSortable(true);
        users.setItems(context.authenticator().configuredUsers());
        users.setAllRowsVisible(true);

        active.setId("sessions-grid");
        active.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        active.addColumn(ActiveSession::user).setKey("user").setHeader("User").setSortable(true);
        active.addColumn(s -> s.role().id()).setKey("role").setHeader("Role").setSortable(true);
        active.addColumn(s -> Formats.time(Optional.of(s.since()), ViewerZone.get())).setKey("since")
                .setHeader("Logged in").setComparator(Comparator.comparing(ActiveSession::since));
        active.addColumn(ActiveSession::address).setKey("address").setHeader("Address").setSortable(true);
        active.addComponentColumn(this::endButton).setKey("end").setHeader("");
        active.setAllRowsVisible(true);
        status.setId("sessions-status");

        Paragraph note = new Paragraph("Users come from dashboard.users in dcsuite.yaml; password hashes are never "
                + "shown. Sessions are those logged in to this server; ending one logs its user out at the next "
                + "request.");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(new H2("Users & sessions"), new H3("Configured users"), users, new H3("Active sessions"), active, status,
                note);
        showSessions(sessions.active());
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), sessions::active,
                this::showSessions);
    }

    /** The sessions grid, for tests. */
    Grid<ActiveSession> sessionsGrid() {
        return active;
    }

    /** The users grid, for tests. */
    Grid<DashboardPrincipal> usersGrid() {
        return users;
    }

    private Button endButton(ActiveSession s) {
        boolean own = ownHandle.filter(s.handle()::equals).isPresent();
        Button end = new Button(own ? "This session" : "End session", e -> end(s));
        end.setId("end-session-" + s.handle());
        end.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        end.setEnabled(!own);
        return end;
    }

    /**
     * Ends a session off this session's lock (ending locks the other session), then shows the list again. The role is
     * checked again here: the button is only on this view, but an action is checked where it runs.
     */
    private void end(ActiveSession s) {
        Optional<DashboardPrincipal> admin = CurrentUser.get().filter(p -> p.role().id().equals(DashboardRoles.ADMIN));
        if (admin.isEmpty()) {
            status.setText("Only an administrator can end sessions.");
            return;
        }
        UI ui = UI.getCurrent();
        Instant at = context.clock().instant();
        context.refresher().execute(() -> {
            boolean ended = sessions.end(s.handle(), admin.get().name());
            List<ActiveSession> now = sessions.active();
            ui.access(() -> {
                status.setText(ended ? "Ended the session of " + s.user() + " from " + s.address() + " at "
                        + Formats.time(Optional.of(at), ViewerZone.get()) + "."
                        : "That session had already ended.");
                showSessions(now);
            });
        });
    }

    private void showSessions(List<ActiveSession> now) {
        active.setItems(now);
    }
}
