package org.dcsuite.dashboard;

import com.vaadin.flow.server.VaadinService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.dcsuite.core.bus.TelemetryBus;
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
import org.dcsuite.dashboard.security.DashboardAuthenticator;
import org.dcsuite.dashboard.security.DashboardSessions;

/**
 * What views need from the running server, kept as an attribute of the Vaadin context because Vaadin creates views
 * by reflection and this module has no dependency-injection container. One instance per {@link DashboardServer}.
 */
public final class DashboardContext implements AutoCloseable {

    /** How often views reload their numbers: often enough for a NOC screen, cheap enough for many open screens. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private final FleetService fleet;
    private final DeviceHealthService devices;
    private final SiteService sites;
    private final RackService racks;
    private final ChartService charts;
    private final CoolingService cooling;
    private final ServerService servers;
    private final ExploreService explore;
    private final EnergyViewService energy;
    private final SloBoardService slos;
    private final DashboardSessions sessions = new DashboardSessions();
    private final DashboardAuthenticator authenticator;
    private final Clock clock;
    private final boolean demoCredentials;
    private final ScheduledExecutorService refresher;
    private final Duration refreshInterval;
    private final AtomicReference<Instant> lastSampleBatch = new AtomicReference<>();
    private final TelemetryBus.Subscription subscription;

    /**
     * @param refresher       runs the views' periodic refreshes (store reads happen there, never under a UI lock);
     *                        shut down with this context
     * @param refreshInterval how often views reload, {@link #DEFAULT_REFRESH_INTERVAL} unless a test is impatient
     * @param energy          the energy views' reports ({@link EnergyViewService#unconfigured} without energy/*.yaml)
     * @param slos            the SLO views' figures ({@link SloBoardService#unconfigured} without slos/*.yaml)
     */
    public DashboardContext(FleetService fleet, DeviceHealthService devices, SiteService sites, RackService racks,
            ChartService charts, CoolingService cooling, ServerService servers, ExploreService explore,
            DashboardAuthenticator authenticator,
            Clock clock, boolean demoCredentials, TelemetryBus bus, ScheduledExecutorService refresher,
            Duration refreshInterval, EnergyViewService energy, SloBoardService slos) {
        this.slos = Objects.requireNonNull(slos, "slos");
        this.energy = Objects.requireNonNull(energy, "energy");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.sites = Objects.requireNonNull(sites, "sites");
        this.racks = Objects.requireNonNull(racks, "racks");
        this.charts = Objects.requireNonNull(charts, "charts");
        this.cooling = Objects.requireNonNull(cooling, "cooling");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.explore = Objects.requireNonNull(explore, "explore");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.demoCredentials = demoCredentials;
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.toMillis() < 1) {
            throw new IllegalArgumentException("refresh interval must be at least 1 ms, got " + refreshInterval);
        }
        this.subscription = bus.subscribeSamples(batch -> lastSampleBatch.set(clock.instant()));
    }

    /** The context of the Vaadin service handling the current request or UI access. */
    public static DashboardContext current() {
        VaadinService service = VaadinService.getCurrent();
        DashboardContext context = service == null ? null : service.getContext().getAttribute(DashboardContext.class);
        if (context == null) {
            throw new IllegalStateException("no DashboardContext is installed in this Vaadin service");
        }
        return context;
    }

    public FleetService fleet() {
        return fleet;
    }

    public DeviceHealthService devices() {
        return devices;
    }

    public SiteService sites() {
        return sites;
    }

    public RackService racks() {
        return racks;
    }

    public ChartService charts() {
        return charts;
    }

    public CoolingService cooling() {
        return cooling;
    }

    public ServerService servers() {
        return servers;
    }

    public ExploreService explore() {
        return explore;
    }

    public EnergyViewService energy() {
        return energy;
    }

    public SloBoardService slos() {
        return slos;
    }

    /** Who is logged in now, for the admin view. */
    public DashboardSessions sessions() {
        return sessions;
    }

    public DashboardAuthenticator authenticator() {
        return authenticator;
    }

    public Clock clock() {
        return clock;
    }

    /** Whether the login page shows the demo-credentials banner. */
    public boolean demoCredentials() {
        return demoCredentials;
    }

    public ScheduledExecutorService refresher() {
        return refresher;
    }

    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** When the live bus last delivered samples; empty when nothing arrived since start-up. */
    public Optional<Instant> lastSampleBatch() {
        return Optional.ofNullable(lastSampleBatch.get());
    }

    @Override
    public void close() {
        subscription.close();
        refresher.shutdownNow();
        energy.close();
    }
}
