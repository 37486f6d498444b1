package org.dcsuite.dashboard.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import java.util.Optional;

/**
 * The logged-in user of the current Vaadin session, which is the only place the login state lives, and the two
 * transitions of that state: logging in (with a fresh session id) and logging out (ending the session).
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The user of the current session; empty when nobody is logged in or no session is current. */
    public static Optional<DashboardPrincipal> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(DashboardPrincipal.class));
    }

    /**
     * Logs the principal in: the HTTP session gets a new id first, so a session id planted before the login
     * (session fixation) is worthless afterwards.
     */
    public static void login(DashboardPrincipal principal) {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
            VaadinService.reinitializeSession(request);
        }
        VaadinSession.getCurrent().setAttribute(DashboardPrincipal.class, principal);
    }

    /** Forgets the user and invalidates the HTTP session, which closes every Vaadin UI of it. */
    public static void logout() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return;
        }
        session.setAttribute(DashboardPrincipal.class, null);
        WrappedSession wrapped = session.getSession();
        if (wrapped != null) {
            wrapped.invalidate();
        }
    }
}
