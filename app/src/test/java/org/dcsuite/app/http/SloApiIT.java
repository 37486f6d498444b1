package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.app.server.DcsuiteServer;
import org.dcsuite.app.server.ServerSettings;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/slos} on the real server over a real DuckDB store, called over HTTP with a bearer token. */
class SloApiIT {

    private static final String TOKEN = "test-token-0123456789";
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static DcsuiteServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")));
        // 100 requests a minute for a day, 1 failing: burn 10 against a 99.9% objective.
        List<Sample> samples = new ArrayList<>();
        long first = T0.toEpochMilli() / 60_000 - 1440;
        for (long m = first; m <= T0.toEpochMilli() / 60_000; m++) {
            samples.add(new Sample(SeriesKey.of("req", "code", "500"), m * 60_000, m - first));
            samples.add(new Sample(SeriesKey.of("req", "code", "200"), m * 60_000, 99.0 * (m - first)));
        }
        store.append(samples);
        Files.createDirectories(dir.resolve("config/slos"));
        Files.writeString(dir.resolve("config/slos/a.yaml"), """
                version: dcsuite/v1
                slos:
                  - name: api
                    service: shop
                    objective: 0.999
                    window: 30d
                    sli:
                      ratio: { bad: 'req{code="500"}', total: 'req' }
                """);
        server = DcsuiteServer.start(store, new ServerSettings(Clock.systemUTC(), "127.0.0.1", 0,
                List.of(Secret.of(TOKEN)), Duration.ofSeconds(5)), new EngineApis(EnergyApi.unconfigured(),
                sloApi(SloDefinitions.load(dir.resolve("config")), store)));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusesAtAGivenTime() throws Exception {
        HttpResponse<String> r = get("/api/v1/slos?at=2026-11-24T08:00:00Z", TOKEN);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject data = new JsonObject(r.body()).getJsonObject("data");
        assertThat(data.getString("at")).isEqualTo("2026-11-24T08:00:00Z");
        JsonObject slo = data.getJsonArray("slos").getJsonObject(0);
        assertThat(slo.getString("name")).isEqualTo("api");
        assertThat(slo.getJsonObject("burn_rates").getDouble("1h")).isCloseTo(10.0, within(1e-9));
        // 10 is above 6 over 6h and 30m (page) and above 3 over 1d and 2h (ticket), below 14.4 over 1h.
        assertThat(slo.getJsonArray("alerts_firing").getList()).containsExactly("page", "ticket");
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        assertThat(get("/api/v1/slos", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aBadTimeIsBadData() throws Exception {
        HttpResponse<String> r = get("/api/v1/slos?at=yesterday", TOKEN);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("bad_data");
    }

    private static SloApi sloApi(SloDefinitions definitions, TelemetryStore store) {
        return SloApi.of(definitions, new SloEngine(store, definitions), store);
    }
}
