package org.dcsuite.app.server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dcsuite.app.http.ApiAuth;
import org.dcsuite.app.http.ApiRouter;
import org.dcsuite.app.http.EngineApis;
import org.dcsuite.core.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code dcsuite run} runs: the store, the HTTP API on Vert.x, the meter registry behind
 * {@code /metrics} and the store's periodic maintenance. {@link #start} returns once the port is bound;
 * {@link #close} stops accepting requests, lets in-flight ones finish, then closes the store.
 */
public final class DcsuiteServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DcsuiteServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final HttpServer http;
    private final TelemetryStore store;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final StoreMaintenance maintenance;
    private final ServerSettings settings;
    private final String url;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private DcsuiteServer(Vertx vertx, HttpServer http, TelemetryStore store, PrometheusMeterRegistry registry,
            JvmGcMetrics gcMetrics, StoreMaintenance maintenance, ServerSettings settings) {
        this.vertx = vertx;
        this.http = http;
        this.store = store;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
        this.maintenance = maintenance;
        this.settings = settings;
        this.url = "http://" + hostForUrl(settings.bindAddress()) + ":" + http.actualPort();
    }

    /**
     * Starts serving an open store, which the server then owns: it is closed by {@link #close}, or here when
     * starting fails.
     *
     * @throws ServerStartException when the port cannot be bound
     */
    public static DcsuiteServer start(TelemetryStore store, ServerSettings settings) {
        return start(store, settings, EngineApis.none());
    }

    /** As {@link #start(TelemetryStore, ServerSettings)}, also serving the engines' endpoints. */
    public static DcsuiteServer start(TelemetryStore store, ServerSettings settings, EngineApis engines) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmGcMetrics gcMetrics = bindProcessMetrics(registry);
        Vertx vertx = null;
        try {
            MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions().setEnabled(true);
            vertx = Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(metricsOptions))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
            ApiAuth auth = new ApiAuth(settings.apiTokens());
            HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(settings.bindAddress())
                            .setPort(settings.port()))
                    .requestHandler(ApiRouter.create(vertx, store, registry, auth, settings.clock(), engines));
            await(http.listen(), START_TIMEOUT);
            StoreMaintenance maintenance = new StoreMaintenance(store, settings.clock());
            maintenance.start();
            DcsuiteServer server = new DcsuiteServer(vertx, http, store, registry, gcMetrics, maintenance, settings);
            LOG.info("dcsuite listening on {}", server.url());
            return server;
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            closeQuietly(vertx, store, gcMetrics, registry);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String where = settings.bindAddress() + ":" + settings.port();
            if (cause instanceof BindException) {
                throw new ServerStartException("cannot listen on " + where + ": " + cause.getMessage()
                        + " (is another dcsuite running? choose another port with --port)", cause);
            }
            throw new ServerStartException("cannot listen on " + where + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(vertx, store, gcMetrics, registry);
            throw new ServerStartException("interrupted while starting", e);
        }
    }

    private static JvmGcMetrics bindProcessMetrics(PrometheusMeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    /** The base URL, e.g. {@code http://0.0.0.0:8081}; the port is the bound one when 0 was asked for. */
    public String url() {
        return url;
    }

    public int port() {
        return http.actualPort();
    }

    /** The server's Vert.x, which other parts of the process (event bus, OTLP receiver) share. */
    public Vertx vertx() {
        return vertx;
    }

    /** The registry behind {@code /metrics}, where other parts of the process register their meters. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops accepting connections, waits up to the shutdown timeout for in-flight requests, stops maintenance,
     * then closes Vert.x and the store. Idempotent; a second caller waits for the first.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            Duration grace = settings.shutdownTimeout();
            LOG.info("dcsuite stopping: finishing in-flight requests (up to {}s)", grace.toSeconds());
            try {
                await(http.shutdown(grace), grace.plusSeconds(5));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
            }
            maintenance.close();
            closeQuietly(vertx, store, gcMetrics, registry);
            LOG.info("dcsuite stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(vertx, store, gcMetrics, registry);
        } finally {
            closed.countDown();
        }
    }

    private static void closeQuietly(Vertx vertx, TelemetryStore store, JvmGcMetrics gcMetrics,
            PrometheusMeterRegistry registry) {
        if (vertx != null) {
            try {
                await(vertx.close(), Duration.ofSeconds(10));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warn("Vert.x did not close cleanly: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the store failed: {}", e.toString());
        }
        gcMetrics.close();
        registry.close();
    }

    private static <T> T await(Future<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
