package org.dcsuite.dashboard.views;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.ChartService;
import org.dcsuite.dashboard.data.CoolingService;
import org.dcsuite.dashboard.data.DeviceHealthService;
import org.dcsuite.dashboard.data.EnergyViewService;
import org.dcsuite.dashboard.data.ExploreService;
import org.dcsuite.dashboard.data.FleetService;
import org.dcsuite.dashboard.data.RackService;
import org.dcsuite.dashboard.data.ServerService;
import org.dcsuite.dashboard.data.SiteService;
import org.dcsuite.dashboard.data.SloBoardService;
import org.dcsuite.dashboard.security.CurrentUser;
import org.dcsuite.dashboard.security.DashboardAuthenticator;
import org.dcsuite.dashboard.security.DashboardPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browserless view tests: the dashboard's real routes, access control and services over a real DuckDB store holding
 * {@link TestFleet#samples}, in Karibu's mocked Vaadin environment.
 */
abstract class KaribuTestBase {

    /** When the test samples were taken; the clock stands a few seconds later. */
    static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    /** Short, so live-refresh tests see a refresh soon; they poll with a deadline, never sleep a fixed time. */
    static final Duration REFRESH = Duration.ofMillis(100);

    @TempDir
    Path dir;
    TelemetryStore store;
    MutableClock clock;
    DashboardContext context;
    private ScheduledExecutorService refresher;

    @BeforeEach
    void setUpVaadin() {
        store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("views.duckdb")));
        store.append(TestFleet.samples(T));
        clock = new MutableClock(T.plusSeconds(5));
        refresher = Executors.newSingleThreadScheduledExecutor();
        var config = config();
        SiteService sites = new SiteService(config.sites(), store, clock);
        context = new DashboardContext(new FleetService(config.sites(), store, clock),
                new DeviceHealthService(config.sites(), store, clock), sites,
                new RackService(config.sites(), sites, store, clock), new ChartService(config.sites(), store, clock),
                new CoolingService(config.sites(), store, clock), new ServerService(config.sites(), store, clock),
                new ExploreService(store),
                new DashboardAuthenticator(TestFleet.users(), clock), clock, true, TelemetryBus.noop(), refresher,
                REFRESH, energy(), slos());
        Set<Class<? extends Component>> views = new HashSet<>(DashboardRoutes.VIEWS);
        views.add(AdminOnlyTestView.class);
        MockVaadin.setup(new Routes(views, new HashSet<>(), true), () -> {
            VaadinService.getCurrent().getContext().setAttribute(DashboardContext.class, context);
            return new UI();
        });
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        context.close();
        store.close();
    }

    /** The fleet the views are built over: {@link TestFleet#config()} unless a test needs more devices. */
    DcsuiteConfig config() {
        return TestFleet.config();
    }

    /** The energy views' reports: none unless a test configures energy for the fleet's sites. */
    EnergyViewService energy() {
        return EnergyViewService.unconfigured(clock);
    }

    /** The SLO views' figures: no SLOs unless a test defines some over {@link #store}. */
    SloBoardService slos() {
        return SloBoardService.unconfigured(clock);
    }

    /** Logs in without the login form, for tests about views rather than login. */
    static void loginAs(Role role) {
        CurrentUser.login(new DashboardPrincipal(role.id(), role));
    }
}
