package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.security.CurrentUser;
import org.dcsuite.dashboard.security.DashboardAuthenticator;
import org.dcsuite.dashboard.security.LoginResult;

/**
 * The login page. Checks the password on the server against the configured users (rate-limited), renews the
 * session id on success and returns to the page the user first asked for, or the Fleet view.
 */
@Route("login")
@PageTitle("Log in · dcsuite")
@AnonymousAllowed
public final class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /** The banner's text, shown when the server runs the bundled demo configuration. */
    static final String DEMO_BANNER = "Demo configuration: these are public demo credentials (one user per role: "
            + "admin, sre, oncall, facility, viewer; passwords in the README). Never use them on a real site.";
    static final String LOCKED_MESSAGE = "Too many failed attempts. Try again in %d s.";

    private final DashboardContext context;
    private final DashboardAuthenticator authenticator;
    private final LoginForm form = new LoginForm();
    private final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView() {
        this.context = DashboardContext.current();
        this.authenticator = context.authenticator();
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        add(new H1("dcsuite"));
        if (context.demoCredentials()) {
            Div banner = new Div(DEMO_BANNER);
            banner.setId("demo-banner");
            banner.getElement().getThemeList().add("badge warning");
            banner.getStyle().set("max-width", "32rem").set("white-space", "normal").set("padding", "0.75em");
            add(banner);
        }
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n);
        form.addLoginListener(this::login);
        add(form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo(FleetView.class);
        }
    }

    /** The error text the form shows, for tests. */
    String errorMessage() {
        return i18n.getErrorMessage().getMessage();
    }

    private void login(AbstractLogin.LoginEvent event) {
        VaadinRequest request = VaadinRequest.getCurrent();
        String address = request == null ? null : request.getRemoteAddr();
        LoginResult result = authenticator.authenticate(event.getUsername(), event.getPassword().toCharArray(),
                address);
        switch (result) {
            case LoginResult.Success success -> {
                CurrentUser.login(success.principal());
                context.sessions().opened(success.principal(), address, context.clock().instant(),
                        VaadinSession.getCurrent());
                // The stored target may carry a query string (a bookmarked chart range): keep it apart from the path.
                Location target = new Location(redirectTarget());
                UI.getCurrent().navigate(target.getPath(), target.getQueryParameters());
            }
            case LoginResult.Rejected rejected -> showError(LoginI18n.createDefault().getErrorMessage().getMessage());
            case LoginResult.Locked locked -> showError(String.format(LOCKED_MESSAGE,
                    Math.max(1, locked.retryAfter().toSeconds())));
        }
    }

    private void showError(String message) {
        i18n.getErrorMessage().setMessage(message);
        form.setI18n(i18n);
        form.setError(true);
        form.setEnabled(true);
    }

    /** The path the access control stored before sending the user here; only local paths are followed. */
    private static String redirectTarget() {
        Object stored = VaadinSession.getCurrent().getSession()
                .getAttribute(NavigationAccessControl.SESSION_STORED_REDIRECT);
        if (stored instanceof String path && !path.startsWith("/") && !path.contains("://")
                && !path.startsWith("login")) {
            return path;
        }
        return "";
    }
}
