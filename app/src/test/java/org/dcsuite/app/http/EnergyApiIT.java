package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.app.server.DcsuiteServer;
import org.dcsuite.app.server.ServerSettings;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.config.ItCategory;
import org.dcsuite.energy.config.MeterGroup;
import org.dcsuite.energy.report.EnergyService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/energy} on the real server over a real DuckDB store, called over HTTP. */
class EnergyApiIT {

    private static final String TOKEN = "test-token-0123456789";
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static DcsuiteServer server;
    private static String base;

    @BeforeAll
    static void start() {
        TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")));
        store.describe(MetricDescriptor.gauge("facility.power", Unit.WATT));
        store.describe(MetricDescriptor.gauge("it.power", Unit.WATT));
        List<Sample> samples = new ArrayList<>();
        for (Instant t = T0.minus(Duration.ofMinutes(10)); !t.isAfter(T0.plus(Duration.ofHours(3)));
                t = t.plus(Duration.ofMinutes(1))) {
            samples.add(Sample.of(SeriesKey.of("facility.power", "site", "a"), t, 130_000));
            samples.add(Sample.of(SeriesKey.of("it.power", "site", "a"), t, 100_000));
        }
        store.append(samples);
        EnergySiteConfig a = new EnergySiteConfig(Path.of("energy/a.yaml"), "a", EnergySiteConfig.DEFAULT_MAX_GAP,
                EnergySiteConfig.DEFAULT_RESOLUTION, MeterGroup.of("facility.power{site=\"a\"}"),
                ItCategory.PDU_OUTPUT, MeterGroup.of("it.power{site=\"a\"}"), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "EUR");
        Site site = new Site("a", "A", ZoneId.of("UTC"), Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(), List.of());
        EnergyService energy = new EnergyService(List.of(a), List.of(site), store, Clock.systemUTC());
        server = DcsuiteServer.start(store, new ServerSettings(Clock.systemUTC(), "127.0.0.1", 0,
                List.of(Secret.of(TOKEN)), Duration.ofSeconds(5)), new EngineApis(EnergyApi.of(energy), SloApi.unconfigured()));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSiteReportWithSteps() throws Exception {
        HttpResponse<String> r = get("/api/v1/energy?site=a&start=2026-11-24T00:00:00Z&end=2026-11-24T02:00:00Z&step=1h");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject data = new JsonObject(r.body()).getJsonObject("data");
        JsonObject pue = data.getJsonObject("total").getJsonArray("kpis").getJsonObject(0);
        assertThat(pue.getString("label")).isEqualTo("PUE category 2 (PDU output)");
        assertThat(pue.getDouble("value")).isCloseTo(130.0 / 100, within(1e-12));
        assertThat(pue.getDouble("coverage")).isEqualTo(1.0);
        assertThat(data.getJsonArray("steps")).hasSize(2);
    }

    @Test
    void theFleetWithoutASite() throws Exception {
        HttpResponse<String> r = get("/api/v1/energy?start=2026-11-24T00:00:00Z&end=2026-11-24T01:00:00Z");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray sites = new JsonObject(r.body()).getJsonObject("data").getJsonArray("sites");
        assertThat(sites).hasSize(1);
        assertThat(sites.getJsonObject(0).getString("site")).isEqualTo("a");
    }

    @Test
    void badParametersAndUnknownSites() throws Exception {
        HttpResponse<String> noStart = get("/api/v1/energy?site=a");
        HttpResponse<String> unknown = get("/api/v1/energy?site=b&start=2026-11-24T00:00:00Z");
        HttpResponse<String> step = get("/api/v1/energy?site=a&start=2026-11-24T00:00:00Z&step=7s");

        assertThat(noStart.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("error")).contains("no energy configuration for site 'b'");
        assertThat(step.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(step.body()).getString("error")).contains("not a whole number");
    }
}
