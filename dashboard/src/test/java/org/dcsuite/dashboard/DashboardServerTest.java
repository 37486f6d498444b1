package org.dcsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server over real HTTP on 127.0.0.1: bootstrap page, production bundle, push client, Lumo. */
class DashboardServerTest {

    @TempDir
    Path dir;
    private TelemetryStore store;
    private DashboardServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")));
        DashboardSettings settings = new DashboardSettings("127.0.0.1", 0, Duration.ofMinutes(30),
                TestFleet.users(), Clock.systemUTC(), true);
        server = DashboardServer.start(settings, TestFleet.config(), store, TelemetryBus.noop());
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void servesTheLoginBootstrapPageAndTheProductionBundle() throws Exception {
        assertThat(server.port()).isPositive();
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        Matcher script = Pattern.compile("src=\"\\.?/?(VAADIN/build/[^\"]+\\.js)\"").matcher(login.body());
        assertThat(script.find()).as("bootstrap page loads the bundle: %s", login.body()).isTrue();
        HttpResponse<String> bundle = get("/" + script.group(1));
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).isNotEmpty();
    }

    @Test
    void servesLumoAndTheDashboardStyleSheetFromTheClassPath() throws Exception {
        HttpResponse<String> css = get("/lumo/lumo.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("--lumo-");
        // The chart's scripts: uPlot from its WebJar and the custom element around it.
        HttpResponse<String> uplot = get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        HttpResponse<String> chart = get("/dcsuite/chart.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("customElements.define('dcsuite-chart'");
        HttpResponse<String> own = get("/dcsuite/dashboard.css");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("inlet-above");
    }

    @Test
    void aBookmarkedViewOfAnAnonymousUserStillGetsTheBootstrapPage() throws Exception {
        HttpResponse<String> devices = get("/devices");
        assertThat(devices.statusCode()).isEqualTo(200);
        assertThat(devices.body()).contains("VAADIN/build/");
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
