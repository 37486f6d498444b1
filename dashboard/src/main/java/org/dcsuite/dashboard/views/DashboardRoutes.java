package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.InternalServerError;
import com.vaadin.flow.router.RouteAccessDeniedError;
import com.vaadin.flow.router.RouteNotFoundError;
import java.util.List;

/**
 * Every view and error view of the dashboard, listed once: the embedded server registers exactly these instead of
 * scanning the class path (fast start-up, also from a fat jar), and the browserless tests register the same.
 */
public final class DashboardRoutes {

    /** Views with a {@code @Route}. */
    public static final List<Class<? extends Component>> VIEWS =
            List.of(LoginView.class, FleetView.class, DevicesView.class, SiteView.class, RackView.class,
                    CoolingView.class, ServersView.class, ExploreView.class, AdminUsersView.class, EnergyView.class,
                    EnergySiteView.class, SloListView.class, SloView.class);
    /** Vaadin's own error views: not found, access denied (shown as not found), internal error. */
    public static final List<Class<? extends Component>> ERROR_VIEWS =
            List.of(RouteNotFoundError.class, RouteAccessDeniedError.class, InternalServerError.class);

    private DashboardRoutes() {
    }
}
