package org.dcsuite.dashboard;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.server.InitParameters;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.store.TelemetryStore;
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
import org.dcsuite.dashboard.views.DashboardAppShell;
import org.dcsuite.dashboard.views.DashboardRoutes;
import org.dcsuite.energy.report.EnergyService;
import org.dcsuite.slo.SloDefinitions;
import org.eclipse.jetty.ee11.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: Vaadin in production mode on an embedded Jetty 12.1 (ee11), without Spring and without class
 * path scanning. The Vaadin start-up initializers get the dashboard's classes explicitly ({@link DashboardRoutes}),
 * so start-up takes the same short time from a fat jar as from the module's class path, and no Node runs: the
 * pre-compiled production bundle comes with the build.
 *
 * <pre>{@code
 * try (DashboardServer ui = DashboardServer.start(settings, config, store, bus)) {
 *     log.info("dashboard on http://localhost:{}/", ui.port());
 *     ...
 * }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    /** Jetty's worker threads; push connections park rather than hold a thread, so a few dozen screens fit. */
    private static final int MAX_THREADS = 64;
    /** Threads loading data for the views' periodic refresh; loads are short store reads. */
    private static final int REFRESH_THREADS = 2;

    private final Server server;
    private final DashboardContext context;
    private final int port;

    private DashboardServer(Server server, DashboardContext context, int port) {
        this.server = server;
        this.context = context;
        this.port = port;
    }

    /**
     * Starts the dashboard and returns once it accepts connections.
     *
     * @param settings where to listen, who may log in
     * @param config   the topology it shows (sites, rooms, racks, devices)
     * @param store    where the numbers come from; read, never written
     * @param bus      the live samples, for the "last samples" indicator
     * @throws IOException when the port cannot be bound or Vaadin fails to start, with the reason
     */
    public static DashboardServer start(DashboardSettings settings, DcsuiteConfig config, TelemetryStore store,
            TelemetryBus bus) throws IOException {
        return start(settings, config, store, bus, Optional.empty(), SloDefinitions.of(List.of(), List.of()));
    }

    /**
     * Starts the dashboard with the energy views' reports and the SLO views.
     *
     * @param energy the reports of the configuration's {@code energy/*.yaml}; empty when it has none
     * @param slos the configuration's {@code slos/*.yaml}, whose {@code slo.*} series the SLO views read; may be empty
     */
    public static DashboardServer start(DashboardSettings settings, DcsuiteConfig config, TelemetryStore store,
            TelemetryBus bus, Optional<EnergyService> energy, SloDefinitions slos) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(bus, "bus");
        SiteService sites = new SiteService(config.sites(), store, settings.clock());
        DashboardContext context = new DashboardContext(
                new FleetService(config.sites(), store, settings.clock()),
                new DeviceHealthService(config.sites(), store, settings.clock()), sites,
                new RackService(config.sites(), sites, store, settings.clock()),
                new ChartService(config.sites(), store, settings.clock()),
                new CoolingService(config.sites(), store, settings.clock()),
                new ServerService(config.sites(), store, settings.clock()),
                new ExploreService(store),
                new DashboardAuthenticator(settings.users(), settings.clock()),
                settings.clock(), settings.demoCredentials(), bus, refresher(),
                DashboardContext.DEFAULT_REFRESH_INTERVAL, EnergyViewService.of(energy, store, settings.clock()),
                SloBoardService.of(slos, config.sites(), store, settings.clock()));

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("dashboard-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setStopAtShutdown(false);
        server.setHandler(vaadinContext(settings, context));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            context.close();
            throw new IOException("dashboard could not start on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        int port = connector.getLocalPort();
        LOG.info("dashboard listening on http://{}:{}/ ({} users configured{})", settings.bindAddress(), port,
                settings.users().size(), settings.demoCredentials() ? ", demo credentials" : "");
        return new DashboardServer(server, context, port);
    }

    /** The bound port (the free one picked when the settings said 0). */
    public int port() {
        return port;
    }

    /** Stops accepting connections, ends the push connections and the refreshes. */
    @Override
    public void close() {
        stopQuietly(server);
        context.close();
    }

    private static ServletContextHandler vaadinContext(DashboardSettings settings, DashboardContext context)
            throws IOException {
        ServletContextHandler handler = new ServletContextHandler(ServletContextHandler.SESSIONS);
        handler.setContextPath("/");
        // Vaadin's initializers load classes through the context's class loader, which a plain handler lacks.
        handler.setClassLoader(DashboardServer.class.getClassLoader());
        handler.setBaseResource(classPathResources(handler));
        handler.getSessionHandler().setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE,
                settings.sessionTimeout().toSeconds()));
        handler.getSessionHandler().setHttpOnly(true);
        handler.setAttribute(DashboardContext.class.getName(), context);

        handler.addServletContainerInitializer(new ServletContainerInitializerHolder(
                LookupServletContainerInitializer.class, LookupInitializer.class));
        handler.addServletContainerInitializer(new ServletContainerInitializerHolder(
                RouteRegistryInitializer.class, DashboardRoutes.VIEWS.toArray(Class<?>[]::new)));
        handler.addServletContainerInitializer(new ServletContainerInitializerHolder(
                ErrorNavigationTargetInitializer.class, DashboardRoutes.ERROR_VIEWS.toArray(Class<?>[]::new)));
        handler.addServletContainerInitializer(new ServletContainerInitializerHolder(
                VaadinAppShellInitializer.class, DashboardAppShell.class));
        JakartaWebSocketServletContainerInitializer.configure(handler, null);

        ServletHolder vaadin = new ServletHolder("vaadin", VaadinServlet.class);
        vaadin.setAsyncSupported(true);
        vaadin.setInitOrder(1);
        vaadin.setInitParameter(InitParameters.SERVLET_PARAMETER_PRODUCTION_MODE, "true");
        handler.addServlet(vaadin, "/*");
        return handler;
    }

    /**
     * Every {@code META-INF/resources} folder on the class path, as the servlet specification serves them from a
     * web application's jars: Vaadin loads the Lumo style sheets and push client from there.
     */
    private static Resource classPathResources(ServletContextHandler handler) throws IOException {
        ResourceFactory factory = ResourceFactory.of(handler);
        List<Resource> roots = new ArrayList<>();
        for (URL url : Collections.list(DashboardServer.class.getClassLoader().getResources("META-INF/resources"))) {
            try {
                roots.add(factory.newResource(url.toURI()));
            } catch (URISyntaxException e) {
                throw new IOException("unreadable class path resource " + url, e);
            }
        }
        return ResourceFactory.combine(roots);
    }

    private static ScheduledExecutorService refresher() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newScheduledThreadPool(REFRESH_THREADS, r -> {
            Thread t = new Thread(r, "dashboard-refresh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("dashboard did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "DashboardServer[port=" + port + "]";
    }
}
