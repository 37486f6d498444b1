package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.dcsuite.dashboard.security.DashboardRoles;

/** A test-only view narrower than every real one so far, to prove role checks refuse on the server. */
@Route(value = "test-admin-only", layout = MainLayout.class)
@RolesAllowed({DashboardRoles.ADMIN, DashboardRoles.FACILITY})
public final class AdminOnlyTestView extends Div {
}
