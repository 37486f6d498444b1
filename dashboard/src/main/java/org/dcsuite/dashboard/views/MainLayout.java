package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinSession;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.security.CurrentUser;
import org.dcsuite.dashboard.security.DashboardPrincipal;
import org.dcsuite.dashboard.security.DashboardRoles;

/**
 * The frame around every view: navigation, the user and role, how fresh the live data is, the dark/light switch
 * (remembered for the session) and logout. Open to every logged-in user; Vaadin checks a view's layout too, so
 * each view narrows with its own annotation.
 */
@PermitAll
public final class MainLayout extends AppLayout {

    /** Where logout sends the browser; a full page load, so no UI of the ended session survives. */
    static final String AFTER_LOGOUT = "login";
    private static final String THEME_ATTRIBUTE = "dcsuite.colorScheme";

    private final Span user = new Span();
    private final Span live = new Span();
    private final Button theme = new Button();
    private final DashboardContext context = DashboardContext.current();

    public MainLayout() {
        Span title = new Span("dcsuite");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        user.setId("current-user");
        live.setId("live-status");
        live.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        theme.setId("theme-toggle");
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        theme.addClickListener(e -> toggleTheme());
        Button logout = new Button("Log out", e -> logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(title, live, user, theme, logout);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(live);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Fleet", FleetView.class), new SideNavItem("Devices", DevicesView.class),
                new SideNavItem("Explore", ExploreView.class), new SideNavItem("Energy", EnergyView.class),
                new SideNavItem("SLOs", SloListView.class));
        // Shown only to the roles the view admits; the view itself is checked on the server for every navigation.
        if (CurrentUser.get().filter(p -> p.role().id().equals(DashboardRoles.ADMIN)).isPresent()) {
            nav.addItem(new SideNavItem("Users & sessions", AdminUsersView.class));
        }
        addToDrawer(nav);
        CurrentUser.get().ifPresent(this::showUser);
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), context::lastSampleBatch, this::showLiveStatus);
        showLiveStatus(context.lastSampleBatch());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        applyTheme(event.getUI(), dark());
    }

    private void showUser(DashboardPrincipal principal) {
        user.setText(principal.name() + " (" + principal.role().id() + ")");
    }

    private void showLiveStatus(Optional<Instant> lastBatch) {
        live.setText(lastBatch
                .map(t -> "live: last samples " + age(t) + " ago")
                .orElse("live: no samples received yet"));
    }

    private String age(Instant t) {
        long s = Math.max(0, Duration.between(t, context.clock().instant()).toSeconds());
        return s < 120 ? s + " s" : (s / 60) + " min";
    }

    private static boolean dark() {
        Object stored = VaadinSession.getCurrent().getAttribute(THEME_ATTRIBUTE);
        return stored == null || stored == ColorScheme.Value.DARK;
    }

    private void toggleTheme() {
        boolean dark = !dark();
        VaadinSession.getCurrent().setAttribute(THEME_ATTRIBUTE, dark ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
        applyTheme(UI.getCurrent(), dark);
    }

    private void applyTheme(UI ui, boolean dark) {
        ui.getPage().setColorScheme(dark ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
        theme.setText(dark ? "Light theme" : "Dark theme");
    }

    private static void logout() {
        UI.getCurrent().getPage().setLocation(AFTER_LOGOUT);
        CurrentUser.logout();
    }
}
