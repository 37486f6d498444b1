package org.dcsuite.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.tests.e2e.DcsuiteProcess;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium on the dashboard of a {@code dcsuite run} demo, for the browser tests: logging in through the
 * Vaadin login form, waiting for the page, reading vaadin-grids from their shadow DOM and saving screenshots under
 * {@code target/screenshots/}. {@link #startDemo} starts that demo.
 */
final class DemoBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Long enough for a login (PBKDF2) and a page on 2 busy cores; waits end as soon as the page is there. */
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A running demo: its process, HTTP API, dashboard and API token. */
    record Demo(DcsuiteProcess process, URI api, URI ui, String token) {

        /** A GET of the demo's HTTP API with its token: a 200, whose JSON body is returned. */
        JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve(pathAndQuery))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        /** Stops the demo with SIGTERM, which it must survive cleanly, and waits for it. */
        void stop() throws Exception {
            try {
                DcsuiteProcess.Result stopped = process.terminate(Duration.ofSeconds(30));
                assertThat(stopped.exitCode()).as(stopped.err()).isIn(0, 143);
            } finally {
                process.close();
            }
        }
    }

    /**
     * Skips the calling test class when Chromium or its driver is missing, except on CI ({@code CI=true}), where a
     * missing browser is a failure: {@code .ci/run} installs it.
     */
    static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                + " missing: install the browser with "
                + "'apt-get install -y chromium chromium-driver' (.ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing browser is a failure)");
        }
        System.err.println("!!!!! SKIPPING browser tests: " + message);
        Assumptions.abort(message);
    }

    /** {@code dcsuite run} of the bundled demo in {@code work}, its store in {@code work/data}, once it listens. */
    static Demo startDemo(Path work) throws Exception {
        Path data = work.resolve("data");
        Files.createDirectories(data);
        // Free device ports too: a demo elsewhere on the machine (a user's, another test run) holds the fixed ones.
        DcsuiteProcess server = DcsuiteProcess.start(work, "run", "--demo-ports", "free", "--port", "0", "--ui-port",
                "0", "--otlp-port", "0",
                "--trap-port", "0", "--redfish-events-port", "0", "--control-port", "0",
                "--token-file", work.resolve("control.token").toString(),
                "--store", "duckdb:" + data.resolve("d.duckdb"));
        URI api = URI.create("http://127.0.0.1:" + port(server.awaitLine(
                l -> l.contains("dcsuite listening on http://"), START_TIMEOUT)));
        URI ui = URI.create("http://127.0.0.1:" + port(server.awaitLine(
                l -> l.contains("dashboard listening on http://") || l.contains("dashboard on http://"),
                START_TIMEOUT)));
        return new Demo(server, api, ui, Files.readString(data.resolve("api-token")).trim());
    }

    private static int port(String line) {
        Matcher m = Pattern.compile("http://[^\\s:/]+:(\\d+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private final URI ui;
    private final ChromeDriver driver;

    /** A browser with a profile of its own under {@code profiles} (a second one is a second user's browser). */
    DemoBrowser(Path profiles, URI ui, String windowSize) throws IOException {
        this.ui = ui;
        Path profile = Files.createTempDirectory(profiles, "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + windowSize, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_TIMEOUT).scriptTimeout(PAGE_TIMEOUT);
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    String chromiumVersion() {
        Object v = driver.getCapabilities().getBrowserVersion();
        return v == null ? "?" : v.toString();
    }

    /** Goes to a page of the dashboard, e.g. {@code /devices}. */
    void open(String page) {
        driver.get(ui.resolve(page).toString());
    }

    /** Logs in as a demo user with its demo password and waits for the Fleet view it lands on. */
    void logInAs(String role) {
        open("/login");
        logIn(role, "demo-" + role + "-pass");
        await("the Fleet view after logging in as " + role, () -> present("#fleet-grid"));
    }

    /** Fills in and submits the login form on the page. */
    void logIn(String user, String password) {
        await("the login form", () -> present("#vaadinLoginUsername input"));
        fill(user, password);
        submit();
    }

    void fill(String user, String password) {
        WebElement name = find("#vaadinLoginUsername input");
        name.clear();
        name.sendKeys(user);
        WebElement pass = find("#vaadinLoginPassword input");
        pass.clear();
        pass.sendKeys(password);
    }

    void submit() {
        find("vaadin-login-form vaadin-button[slot='submit']").click();
    }

    /** The path of the page shown. */
    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** The first element matching {@code css}, once there is one. */
    WebElement find(String css) {
        return new WebDriverWait(driver, PAGE_TIMEOUT, Duration.ofMillis(50))
                .withMessage(() -> css + " at " + driver.getCurrentUrl())
                .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    void await(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, PAGE_TIMEOUT, Duration.ofMillis(50))
                .withMessage(() -> what + "; at " + driver.getCurrentUrl())
                .until(d -> condition.get());
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** The text of each rendered body row of a vaadin-grid, cell by cell, in column order. */
    @SuppressWarnings("unchecked")
    List<List<String>> gridRows(String gridId) {
        return (List<List<String>>) js("""
                const grid = document.getElementById(arguments[0]);
                if (!grid || !grid.shadowRoot) return [];
                const out = [];
                for (const tr of grid.shadowRoot.querySelectorAll('tbody#items tr')) {
                  if (tr.hidden || tr.hasAttribute('loading')) continue;
                  const cells = [];
                  for (const td of tr.querySelectorAll('td')) {
                    const slot = td.querySelector('slot');
                    const el = slot ? slot.assignedElements()[0] : null;
                    cells.push(el ? el.textContent.trim() : '');
                  }
                  if (cells.some(c => c.length > 0)) out.push(cells);
                }
                return out;
                """, gridId);
    }

    /** The header text of each column of a vaadin-grid, in column order. */
    @SuppressWarnings("unchecked")
    List<String> columnHeaders(String gridId) {
        return (List<String>) js("""
                const grid = document.getElementById(arguments[0]);
                return Array.from(grid.shadowRoot.querySelectorAll('thead tr th')).map(th => {
                  const slot = th.querySelector('slot');
                  const el = slot ? slot.assignedElements()[0] : null;
                  return el ? el.textContent.trim() : '';
                });
                """, gridId);
    }

    /** Saves the page as {@code target/screenshots/<prefix>-<number, 2 digits>-<page>.png}. */
    void screenshot(String prefix, int number, String page) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", prefix, number, page)), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
