package org.dcsuite.simulator.traffic;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link TrafficPlan}: each service of each site is an OpenTelemetry SDK tracer provider whose resource
 * carries {@code service.name} and {@code dcsuite.site}, exporting its spans over OTLP/HTTP protobuf as an
 * instrumented application does. {@link #playUntil} writes the requests that started up to an instant (tests drive
 * it with their own clock); {@link #playLive} does so every second from a daemon thread.
 */
public final class TrafficGenerator implements AutoCloseable {

    /** The resource attribute the OTLP receiver turns into the {@code site} label. */
    public static final String SITE_ATTRIBUTE = "dcsuite.site";
    /** How often live play writes the requests that started meanwhile. */
    public static final Duration LIVE_TICK = Duration.ofSeconds(1);
    /**
     * Spans waiting for export per service. A few seconds of a busy service are a few hundred spans; the room is for
     * a test playing minutes at once, which the SDK's default (2048) would drop silently.
     */
    static final int QUEUE_SIZE = 65_536;
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final String SCOPE = "org.dcsuite.simulator.traffic";
    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);

    private final List<ServicePlayer> players = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private ScheduledExecutorService ticker;

    /** One service at one site: where its requests come from and where its spans go. */
    private record ServicePlayer(ServiceTrafficSource source, SdkTracerProvider provider, Tracer tracer) {
    }

    TrafficGenerator(TrafficPlan plan, Map<String, ZoneId> zones, long seed, Instant start,
            Function<Resource, SpanProcessor> processors) {
        for (SiteTraffic site : plan.sites()) {
            ZoneId zone = Objects.requireNonNull(zones.get(site.site()), () -> "no time zone for site " + site.site());
            for (ServiceTraffic service : site.services()) {
                Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), service.name(),
                        AttributeKey.stringKey(SITE_ATTRIBUTE), site.site())));
                SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                        .addSpanProcessor(processors.apply(resource)).build();
                players.add(new ServicePlayer(new ServiceTrafficSource(site.site(), service, plan, zone, seed, start),
                        provider, provider.get(SCOPE)));
            }
        }
    }

    /**
     * A generator exporting to an OTLP/HTTP traces endpoint ({@code http://127.0.0.1:4318/v1/traces}), whose first
     * requests start after {@code start}. Nothing is played until {@link #playUntil} or {@link #playLive}.
     *
     * @param zones the time zone of every site of the plan, for the daily swing
     */
    public static TrafficGenerator exportingTo(URI endpoint, TrafficPlan plan, Map<String, ZoneId> zones, long seed,
            Instant start) {
        String url = endpoint.toString();
        return new TrafficGenerator(plan, zones, seed, start, resource -> BatchSpanProcessor.builder(
                OtlpHttpSpanExporter.builder().setEndpoint(url).setTimeout(EXPORT_TIMEOUT).build())
                .setMaxQueueSize(QUEUE_SIZE).build());
    }

    /** Writes the spans of every request that started before {@code until} and was not written yet. */
    public synchronized void playUntil(Instant until) {
        for (ServicePlayer p : players) {
            String service = p.source().service().name();
            for (SimulatedRequest r : p.source().requestsUntil(until)) {
                TrafficSpanWriter.write(p.tracer(), service, r);
                requests.incrementAndGet();
                if (r.failed()) {
                    failed.incrementAndGet();
                }
            }
        }
    }

    /** Plays up to the clock's time every {@link #LIVE_TICK} from a daemon thread, until {@link #close()}. */
    public synchronized void playLive(Clock clock) {
        if (ticker != null) {
            throw new IllegalStateException("the traffic generator is already playing live");
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("dcsuite-demo-traffic")
                .daemon().unstarted(r));
        ticker.scheduleAtFixedRate(() -> {
            try {
                playUntil(clock.instant());
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again; one bad tick must not end the traffic.
                LOG.warn("demo traffic: a tick failed", e);
            }
        }, 0, LIVE_TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exports what is queued; true when every service's export succeeded within the timeout. */
    public boolean flush(Duration timeout) {
        List<CompletableResultCode> results = players.stream().map(p -> p.provider().forceFlush()).toList();
        return CompletableResultCode.ofAll(results).join(timeout.toMillis(), TimeUnit.MILLISECONDS).isSuccess();
    }

    /** The requests written so far. */
    public long requests() {
        return requests.get();
    }

    /** The failed requests (HTTP 5xx) written so far. */
    public long failedRequests() {
        return failed.get();
    }

    /** The number of simulated services, one tracer provider each. */
    public int services() {
        return players.size();
    }

    /** Stops live play, exports what is queued (bounded in time) and shuts the exporters down. */
    @Override
    public void close() {
        synchronized (this) {
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
            }
        }
        List<CompletableResultCode> results = players.stream().map(p -> p.provider().shutdown()).toList();
        if (!CompletableResultCode.ofAll(results).join(EXPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isSuccess()) {
            LOG.warn("demo traffic: some spans could not be exported at shutdown");
        }
    }
}
