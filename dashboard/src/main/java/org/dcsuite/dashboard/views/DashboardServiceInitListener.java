package org.dcsuite.dashboard.views;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.security.DashboardAccessControl;

/**
 * Installs {@link DashboardAccessControl} on every UI, with {@link LoginView} for anonymous users. Registered
 * through {@code META-INF/services/com.vaadin.flow.server.VaadinServiceInitListener}, so the embedded server and
 * the browserless tests get the same checks.
 */
public final class DashboardServiceInitListener implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        DashboardAccessControl accessControl = new DashboardAccessControl();
        accessControl.setLoginView(LoginView.class);
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(accessControl));
        // Expired, logged-out and ended sessions leave the admin's list of active sessions.
        event.getSource().addSessionDestroyListener(destroy -> {
            DashboardContext context = destroy.getService().getContext().getAttribute(DashboardContext.class);
            if (context != null) {
                context.sessions().closed(destroy.getSession());
            }
        });
    }
}
