package org.dcsuite.app.http;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.app.cli.SloStatusJson;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;

/**
 * {@code GET /api/v1/slos?at=T}: every SLO's status in the JSON of {@code dcsuite slo status --format json},
 * inside the usual {@code {"status":"success","data":...}} envelope. Without {@code at} the server's engine
 * answers from its incremental state; with {@code at}, a separate engine evaluates that time from the store,
 * so looking at the past never throws the live state away.
 */
public final class SloApi {

    private final Optional<SloDefinitions> definitions;
    private final TelemetryStore store;
    private final SloEngine live;

    private SloApi(Optional<SloDefinitions> definitions, SloEngine live, TelemetryStore store) {
        this.definitions = definitions;
        this.live = live;
        this.store = store;
    }

    /**
     * @param live the server's engine, shared with its evaluation cycle so answers about the present reuse the
     *             incremental state
     */
    public static SloApi of(SloDefinitions definitions, SloEngine live, TelemetryStore store) {
        return new SloApi(Optional.of(Objects.requireNonNull(definitions, "definitions")),
                Objects.requireNonNull(live, "live"), Objects.requireNonNull(store, "store"));
    }

    /** For servers started without SLO definitions: every call says so. */
    public static SloApi unconfigured() {
        return new SloApi(Optional.empty(), null, null);
    }

    /** What a request asks for, checked on the event loop. */
    record Request(Optional<Instant> at, Instant now) {
    }

    Request parse(MultiMap params, Clock clock) {
        if (definitions.isEmpty()) {
            throw new ApiException(ErrorType.NOT_FOUND, "no SLOs are configured: start dcsuite with a "
                    + "configuration folder holding slos/*.yaml");
        }
        String at = params.get("at");
        return new Request(at == null ? Optional.empty() : Optional.of(ApiParams.time("at", at, clock)),
                clock.instant());
    }

    /** Evaluates; blocking (reads the store). */
    String answer(Request r) {
        Instant time = r.at().orElse(r.now());
        var statuses = r.at().isPresent() ? new SloEngine(store, definitions.orElseThrow()).evaluate(time)
                : live.evaluate(time);
        Instant evaluated = Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), 60_000L) * 60_000);
        return "{\"status\":\"success\",\"data\":" + SloStatusJson.write(evaluated, statuses) + "}";
    }
}
