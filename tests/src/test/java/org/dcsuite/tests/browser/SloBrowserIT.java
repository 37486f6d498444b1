package org.dcsuite.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The SLO views in a real headless Chromium against {@code dcsuite run} of the bundled demo (its facility SLOs): each
 * SLI on {@code /slos} is what {@code /api/v1/slos} computes for the same evaluation minute, and an SLO's page draws its
 * three charts. Pages are saved as PNG under {@code target/screenshots/}.
 *
 * <p>Tolerance: the page shows the {@code slo.sli} series the server's evaluation cycle wrote for minute M (it runs a
 * few seconds past M), and states M in {@code #slo-evaluated[data-evaluated]}; the API is asked for that same minute
 * ({@code ?at=M}) and evaluates it again, so both count the same minutes. They are compared to the digit shown (0.001
 * percentage points). A sample of the minute before M that reaches the store after the cycle ran (the collectors
 * write in batches) is counted by the API only, and in the demo's first minutes one minute weighs a lot; such a
 * comparison is retried at the next evaluation, at most {@link #ATTEMPTS} times, so only a lasting disagreement fails.
 */
class SloBrowserIT {

    /** The first evaluation runs at start-up, the next ones 5 s past each minute; the SLIs need a minute of data. */
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(180);
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT = Pattern.compile("^(-?\\d+\\.\\d{3}) %$");

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

        // Compared once the API gives the demo's SLOs an SLI, i.e. their inputs have a whole minute stored. Not every
        // SLO gets one (the engine may have no data for an SLO, as the page then shows "—"): the rack inlets do.
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        JsonNode slos = JSON.createArrayNode();
        while (System.nanoTime() < deadline) {
            slos = get("/api/v1/slos").path("data").path("slos");
            if (withSli(slos) >= 3) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(withSli(slos)).as("demo SLOs with an SLI in /api/v1/slos: " + slos).isGreaterThanOrEqualTo(3);
    }

    private static int withSli(JsonNode slos) {
        int n = 0;
        for (JsonNode s : slos) {
            n += s.path("sli").isNumber() ? 1 : 0;
        }
        return n;
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
    void eachSliIsWhatTheApiComputesForTheSameMinute() throws Exception {
        browser.logInAs("sre");
        browser.open("/slos");
        int expected = get("/api/v1/slos").path("data").path("slos").size();
        browser.await("every SLO's row with an evaluation",
                () -> browser.gridRows("slos-grid").size() == expected && !evaluatedAt().isEmpty());
        shot("slos");
        List<String> header = browser.columnHeaders("slos-grid");
        int sliColumn = header.indexOf("SLI");
        String disagreement = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String at;
            Map<String, List<String>> shown;
            // The evaluation time is read before and after the table: a push refresh in between is read again.
            while (true) {
                at = evaluatedAt();
                shown = rowsByName("slos-grid");
                if (at.equals(evaluatedAt())) {
                    break;
                }
            }
            Map<String, JsonNode> computed = new LinkedHashMap<>();
            for (JsonNode s : get("/api/v1/slos?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8))
                    .path("data").path("slos")) {
                computed.put(s.path("name").asText(), s);
            }
            assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(computed.keySet());
            disagreement = "";
            for (var e : shown.entrySet()) {
                String text = e.getValue().get(sliColumn);
                JsonNode sli = computed.get(e.getKey()).path("sli");
                String apiText = sli.isNumber() ? String.format(Locale.ROOT, "%.3f %%", sli.asDouble() * 100) : "—";
                System.out.printf(Locale.ROOT, "SLO view: %s SLI shown '%s'; /api/v1/slos?at=%s: %s (%s)%n",
                        e.getKey(), text, at, sli, apiText);
                assertThat(text.equals("—") || PERCENT.matcher(text).matches()).as("SLI text " + text).isTrue();
                if (!text.equals(apiText)) {
                    disagreement += e.getKey() + ": shown " + text + ", API " + apiText + "; ";
                }
            }
            if (disagreement.isEmpty()) {
                return;
            }
            System.out.println("SLO view: attempt " + attempt + " disagrees (" + disagreement + "), waiting for the "
                    + "next evaluation");
            String before = at;
            new WebDriverWait(browser.driver(), Duration.ofSeconds(90), Duration.ofMillis(500))
                    .until(d -> !evaluatedAt().equals(before));
        }
        throw new AssertionError("SLIs disagree with /api/v1/slos after " + ATTEMPTS + " evaluations: "
                + disagreement);
    }

    @Test
    void anSloPageDrawsItsCharts() throws Exception {
        browser.logInAs("sre");
        String name = get("/api/v1/slos").path("data").path("slos").get(0).path("name").asText();
        browser.open("/slos/" + name + "?range=1h");
        browser.await("the SLO page of " + name, () -> browser.present("#slo-title"));
        for (String chart : List.of("slo-sli-chart", "slo-budget-chart", "slo-burn-chart")) {
            browser.await(chart + " drawn", () -> Boolean.TRUE.equals(browser.js(
                    "const c = document.querySelector('#' + arguments[0] + ' canvas'); return !!c && c.width > 0;",
                    chart)));
        }
        assertThat(browser.driver().findElement(By.id("slo-title")).getText()).startsWith(name + " (");
        assertThat(browser.driver().findElement(By.id("slo-facts")).getText()).contains("Objective", "SLI now");
        assertThat(browser.driver().findElement(By.id("slo-sli-chart-caption")).getText()).contains("Last 1h");
        shot("slo-" + name);
    }

    // ---- the browser

    private String evaluatedAt() {
        List<WebElement> caption = browser.driver().findElements(By.id("slo-evaluated"));
        String at = caption.isEmpty() ? null : caption.getFirst().getDomAttribute("data-evaluated");
        return at == null ? "" : at;
    }

    /** The rendered body rows of a vaadin-grid by the text of their first cell (the SLO's name). */
    private Map<String, List<String>> rowsByName(String gridId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        browser.gridRows(gridId).forEach(r -> out.put(r.getFirst(), r));
        return out;
    }

    private void shot(String page) {
        browser.screenshot("SloBrowserIT-" + testName, ++shots, page);
    }

    // ---- the API

    private static JsonNode get(String pathAndQuery) throws Exception {
        return demo.get(pathAndQuery);
    }
}
