package org.dcsuite.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The energy views in a real headless Chromium against {@code dcsuite run} of the bundled demo (three sites, one
 * energy file each): the PUE each site shows on {@code /energy} is what {@code /api/v1/energy} computes from the store
 * over the same range, the CSV link downloads that table, and {@code /energy/edge-oslo} shows the ERF of Oslo's heat
 * reuse as the API reports it. Pages are saved as PNG under {@code target/screenshots/}.
 *
 * <p>Tolerance: the page states the exact range it computed (its caption's {@code data-start} and {@code data-end}),
 * and the API is asked for that same range, so both integrate the same minutes. They still run a moment apart, and a
 * sample of the range's last minute can reach the store in between (the collectors write in batches), which changes
 * that minute's energy. The demo has measured only a few minutes when the test runs, so one minute weighs a few
 * percent of the range's energy: for the steady demo loads that moves a ratio by less than 0.01. The values are
 * compared to 0.01, the last digit shown; anything further apart is a real disagreement.
 */
class EnergyBrowserIT {

    /** Enough for the demo's meters to have measured a few whole minutes. */
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(180);
    /** A shown ratio may differ from the API's by its last digit (see the class comment). */
    private static final double TOLERANCE = 0.01;
    private static final Pattern VALUE = Pattern.compile("^(-?\\d+\\.\\d+) \\((.+ measured)\\)$");

    @TempDir
    static Path work;

    private static DemoBrowser.Demo demo;
    private static URI ui;

    private DemoBrowser browser;
    private String testName;
    private int shots;

    @BeforeAll
    static void startDemo() throws Exception {
        DemoBrowser.requireBrowser();
        demo = DemoBrowser.startDemo(work);
        ui = demo.ui();

        // The views are compared once every site's PUE has a value: facility and IT meters both measured a minute.
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        Map<String, JsonNode> pue = Map.of();
        while (System.nanoTime() < deadline) {
            pue = kpis(fleet(Instant.now().minus(Duration.ofHours(24)), Instant.now()), "pue");
            if (!pue.isEmpty() && pue.values().stream().allMatch(k -> k.path("value").isNumber())) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(pue).as("the demo sites' PUE from /api/v1/energy").hasSize(3)
                .allSatisfy((site, k) -> assertThat(k.path("value").isNumber()).as(site + ": " + k).isTrue());
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (demo != null) {
            demo.stop();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo info) throws IOException {
        testName = info.getTestMethod().orElseThrow().getName();
        shots = 0;
        browser = new DemoBrowser(work, ui, "1600,1200");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            try {
                shot("last");
            } finally {
                browser.close();
                browser = null;
            }
        }
    }

    @Test
    void eachSitesPueIsWhatTheApiComputesForTheSameRange() throws Exception {
        browser.logInAs("facility");
        long opened = System.nanoTime();
        browser.open("/energy");
        browser.await("the energy table's three sites", () -> browser.gridRows("energy-grid").size() == 3);
        System.out.printf(Locale.ROOT, "Energy view: /energy showed its three rows %d ms after navigation%n",
                (System.nanoTime() - opened) / 1_000_000);
        Map<String, List<String>> shown;
        String[] range;
        // The caption is read before and after the table: a refresh between the two reads is retried.
        while (true) {
            range = pageRange("energy-caption");
            shown = rowsBySite("energy-grid");
            if (List.of(range).equals(List.of(pageRange("energy-caption")))) {
                break;
            }
        }
        JsonNode fleet = fleet(Instant.parse(range[0]), Instant.parse(range[1]));
        Map<String, JsonNode> pue = kpis(fleet, "pue");
        shot("energy");
        List<String> header = browser.columnHeaders("energy-grid");
        int pueColumn = header.indexOf("PUE");
        int categoryColumn = header.indexOf("PUE category");
        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(pue.keySet());
        for (var e : shown.entrySet()) {
            JsonNode api = pue.get(e.getKey());
            String text = e.getValue().get(pueColumn);
            System.out.printf(Locale.ROOT, "Energy view: %s PUE shown '%s' (%s); /api/v1/energy over %s to %s: %.6f "
                    + "(coverage %.6f)%n", e.getKey(), text, e.getValue().get(categoryColumn), range[0], range[1],
                    api.path("value").asDouble(), api.path("coverage").asDouble());
            Matcher m = VALUE.matcher(text);
            assertThat(m.matches()).as("PUE text of %s: %s", e.getKey(), text).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as("PUE of %s", e.getKey())
                    .isCloseTo(api.path("value").asDouble(), offset(TOLERANCE));
            assertThat(e.getValue().get(categoryColumn)).isEqualTo(api.path("label").asText());
        }

        // The CSV link, fetched as the browser would (same session): the table, one line per site.
        String csv = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('energy-csv').href).then(r => r.text()).then(done, e => done('' + e));
                """);
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).startsWith("site,from,to,pue_label,pue,pue_coverage,");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[0])
                .containsExactlyInAnyOrderElementsOf(pue.keySet());
    }

    @Test
    void osloShowsTheErfOfItsHeatReuse() throws Exception {
        browser.logInAs("viewer");
        browser.open("/energy/edge-oslo?range=24h");
        browser.await("Oslo's ERF", () -> browser.present("#kpi-erf"));
        browser.await("the PUE trend drawn", () -> Boolean.TRUE.equals(browser.js("""
                const c = document.querySelector('#energy-ratios-chart canvas');
                return !!c && c.width > 0;
                """)));
        String[] range;
        String summary;
        while (true) {
            range = pageRange("energy-site-caption");
            summary = summary("kpi-erf");
            if (List.of(range).equals(List.of(pageRange("energy-site-caption")))) {
                break;
            }
        }
        JsonNode report = get("/api/v1/energy?site=edge-oslo&start=" + enc(range[0]) + "&end=" + enc(range[1])
                + "&step=1h").path("data");
        JsonNode erf = null;
        for (JsonNode k : report.path("total").path("kpis")) {
            if (k.path("id").asText().equals("erf")) {
                erf = k;
            }
        }
        shot("edge-oslo");
        System.out.printf(Locale.ROOT, "Energy site view: edge-oslo '%s'; /api/v1/energy ERF %.6f (coverage %.6f)%n",
                summary, erf.path("value").asDouble(), erf.path("coverage").asDouble());
        assertThat(summary).startsWith("ERF: ");
        Matcher m = VALUE.matcher(summary.substring("ERF: ".length()));
        assertThat(m.matches()).as(summary).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(erf.path("value").asDouble(),
                offset(TOLERANCE));
        // Opening the KPI lists the meters that fed it.
        browser.driver().findElement(By.cssSelector("#kpi-erf vaadin-details-summary")).click();
        browser.await("ERF's meters",
                () -> browser.driver().findElement(By.id("kpi-erf")).getText().contains("oslo-heat"));
        assertThat(browser.driver().findElement(By.id("kpi-erf")).getText()).contains("oslo-meter");
        shot("edge-oslo-erf-meters");
        browser.js("document.getElementById('energy-figures').scrollIntoView()");
        browser.await("Oslo's energy by category", () -> browser.gridRows("energy-figures").stream()
                .anyMatch(r -> r.getFirst().equals("reused energy")));
        shot("edge-oslo-categories-and-gaps");
    }

    // ---- the browser

    /** The range a page computed its figures over: {start, end} as RFC 3339. */
    private String[] pageRange(String captionId) {
        var caption = browser.driver().findElement(By.id(captionId));
        return new String[] {caption.getDomAttribute("data-start"), caption.getDomAttribute("data-end")};
    }

    private String summary(String detailsId) {
        return (String) browser.js(
                "return document.querySelector('#' + arguments[0] + ' vaadin-details-summary').textContent.trim()",
                detailsId);
    }

    /** The rendered body rows of a vaadin-grid by the text of their first cell. */
    private Map<String, List<String>> rowsBySite(String gridId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        browser.gridRows(gridId).forEach(r -> out.put(r.getFirst(), r));
        return out;
    }

    private void shot(String page) {
        browser.screenshot("EnergyBrowserIT-" + testName, ++shots, page);
    }

    // ---- the API

    private static JsonNode fleet(Instant start, Instant end) throws Exception {
        return get("/api/v1/energy?start=" + enc(start.toString()) + "&end=" + enc(end.toString())).path("data");
    }

    /** A KPI of each site's whole range, by site id. */
    private static Map<String, JsonNode> kpis(JsonNode fleet, String id) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode site : fleet.path("sites")) {
            for (JsonNode k : site.path("total").path("kpis")) {
                if (k.path("id").asText().equals(id)) {
                    out.put(site.path("site").asText(), k);
                }
            }
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        return demo.get(pathAndQuery);
    }
}
