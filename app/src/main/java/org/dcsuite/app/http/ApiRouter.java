package org.dcsuite.app.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dcsuite.app.promapi.PrometheusJson;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.dcsuite.app.promql.PromqlEvaluator;
import org.dcsuite.app.promql.PromqlExecutionException;
import org.dcsuite.app.promql.PromqlParser;
import org.dcsuite.app.promql.PromqlQuery;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: {@code /health}, {@code /metrics}, the read side of the Prometheus HTTP API ({@code query},
 * {@code query_range}, {@code series}, {@code labels}, {@code label/NAME/values}) and {@code /api/v1/events}.
 *
 * <p>Parameters are checked on the event loop (cheap); store calls and JSON rendering run through
 * {@link Vertx#executeBlocking} because the store is blocking. Every failure becomes a Prometheus error body:
 * {@code bad_data} (400) for bad parameters and queries, {@code execution} (422) for queries the store cannot
 * answer as asked, {@code unavailable} (503) when the store may recover, {@code internal} (500) otherwise,
 * never with a stack trace.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    /** The Prometheus text exposition format that {@code PrometheusMeterRegistry.scrape()} writes. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS",
            "PATCH");
    /** Any step works for one evaluation time; one second keeps the evaluator's step checks satisfied. */
    private static final Duration INSTANT_STEP = Duration.ofSeconds(1);
    /** What {@code /api/v1/events} returns without {@code start}: the last hour. */
    private static final Duration DEFAULT_EVENTS_SPAN = Duration.ofHours(1);
    private static final int MAX_EVENTS = 10_000;
    private static final SeriesSelector HEALTH_PROBE = SeriesSelector.metric("dcsuite.health.probe");

    private final Vertx vertx;
    private final TelemetryStore store;
    private final PrometheusMeterRegistry registry;
    private final ApiAuth auth;
    private final Clock clock;
    private final ApiMetrics metrics;
    private final PromqlEvaluator evaluator;
    private final EnergyApi energy;
    private final SloApi slos;

    private ApiRouter(Vertx vertx, TelemetryStore store, PrometheusMeterRegistry registry, ApiAuth auth,
            Clock clock, EngineApis engines) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new ApiMetrics(registry);
        this.evaluator = new PromqlEvaluator(store);
        this.energy = engines.energy();
        this.slos = engines.slos();
    }

    /** Builds the router serving every endpoint. */
    public static Router create(Vertx vertx, TelemetryStore store, PrometheusMeterRegistry registry, ApiAuth auth,
            Clock clock, EngineApis engines) {
        return new ApiRouter(vertx, store, registry, auth, clock, Objects.requireNonNull(engines, "engines")).router();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(this::measure);
        router.get("/health").handler(this::health);
        router.route("/metrics").handler(this::authenticate);
        router.route("/api/*").handler(this::authenticate);
        router.route("/api/*").handler(this::decodeQueryString);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get("/metrics").handler(this::scrape);
        router.route("/api/v1/query").method(HttpMethod.GET).method(HttpMethod.POST).handler(this::query);
        router.route("/api/v1/query_range").method(HttpMethod.GET).method(HttpMethod.POST).handler(this::queryRange);
        router.route("/api/v1/series").method(HttpMethod.GET).method(HttpMethod.POST).handler(this::series);
        router.route("/api/v1/labels").method(HttpMethod.GET).method(HttpMethod.POST).handler(this::labels);
        router.get("/api/v1/label/:name/values").handler(this::labelValues);
        router.get("/api/v1/events").handler(this::events);
        router.get("/api/v1/energy").handler(this::energy);
        router.get("/api/v1/slos").handler(this::slos);
        router.route("/api/*").handler(ctx -> sendError(ctx, ErrorType.NOT_FOUND,
                "unknown API endpoint " + ctx.request().path() + ": dcsuite serves /api/v1/query, "
                        + "/api/v1/query_range, /api/v1/series, /api/v1/labels, /api/v1/label/NAME/values, "
                        + "/api/v1/events, /api/v1/energy and /api/v1/slos"));
        router.errorHandler(405, ctx -> sendError(ctx, 405, ErrorType.BAD_DATA,
                "method " + ctx.request().method() + " not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> sendError(ctx, 413, ErrorType.BAD_DATA,
                "request body larger than " + MAX_BODY_BYTES + " bytes"));
        router.errorHandler(400, ctx -> sendError(ctx, ErrorType.BAD_DATA, "bad request"));
        router.errorHandler(500, ctx -> fail(ctx, ctx.failure() == null ? new IllegalStateException("no cause")
                : ctx.failure()));
        return router;
    }

    private void measure(RoutingContext ctx) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        ctx.addEndHandler(ar -> metrics.request(path, KNOWN_METHODS.contains(method) ? method : "other",
                ctx.response().getStatusCode(), System.nanoTime() - start));
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        if (auth.accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"dcsuite\"");
        sendError(ctx, ErrorType.UNAUTHORIZED,
                "missing or wrong bearer token: send 'Authorization: Bearer TOKEN' with a token from the "
                        + "configuration (http.api_tokens) or the api-token file");
    }

    // Decoding a malformed query string (a lone '%') throws; do it here so it becomes a 400, not a 500.
    private void decodeQueryString(RoutingContext ctx) {
        try {
            ctx.request().params();
        } catch (IllegalArgumentException e) {
            sendError(ctx, ErrorType.BAD_DATA, "malformed query string: " + e.getMessage());
            return;
        }
        ctx.next();
    }

    private void health(RoutingContext ctx) {
        String location = store.describeLocation();
        long started = System.nanoTime();
        vertx.executeBlocking(() -> {
            store.series(List.of(HEALTH_PROBE));
            return null;
        }, false).timeout(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).onComplete(ar -> {
            metrics.storeCall("health", ar.succeeded(), System.nanoTime() - started);
            JsonObject body = new JsonObject().put("status", ar.succeeded() ? "up" : "down").put("store", location);
            if (ar.failed()) {
                LOG.warn("health check: store {} failed: {}", location, ar.cause().toString());
                body.put("error", "store check failed: " + clientMessage(ar.cause()));
            }
            send(ctx, ar.succeeded() ? 200 : 503, JSON, body.encode());
        });
    }

    private void scrape(RoutingContext ctx) {
        vertx.executeBlocking(registry::scrape, false)
                .onSuccess(text -> send(ctx, 200, METRICS_CONTENT_TYPE, text))
                .onFailure(e -> fail(ctx, e));
    }

    /** An instant query: each series' value at {@code time} (default now), the last sample within the lookback. */
    private void query(RoutingContext ctx) {
        var params = ctx.request().params();
        PromqlQuery query;
        Instant at;
        try {
            String text = ApiParams.required("query", params.get("query"));
            String time = params.get("time");
            at = Instant.ofEpochMilli((time == null ? clock.instant() : ApiParams.time("time", time, clock))
                    .toEpochMilli());
            query = PromqlParser.parse(text);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "query", () -> PrometheusJson.vector(evaluator.evaluate(query, at, at, INSTANT_STEP),
                at.toEpochMilli()));
    }

    private void events(RoutingContext ctx) {
        var params = ctx.request().params();
        EventQuery query;
        try {
            Instant end = params.get("end") == null ? clock.instant() : ApiParams.time("end", params.get("end"), clock);
            Instant start = params.get("start") == null ? end.minus(DEFAULT_EVENTS_SPAN)
                    : ApiParams.time("start", params.get("start"), clock);
            if (end.isBefore(start)) {
                throw ApiException.badData("end timestamp must not be before start time");
            }
            int limit = ApiParams.limit(params.get("limit"), EventQuery.DEFAULT_LIMIT, MAX_EVENTS);
            query = EventQuery.between(start, end).limit(limit);
            if (params.get("device") != null) {
                query = query.device(params.get("device"));
            }
            if (params.get("site") != null) {
                query = query.site(params.get("site"));
            }
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        EventQuery q = query;
        blocking(ctx, "events", () -> PrometheusJson.events(store.events(q)));
    }

    private void energy(RoutingContext ctx) {
        EnergyApi.Request request;
        try {
            request = energy.parse(ctx.request().params(), clock);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "energy", () -> energy.answer(request));
    }

    private void slos(RoutingContext ctx) {
        SloApi.Request request;
        try {
            request = slos.parse(ctx.request().params(), clock);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "slos", () -> slos.answer(request));
    }

    private void queryRange(RoutingContext ctx) {
        var params = ctx.request().params();
        PromqlQuery query;
        Instant start;
        Instant end;
        Duration step;
        try {
            String text = ApiParams.required("query", params.get("query"));
            start = ApiParams.time("start", params.get("start"), clock);
            end = ApiParams.time("end", params.get("end"), clock);
            step = ApiParams.step(params.get("step"));
            ApiParams.checkRange(start, end, step);
            query = PromqlParser.parse(text);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "query_range", () -> PrometheusJson.labeledMatrix(evaluator.evaluate(query, start, end, step)));
    }

    private void series(RoutingContext ctx) {
        var params = ctx.request().params();
        List<SeriesSelector> selectors;
        try {
            List<String> match = params.getAll("match[]");
            if (match.isEmpty()) {
                throw ApiException.badData("no match[] parameter provided");
            }
            selectors = ApiParams.matchers(match);
            ApiParams.optionalTimes(params.get("start"), params.get("end"), clock);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "series", () -> PrometheusJson.labelSets(
                store.series(selectors).stream().map(SeriesInfo::series).toList()));
    }

    private void labels(RoutingContext ctx) {
        var params = ctx.request().params();
        List<SeriesSelector> selectors;
        try {
            selectors = ApiParams.matchers(params.getAll("match[]"));
            ApiParams.optionalTimes(params.get("start"), params.get("end"), clock);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "labels", () -> PrometheusJson.strings(store.labelNames(selectors)));
    }

    private void labelValues(RoutingContext ctx) {
        var params = ctx.request().params();
        String label = ctx.pathParam("name");
        List<SeriesSelector> selectors;
        try {
            if (!label.equals(SeriesKey.NAME_LABEL) && !SeriesKey.isValidAttributeName(label)) {
                throw ApiException.badData("invalid label name: \"" + label + "\"");
            }
            selectors = ApiParams.matchers(params.getAll("match[]"));
            ApiParams.optionalTimes(params.get("start"), params.get("end"), clock);
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        blocking(ctx, "label_values", () -> PrometheusJson.strings(store.labelValues(label, selectors)));
    }

    /** Runs a store call off the event loop, timing it, and answers with the JSON it renders. */
    private void blocking(RoutingContext ctx, String operation, Callable<String> work) {
        vertx.executeBlocking(() -> {
            long started = System.nanoTime();
            boolean ok = false;
            try {
                String json = work.call();
                ok = true;
                return json;
            } finally {
                metrics.storeCall(operation, ok, System.nanoTime() - started);
            }
        }, false).onSuccess(json -> send(ctx, 200, JSON, json)).onFailure(e -> fail(ctx, e));
    }

    private void fail(RoutingContext ctx, Throwable e) {
        ErrorType type = classify(e);
        if (type == ErrorType.INTERNAL) {
            LOG.error("failed serving {} {}", ctx.request().method(), ctx.request().path(), e);
        } else if (type == ErrorType.UNAVAILABLE) {
            LOG.warn("store unavailable serving {}: {}", ctx.request().path(), e.getMessage());
        }
        sendError(ctx, type, type == ErrorType.INTERNAL ? "internal error" : clientMessage(e));
    }

    static ErrorType classify(Throwable e) {
        if (e instanceof ApiException api) {
            return api.type();
        }
        if (e instanceof StoreException se) {
            return se.retryable() ? ErrorType.UNAVAILABLE : ErrorType.EXECUTION;
        }
        if (e instanceof PromqlExecutionException) {
            return ErrorType.EXECUTION;
        }
        if (e instanceof IllegalArgumentException) {
            return ErrorType.BAD_DATA;
        }
        return ErrorType.INTERNAL;
    }

    private static String clientMessage(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof StoreException ? "store: " + message : message;
    }

    private static void sendError(RoutingContext ctx, ErrorType type, String message) {
        sendError(ctx, type.httpStatus(), type, message);
    }

    private static void sendError(RoutingContext ctx, int status, ErrorType type, String message) {
        send(ctx, status, JSON, PrometheusJson.error(type, message));
    }

    private static void send(RoutingContext ctx, int status, String contentType, String body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }
}
