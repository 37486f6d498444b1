package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking HTTP side of one Redfish device: bounded requests (timeout covering headers and body, retries,
 * body size, redirects), JSON decoding and authentication (a session token, or basic auth). Every failure is a
 * {@link DriverException} whose message names the device, the protocol and the request; never a password or
 * token.
 */
final class RedfishHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVICE_ROOT = "/redfish/v1/";

    /** A response as read, before any status handling. */
    record Response(int status, Optional<String> location, Optional<String> token, byte[] body) {
    }

    private final DeviceTarget target;
    private final RedfishOptions options;
    private final URI origin;
    private final HttpClient client;
    private Optional<String> basicAuth = Optional.empty();
    private Optional<String> token = Optional.empty();
    private Optional<String> sessionLocation = Optional.empty();
    private Optional<String> sessionsPath = Optional.empty();

    RedfishHttp(DeviceTarget target, RedfishOptions options) {
        this.target = target;
        this.options = options;
        boolean tls = target.endpoint().protocol() == Protocol.HTTPS;
        this.origin = URI.create((tls ? "https" : "http") + "://" + target.endpoint().host() + ":"
                + target.endpoint().port());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(target.timeout())
                // Redirects are followed by hand so that loops and cross-host hops are bounded and reported.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls) {
            builder.sslContext(RedfishTls.context(target, options));
        }
        this.client = builder.build();
    }

    DeviceTarget target() {
        return target;
    }

    /**
     * Chooses and performs authentication after the service root is known: a session when the service has a
     * SessionService (unless {@code redfish.auth=basic}), basic auth otherwise. Without credentials the service
     * is read anonymously, as mockups allow.
     */
    void authenticate(JsonNode root) {
        if (target.credentials().username().isEmpty()) {
            return;
        }
        String user = target.credentials().username().get().reveal();
        String password = target.credentials().password().map(s -> s.reveal()).orElse("");
        sessionsPath = sessionsPath(root);
        if (options.auth() == RedfishOptions.Auth.SESSION && sessionsPath.isPresent()) {
            login(user, password);
        } else {
            basicAuth = Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    boolean authenticated() {
        return token.isPresent() || basicAuth.isPresent();
    }

    private static Optional<String> sessionsPath(JsonNode root) {
        String fromLinks = root.path("Links").path("Sessions").path("@odata.id").asText("");
        if (!fromLinks.isEmpty()) {
            return Optional.of(fromLinks);
        }
        // Older services link only the SessionService; its Sessions collection sits at the standard path.
        return root.path("SessionService").has("@odata.id")
                ? Optional.of("/redfish/v1/SessionService/Sessions") : Optional.empty();
    }

    private void login(String user, String password) {
        ObjectNode body = JSON.createObjectNode().put("UserName", user).put("Password", password);
        Response r = exchange("POST", sessionsPath.get(), body, false);
        if (r.status() == 401 || r.status() == 403) {
            throw fail(DriverErrorKind.AUTH, "POST " + sessionsPath.get(), "session login refused (HTTP "
                    + r.status() + "): check the username and password");
        }
        if (r.status() / 100 != 2) {
            throw fail(DriverErrorKind.PROTOCOL, "POST " + sessionsPath.get(), "session login failed: HTTP "
                    + r.status() + redfishMessage(r.body()));
        }
        token = r.token();
        if (token.isEmpty()) {
            throw fail(DriverErrorKind.PROTOCOL, "POST " + sessionsPath.get(),
                    "session created without an X-Auth-Token header");
        }
        sessionLocation = r.location().or(() -> parseQuietly(r.body()).map(n -> n.path("@odata.id").asText(null)));
    }

    /** GETs a resource as a JSON object; renews an expired session once. */
    JsonNode get(String path) {
        Response r = exchange("GET", path, null, true);
        if (r.status() == 401 && token.isPresent()) {
            token = Optional.empty();
            sessionLocation = Optional.empty();
            login(target.credentials().username().get().reveal(),
                    target.credentials().password().map(s -> s.reveal()).orElse(""));
            r = exchange("GET", path, null, true);
        }
        requireOk("GET " + path, r);
        return parseObject("GET " + path, r.body());
    }

    /** POSTs a JSON body with authentication; the caller interprets the status. */
    Response post(String path, JsonNode body) {
        return exchange("POST", path, body, true);
    }

    /** DELETEs a resource with authentication; the caller interprets the status. */
    Response delete(String path) {
        return exchange("DELETE", path, null, true);
    }

    void requireOk(String request, Response r) {
        int s = r.status();
        if (s / 100 == 2) {
            return;
        }
        DriverErrorKind kind = s == 401 || s == 403 ? DriverErrorKind.AUTH : DriverErrorKind.PROTOCOL;
        String hint = s == 401 ? " (check the credentials)" : s == 404 ? " (not found)" : "";
        throw fail(kind, request, "HTTP " + s + hint + redfishMessage(r.body()));
    }

    JsonNode parseObject(String request, byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw fail(DriverErrorKind.PROTOCOL, request, "invalid JSON: " + firstLine(detail));
        }
        if (node == null || !node.isObject()) {
            throw fail(DriverErrorKind.PROTOCOL, request, "expected a JSON object, got "
                    + (node == null ? "an empty body" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    DriverException fail(DriverErrorKind kind, String request, String message) {
        return new DriverException(kind, target.describe() + ": " + request + ": " + message);
    }

    /** Deletes the session, if any; errors are logged, never thrown, as {@link #close()} must not fail. */
    @Override
    public void close() {
        try {
            if (token.isPresent() && sessionLocation.isPresent()) {
                Response r = exchange("DELETE", sessionLocation.get(), null, true);
                if (r.status() / 100 != 2) {
                    LOG.debug("{}: deleting the session returned HTTP {}", target.describe(), r.status());
                }
            }
        } catch (DriverException e) {
            LOG.debug("{}: could not delete the session: {}", target.describe(), e.getMessage());
        } finally {
            token = Optional.empty();
            sessionLocation = Optional.empty();
            client.shutdownNow();
        }
    }

    private Response exchange(String method, String path, JsonNode body, boolean withAuth) {
        URI uri = resolve(path);
        String request = method + " " + path;
        byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        // A POST (a reset, an outlet switch, a login) is never repeated: the first may have been carried out.
        int retries = method.equals("POST") ? 0 : target.retries();
        Failure last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                Response r = once(method, uri, bytes, withAuth, request);
                if (r.status() == 429 || r.status() / 100 == 5) {
                    last = new Failure(DriverErrorKind.PROTOCOL, "HTTP " + r.status() + redfishMessage(r.body()),
                            true);
                    continue;
                }
                return r;
            } catch (Failure f) {
                last = f;
                if (!f.retry) {
                    break;
                }
            }
        }
        String attempts = retries > 0 && last.retry ? " (after " + (retries + 1) + " attempts)" : "";
        throw fail(last.kind, request, last.getMessage() + attempts);
    }

    private Response once(String method, URI uri, byte[] body, boolean withAuth, String request) throws Failure {
        URI current = uri;
        String currentMethod = method;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(current)
                    .timeout(target.timeout())
                    .header("Accept", "application/json")
                    .header("OData-Version", "4.0");
            if (withAuth) {
                token.ifPresent(t -> b.header("X-Auth-Token", t));
                basicAuth.ifPresent(a -> b.header("Authorization", a));
            }
            if (body != null && !currentMethod.equals("GET")) {
                b.header("Content-Type", "application/json");
                b.method(currentMethod, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                b.method(currentMethod, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = send(b.build());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (location.isEmpty()) {
                    throw new Failure(DriverErrorKind.PROTOCOL, "HTTP " + status + " redirect without Location",
                            false);
                }
                if (hop >= RedfishOptions.MAX_REDIRECTS) {
                    throw new Failure(DriverErrorKind.PROTOCOL, "more than " + RedfishOptions.MAX_REDIRECTS
                            + " redirects (a redirect loop?), last to " + location.get(), false);
                }
                URI next = current.resolve(location.get());
                if (!sameOrigin(next, origin)) {
                    // Following would send the session token or password to another host.
                    throw new Failure(DriverErrorKind.PROTOCOL, "redirect to another origin refused: "
                            + next.getScheme() + "://" + next.getAuthority(), false);
                }
                current = next;
                if (status == 303) {
                    currentMethod = "GET";
                }
                continue;
            }
            return new Response(status, location, response.headers().firstValue("X-Auth-Token"), response.body());
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Failure {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> new LimitedBody(
                options.maxBodyBytes(), info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            // The request timeout covers only the wait for headers; this bound also covers a stalled body.
            return future.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Failure(DriverErrorKind.TIMEOUT, "no complete answer within " + target.timeout().toMillis()
                    + " ms", true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(DriverErrorKind.TIMEOUT, "interrupted", false);
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        }
    }

    private Failure classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return new Failure(DriverErrorKind.PROTOCOL, t.getMessage(), false);
            }
            if (t instanceof SSLException) {
                return new Failure(DriverErrorKind.AUTH, "TLS handshake failed (" + firstLine(t.getMessage())
                        + "): trust the BMC with redfish.ca_file or redfish.pin_sha256, or set redfish.insecure=true "
                        + "in a lab", false);
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new Failure(DriverErrorKind.TIMEOUT, "connect timed out after "
                        + target.timeout().toMillis() + " ms", true);
            }
            if (t instanceof HttpTimeoutException) {
                return new Failure(DriverErrorKind.TIMEOUT, "no answer within " + target.timeout().toMillis()
                        + " ms", true);
            }
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
                return new Failure(DriverErrorKind.REFUSED, "connection refused or host unreachable", true);
            }
        }
        return new Failure(DriverErrorKind.PROTOCOL, "connection failed: " + cause, true);
    }

    URI resolve(String path) {
        URI uri = origin.resolve(path);
        if (uri.getRawFragment() != null) {
            // Legacy array members carry JSON-pointer fragments; the resource is the part before '#'.
            uri = URI.create(uri.toString().substring(0, uri.toString().indexOf('#')));
        }
        return uri;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** The first Redfish error message of an error body, as " (message)", or empty. */
    static String redfishMessage(byte[] body) {
        return parseQuietly(body).map(n -> {
            JsonNode error = n.path("error");
            String m = error.path("@Message.ExtendedInfo").path(0).path("Message").asText("");
            return m.isEmpty() ? error.path("message").asText("") : m;
        }).filter(m -> !m.isEmpty()).map(m -> ": " + firstLine(m)).orElse("");
    }

    private static Optional<JsonNode> parseQuietly(byte[] body) {
        try {
            return Optional.ofNullable(JSON.readTree(body)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** A failed attempt: its kind and whether another attempt may help. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final DriverErrorKind kind;
        final boolean retry;

        Failure(DriverErrorKind kind, String message, boolean retry) {
            super(message, null, false, false);
            this.kind = kind;
            this.retry = retry;
        }
    }

    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(long max) {
            super("response body larger than " + max + " bytes (redfish.max_body_bytes)");
        }
    }

    /** Collects a body up to a limit and fails as soon as it is exceeded, without reading the rest. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declaredLength;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(long max, long declaredLength) {
            this.max = max;
            this.declaredLength = declaredLength;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredLength > max) {
                s.cancel();
                result.completeExceptionally(new BodyTooLarge(max));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (result.isDone()) {
                    return;
                }
                if (buffer.size() + (long) item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge(max));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
