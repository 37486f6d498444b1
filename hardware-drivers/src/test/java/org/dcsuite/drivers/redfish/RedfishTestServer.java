package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceTarget;

/**
 * A static Redfish service for tests: serves short-form mockup folders ({@code /redfish/v1/X} from
 * {@code X/index.json}, the first folder that has it wins, so fixtures overlay the DMTF mockup) over HTTP or
 * HTTPS, with session login, basic auth, {@code $expand}, recorded actions and per-path overrides for broken
 * answers. Public so that other modules' tests (the CLI's {@code dcsuite probe}) can poll the mockup too.
 */
public final class RedfishTestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER = "admin";
    public static final String PASSWORD = "s3cret-pw";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    private final List<Path> roots;
    private final HttpServer server;
    final Map<String, HttpHandler> overrides = new ConcurrentHashMap<>();
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final AtomicInteger sessionsCreated = new AtomicInteger();
    final AtomicInteger sessionsDeleted = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> posts = new CopyOnWriteArrayList<>();
    volatile boolean requireAuth;
    volatile boolean sessionService = true;
    volatile boolean honourExpand = true;

    private RedfishTestServer(List<Path> roots, Optional<SSLContext> tls) throws IOException {
        this.roots = roots;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static RedfishTestServer http(Path... roots) throws IOException {
        return new RedfishTestServer(List.of(roots), Optional.empty());
    }

    static RedfishTestServer https(SSLContext context, Path... roots) throws IOException {
        return new RedfishTestServer(List.of(roots), Optional.of(context));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The DMTF public-rackmount1 mockup, found by walking up to a {@code shared/data/redfish} folder. */
    public static Path mockup() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/redfish/public-rackmount1");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/redfish/public-rackmount1 not found above "
                + Path.of("").toAbsolutePath() + ": clone the shared data beside the repository");
    }

    /** A fixture folder under src/test/resources/org/dcsuite/drivers/redfish/fixtures. */
    static Path fixture(String name) {
        try {
            return Path.of(RedfishTestServer.class.getResource("fixtures/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    /** The JSON of {@code /redfish/v1/<path>}, read independently of the driver. */
    JsonNode resource(String path) throws IOException {
        return JSON.readTree(find(path).orElseThrow().toFile());
    }

    DeviceTarget target(String scheme, Map<String, String> options) {
        return target(scheme, options, credentials(USER, PASSWORD), Duration.ofSeconds(3), 0);
    }

    DeviceTarget target(String scheme, Map<String, String> options, Credentials credentials, Duration timeout,
            int retries) {
        return new DeviceTarget("srv-1", Endpoint.parse(scheme + "://127.0.0.1:" + port()), Optional.empty(),
                credentials, timeout, retries, options, CLOCK);
    }

    static Credentials credentials(String user, String password) {
        return new Credentials(Optional.empty(), Optional.of(Secret.of(user)), Optional.of(Secret.of(password)),
                Optional.empty(), Optional.empty());
    }

    private Optional<Path> find(String path) {
        String rel = path.replaceFirst("^/redfish/v1/?", "").replaceAll("/$", "");
        for (Path root : roots) {
            Path file = rel.isEmpty() ? root.resolve("index.json") : root.resolve(rel).resolve("index.json");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            requests.add(method + " " + ex.getRequestURI());
            HttpHandler override = overrides.get(path);
            if (override != null) {
                override.handle(ex);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String sessions = "/redfish/v1/SessionService/Sessions";
            if (method.equals("POST") && path.equals(sessions) && sessionService) {
                JsonNode login = JSON.readTree(body);
                if (!USER.equals(login.path("UserName").asText()) || !PASSWORD.equals(login.path("Password").asText())) {
                    send(ex, 401, "{\"error\":{\"message\":\"Invalid credentials\"}}");
                    return;
                }
                int n = sessionsCreated.incrementAndGet();
                String token = "token-" + n;
                tokens.add(token);
                ex.getResponseHeaders().add("X-Auth-Token", token);
                ex.getResponseHeaders().add("Location", sessions + "/" + n);
                send(ex, 201, "{\"@odata.id\":\"" + sessions + "/" + n + "\",\"Id\":\"" + n + "\"}");
                return;
            }
            boolean open = path.equals("/redfish/v1/") || path.equals("/redfish/v1");
            if (requireAuth && !open && !authorized(ex)) {
                send(ex, 401, "{\"error\":{\"message\":\"Authentication required\"}}");
                return;
            }
            if (method.equals("DELETE") && path.startsWith(sessions + "/")) {
                tokens.remove(ex.getRequestHeaders().getFirst("X-Auth-Token"));
                sessionsDeleted.incrementAndGet();
                send(ex, 204, null);
                return;
            }
            if (method.equals("POST")) {
                posts.add(path + " " + new String(body, StandardCharsets.UTF_8));
                if (path.endsWith("ComputerSystem.Reset")) {
                    ex.getResponseHeaders().add("Location", "/redfish/v1/TaskService/Tasks/7/Monitor");
                    send(ex, 202, "{}");
                } else {
                    send(ex, 204, null);
                }
                return;
            }
            Optional<Path> file = find(path);
            if (file.isEmpty()) {
                send(ex, 404, "{\"error\":{\"message\":\"Resource " + path + " not found\"}}");
                return;
            }
            JsonNode node = JSON.readTree(file.get().toFile());
            if (open && !sessionService && node instanceof ObjectNode root) {
                root.remove("SessionService");
                root.remove("Links");
            }
            String query = ex.getRequestURI().getQuery();
            if (honourExpand && query != null && query.contains("$expand") && node.has("Members")) {
                ArrayNode expanded = JSON.createArrayNode();
                for (JsonNode m : node.get("Members")) {
                    Optional<Path> member = find(m.path("@odata.id").asText());
                    expanded.add(member.isPresent() ? JSON.readTree(member.get().toFile()) : m);
                }
                ((ObjectNode) node).set("Members", expanded);
            }
            send(ex, 200, node.toString());
        }
    }

    private boolean authorized(HttpExchange ex) {
        String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
        if (token != null) {
            return tokens.contains(token);
        }
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(basic);
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool. */
    static final class SelfSigned {
        final Path dir;
        final Path keyStore;
        final Path pem;

        SelfSigned(Path dir) throws Exception {
            this.dir = dir;
            this.keyStore = dir.resolve("bmc.p12");
            this.pem = dir.resolve("bmc.pem");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "bmc", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-keystore", keyStore.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
            run(keytool, "-exportcert", "-rfc", "-alias", "bmc", "-keystore", keyStore.toString(),
                    "-storepass", "changeit", "-file", pem.toString());
        }

        SSLContext serverContext() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        }

        String fingerprint() throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, "changeit".toCharArray());
            }
            return RedfishTls.fingerprint((java.security.cert.X509Certificate) ks.getCertificate("bmc"));
        }

        private static void run(String... command) throws Exception {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", new ArrayList<>(List.of(command))) + ": " + output);
            }
        }
    }
}
