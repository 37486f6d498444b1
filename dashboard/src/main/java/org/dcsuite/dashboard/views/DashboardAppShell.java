package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Page-wide settings: server push for live values, the Lumo theme, and dark as the first color scheme because the
 * dashboard mostly runs on NOC screens ({@link MainLayout} switches per session).
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet(DashboardAppShell.STYLESHEET)
@ColorScheme(ColorScheme.Value.DARK)
public final class DashboardAppShell implements AppShellConfigurator {

    /** The dashboard's own rules (inlet colours), served from this jar's {@code META-INF/resources}. */
    static final String STYLESHEET = "dcsuite/dashboard.css";
}
