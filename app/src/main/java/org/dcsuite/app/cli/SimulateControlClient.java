package org.dcsuite.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dcsuite.core.config.Secret;
import org.dcsuite.simulator.control.SimControlServer;
import org.dcsuite.simulator.control.SimControlToken;
import picocli.CommandLine.Option;

/**
 * Where the running simulator's control API is and how to authenticate to it ({@code --control},
 * {@code --token-file}), shared by {@code dcsuite simulate fault|clear|faults}, and the HTTP calls they make.
 * An unreachable simulator or a refused token is a failure (exit 1); input the API rejects is a usage error (exit 2).
 */
final class SimulateControlClient {

    /** The control URL {@code dcsuite simulate} serves by default. */
    static final String DEFAULT_URL = "http://127.0.0.1:" + SimControlServer.DEFAULT_PORT;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--control", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Control API of the running simulator, as `dcsuite simulate` prints it (default ${DEFAULT-VALUE})")
    String control;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the control API's bearer token, as `dcsuite simulate` prints it "
                    + "(default ~/.dcsuite/simulator-control.token)")
    Path tokenFile;

    /** A call to the API failed for a reason other than the user's input. */
    static final class ControlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ControlException(String message) {
            super(message);
        }
    }

    /** Sends one request; returns the JSON answer, or empty for 204. */
    Optional<JsonNode> send(String method, String path, JsonNode body) {
        URI base = base();
        Path file = tokenFile == null ? SimControlToken.DEFAULT_FILE : tokenFile;
        Secret token = token(file);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ControlException("no simulator control API at " + base + " (is `dcsuite simulate` running? "
                    + "it prints its control URL at start; see --control)");
        } catch (HttpTimeoutException e) {
            throw new ControlException("the simulator control API at " + base + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new ControlException("simulator control API at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted while calling the simulator control API at " + base);
        }
        int status = response.statusCode();
        if (status == 204) {
            return Optional.empty();
        }
        JsonNode answer = parse(base, response.body());
        if (status == 401) {
            throw new ControlException("the simulator at " + base + " refused the token in " + file
                    + " (written by another simulator run? see --token-file)");
        }
        String error = answer.path("error").asText("HTTP " + status);
        if (status == 400) {
            throw new UsageException(error);
        }
        if (status / 100 != 2) {
            throw new ControlException("simulator control API at " + base + ": " + error);
        }
        return Optional.of(answer);
    }

    /** The path of a device or site under {@code /faults/}. */
    static String faultsOf(String deviceOrSite) {
        return "/faults/" + URLEncoder.encode(deviceOrSite, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI base() {
        try {
            URI uri = new URI(control.endsWith("/") ? control.substring(0, control.length() - 1) : control);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--control: expected http://HOST:PORT, got '" + control + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--control: expected http://HOST:PORT, got '" + control + "'");
        }
    }

    private static Secret token(Path file) {
        try {
            return SimControlToken.read(file);
        } catch (NoSuchFileException e) {
            throw new ControlException("no control token file " + file + " (is `dcsuite simulate` running? it "
                    + "writes the token there at start and prints the file; see --token-file)");
        } catch (IOException e) {
            throw new ControlException("cannot read the control token file " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(URI base, String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new ControlException("the answer of " + base + " is not JSON; is it the simulator's control API?");
        }
    }
}
