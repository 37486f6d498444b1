package org.dcsuite.simulator.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.dcsuite.core.config.Secret;
import org.dcsuite.simulator.redfish.SimRedfishMessages.Message;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.dcsuite.simulator.state.ServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BMC of one simulated server: a Redfish service on 127.0.0.1 over HTTP (or HTTPS), one per server as real
 * servers have. Every request reads the server's state from its supplier and the wire faults from
 * {@link ProtocolFaults#current(String)}; {@code ComputerSystem.Reset} goes to
 * {@link DeviceControls#resetServer(String, DeviceControls.ResetType)}. Requests run on virtual threads, so a
 * request held by a {@code down} fault or delayed by {@code latency} costs no platform thread.
 *
 * <pre>{@code
 * try (SimRedfishServer bmc = SimRedfishServer.builder("r01-srv-01", model::server, controls)
 *         .credentials("admin", Secret.of("pw")).faults(faults).start()) {
 *     String endpoint = bmc.endpoint(); // redfish://127.0.0.1:41234
 * }
 * }</pre>
 */
public final class SimRedfishServer implements AutoCloseable {

    /** The Id of the one ComputerSystem, as in {@code /redfish/v1/Systems/1} (the Supermicro and HPE habit). */
    public static final String SYSTEM_ID = "1";
    /** The Id of the one Chassis, as in {@code /redfish/v1/Chassis/1}. */
    public static final String CHASSIS_ID = "1";
    /** Idle time after which a session expires, as the SessionService's {@code SessionTimeout} says. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);
    /** Simultaneous sessions before a login is refused with 503, about what BMCs allow. */
    public static final int DEFAULT_SESSION_LIMIT = 64;
    /**
     * Longest a request is held unanswered under a {@code down} fault; clients have given up long before, and the
     * bound keeps forgotten connections from piling up for the life of the simulator.
     */
    public static final Duration DOWN_HOLD_LIMIT = Duration.ofSeconds(60);
    /** Retries of an event delivery that failed, as EventService's DeliveryRetryAttempts says (the DMTF mockup's). */
    public static final int DEFAULT_EVENT_RETRY_ATTEMPTS = 3;
    /**
     * Time between two delivery attempts, DeliveryRetryIntervalSeconds: shorter than the mockup's 60 s so that a
     * receiver restarted during a demo gets its events while they still matter.
     */
    public static final Duration DEFAULT_EVENT_RETRY_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(SimRedfishServer.class);
    private static final Duration DOWN_CHECK = Duration.ofMillis(50);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final Pattern EXPAND = Pattern.compile("([*.~])(?:\\(\\$levels=(\\d+)\\))?");
    /** A truncated object followed by bytes that are not UTF-8: no JSON parser accepts it. */
    private static final byte[] GARBAGE = concat("{\"@odata.id\": \"/redfish/v1/\", \"Na".getBytes(
            StandardCharsets.US_ASCII), new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x1b, '<', 'h', '1', '>'});

    private final String serverId;
    private final Supplier<ServerState> state;
    private final DeviceControls controls;
    private final ProtocolFaults faults;
    private final String username;
    private final Secret password;
    private final Duration downHoldLimit;
    private final SimRedfishSessions sessions;
    private final boolean tls;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SimRedfishEventService events;

    private SimRedfishServer(Builder b) {
        this.serverId = b.serverId;
        this.state = b.state;
        this.controls = b.controls;
        this.faults = b.faults;
        this.username = b.username;
        this.password = b.password;
        this.downHoldLimit = b.downHoldLimit;
        this.sessions = new SimRedfishSessions(b.clock, b.sessionTimeout, b.sessionLimit);
        this.tls = b.tls != null;
        this.events = new SimRedfishEventService(serverId, b.eventRetryAttempts, b.eventRetryInterval);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
        try {
            if (b.tls != null) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(b.tls));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Redfish BMC of server '" + serverId + "': cannot listen on "
                    + address + ": " + e.getMessage(), e);
        }
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sim-redfish-" + serverId + "-", 0)
                .factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.debug("Redfish BMC of server '{}' listening on {}", serverId, baseUri());
    }

    /**
     * A builder for the BMC of one server.
     *
     * @param serverId the server's id, passed to {@link ProtocolFaults#current(String)} and
     *                 {@link DeviceControls#resetServer}
     * @param state    read on every request
     * @param controls receives resets
     */
    public static Builder builder(String serverId, Supplier<ServerState> state, DeviceControls controls) {
        return new Builder(serverId, state, controls);
    }

    /** The server this BMC belongs to. */
    public String serverId() {
        return serverId;
    }

    /** The TCP port, chosen by the system when the builder was given 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://...}: where curl or a browser finds the service. */
    public URI baseUri() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port());
    }

    /** The dcsuite endpoint: {@code redfish://127.0.0.1:PORT} for HTTP, {@code https://127.0.0.1:PORT} for TLS. */
    public String endpoint() {
        return (tls ? "https" : "redfish") + "://127.0.0.1:" + port();
    }

    /** Live sessions, so tests and the demo console can see that clients log out. */
    public int activeSessions() {
        return sessions.list().size();
    }

    /**
     * Pushes the Redfish event for a condition of this server that started or ended (fan failure, PSU input lost,
     * inlet overtemperature, power off and on) to every subscription that wants it; returns at once, deliveries
     * run on the subscriptions' own threads. Conditions of other devices are ignored.
     */
    public void report(SimConditionChange change) {
        if (change.deviceId().equals(serverId)) {
            events.publish(change);
        }
    }

    /** Stops listening, ends the requests in progress, held ones included, and every event delivery. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        events.close();
    }

    // ---- Requests ----------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        try (ex) {
            ProtocolFaults.Active fault = faults.current(serverId);
            if (fault.down()) {
                // Closing the exchange without a response drops the connection; the client saw nothing.
                holdWhileDown();
                return;
            }
            if (!fault.latency().isZero()) {
                Thread.sleep(fault.latency());
            }
            byte[] body = ex.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
            if (fault.garbage()) {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, GARBAGE.length);
                ex.getResponseBody().write(GARBAGE);
                return;
            }
            if (body.length > MAX_REQUEST_BYTES) {
                send(ex, 413, SimRedfishMessages.error(Message.GENERAL_ERROR));
                return;
            }
            route(ex, body, fault.authFailure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away mid-answer (a timeout on its side); nothing to tell it any more.
            LOG.debug("server '{}': {} {}: {}", serverId, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    e.toString());
        } catch (RuntimeException e) {
            LOG.warn("server '{}': {} {} failed", serverId, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    e);
            try {
                send(ex, 500, SimRedfishMessages.error(Message.GENERAL_ERROR));
            } catch (IOException | RuntimeException ignored) {
                // The response had already started; closing the exchange is all that is left.
            }
        }
    }

    private void holdWhileDown() throws InterruptedException {
        long deadline = System.nanoTime() + downHoldLimit.toNanos();
        while (System.nanoTime() < deadline && faults.current(serverId).down()) {
            Thread.sleep(DOWN_CHECK);
        }
    }

    private void route(HttpExchange ex, byte[] body, boolean refuseCredentials) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        if (path.equals("/redfish") || path.equals("/redfish/")) {
            // The version document is public, like the service root.
            send(ex, 200, SimRedfishMessages.JSON.createObjectNode().put("v1", SimRedfishResources.ROOT));
            return;
        }
        boolean root = path.equals("/redfish/v1") || path.equals(SimRedfishResources.ROOT);
        boolean login = method.equals("POST") && trim(path).equals(SimRedfishResources.SESSIONS);
        if (login) {
            login(ex, body, refuseCredentials);
            return;
        }
        Optional<String> user = refuseCredentials ? Optional.empty() : authenticate(ex);
        if (user.isEmpty() && !(root && isRead(method))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Redfish BMC\"");
            send(ex, 401, SimRedfishMessages.error(Message.NO_VALID_SESSION));
            return;
        }
        SimRedfishResources resources = SimRedfishResources.of(state.get(), sessions.list(),
                sessions.timeout().toSeconds());
        events.addTo(resources);
        Optional<ObjectNode> resource = resources.get(path);
        switch (method) {
            case "GET", "HEAD" -> {
                if (resource.isEmpty()) {
                    notFound(ex, path);
                } else {
                    get(ex, resources, resource.get(), user.isPresent());
                }
            }
            case "POST" -> {
                if (trim(path).equals(SimRedfishResources.resetTarget())) {
                    reset(ex, body, user.get());
                } else if (trim(path).equals(SimRedfishEventService.SUBSCRIPTIONS)) {
                    subscribe(ex, body, user.get());
                } else {
                    notAllowed(ex, path, resource);
                }
            }
            case "DELETE" -> {
                if (trim(path).startsWith(SimRedfishResources.SESSIONS + "/") && resource.isPresent()) {
                    sessions.delete(resource.get().path("Id").asText());
                    ex.sendResponseHeaders(204, -1);
                } else if (trim(path).startsWith(SimRedfishEventService.SUBSCRIPTIONS + "/") && resource.isPresent()
                        && events.delete(resource.get().path("Id").asText())) {
                    ex.sendResponseHeaders(204, -1);
                } else {
                    notAllowed(ex, path, resource);
                }
            }
            default -> notAllowed(ex, path, resource);
        }
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The user a request authenticates as: a live session token, or basic auth with this BMC's account. */
    private Optional<String> authenticate(HttpExchange ex) {
        String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
        if (token != null) {
            return sessions.byToken(token).map(s -> s.userName);
        }
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && valid(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return Optional.of(username);
            }
        }
        return Optional.empty();
    }

    private boolean valid(String user, String pass) {
        // Both compared, so a wrong user name takes as long as a wrong password.
        boolean userOk = Secret.of(username).matches(user);
        return password.matches(pass) & userOk;
    }

    private void login(HttpExchange ex, byte[] body, boolean refuseCredentials) throws IOException {
        Optional<JsonNode> request = parse(body);
        if (request.isEmpty()) {
            send(ex, 400, SimRedfishMessages.error(Message.MALFORMED_JSON));
            return;
        }
        for (String property : new String[] {"UserName", "Password"}) {
            if (!request.get().path(property).isTextual()) {
                send(ex, 400, SimRedfishMessages.error(Message.PROPERTY_MISSING, property));
                return;
            }
        }
        String user = request.get().get("UserName").asText();
        if (refuseCredentials || !valid(user, request.get().get("Password").asText())) {
            LOG.debug("server '{}': session login refused", serverId);
            send(ex, 401, SimRedfishMessages.error(Message.RESOURCE_AT_URI_UNAUTHORIZED,
                    SimRedfishResources.SESSIONS, "Unauthorized"));
            return;
        }
        Optional<SimRedfishSessions.Session> session = sessions.create(user);
        if (session.isEmpty()) {
            send(ex, 503, SimRedfishMessages.error(Message.SESSION_LIMIT_EXCEEDED));
            return;
        }
        ex.getResponseHeaders().set("X-Auth-Token", session.get().token);
        ex.getResponseHeaders().set("Location", SimRedfishResources.SESSIONS + "/" + session.get().id);
        send(ex, 201, SimRedfishResources.session(session.get()));
    }

    private void get(HttpExchange ex, SimRedfishResources resources, ObjectNode resource, boolean authenticated)
            throws IOException {
        ObjectNode answer = resource;
        for (Map.Entry<String, String> q : query(ex.getRequestURI().getRawQuery()).entrySet()) {
            String name = q.getKey();
            if (name.equals("$expand")) {
                Matcher m = EXPAND.matcher(q.getValue());
                int levels = m.matches() && m.group(2) != null ? parseLevels(m.group(2)) : 1;
                if (!m.matches() || levels < 1 || levels > SimRedfishResources.MAX_EXPAND_LEVELS) {
                    send(ex, 400, SimRedfishMessages.error(Message.QUERY_PARAMETER_VALUE_FORMAT_ERROR,
                            q.getValue(), name));
                    return;
                }
                // The root is public; expanding it would hand protected resources to anyone.
                if (authenticated) {
                    answer = resources.expand(resource, switch (m.group(1)) {
                        case "*" -> SimRedfishResources.Expand.ALL;
                        case "~" -> SimRedfishResources.Expand.LINKS;
                        default -> SimRedfishResources.Expand.SUBORDINATE;
                    }, levels);
                }
            } else if (name.startsWith("$") || name.equals("only")) {
                // The specification asks for 501 on query parameters a service does not implement.
                send(ex, 501, SimRedfishMessages.error(Message.QUERY_NOT_SUPPORTED));
                return;
            }
        }
        send(ex, 200, answer);
    }

    private static int parseLevels(String digits) {
        return digits.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private void reset(HttpExchange ex, byte[] body, String user) throws IOException {
        String action = "ComputerSystem.Reset";
        Optional<JsonNode> request = parse(body);
        if (request.isEmpty()) {
            send(ex, 400, SimRedfishMessages.error(Message.MALFORMED_JSON));
            return;
        }
        for (Map.Entry<String, JsonNode> p : request.get().properties()) {
            if (!p.getKey().equals("ResetType")) {
                send(ex, 400, SimRedfishMessages.error(Message.ACTION_PARAMETER_UNKNOWN, action, p.getKey()));
                return;
            }
        }
        JsonNode value = request.get().get("ResetType");
        if (value == null) {
            send(ex, 400, SimRedfishMessages.error(Message.ACTION_PARAMETER_MISSING, action, "ResetType"));
            return;
        }
        DeviceControls.ResetType type;
        try {
            type = DeviceControls.ResetType.fromRedfish(value.isTextual() ? value.asText() : value.toString());
        } catch (IllegalArgumentException e) {
            send(ex, 400, SimRedfishMessages.error(Message.PROPERTY_VALUE_NOT_IN_LIST,
                    value.isTextual() ? value.asText() : value.toString(), "ResetType"));
            return;
        }
        controls.resetServer(serverId, type);
        LOG.info("server '{}': ComputerSystem.Reset {} by '{}'", serverId, type.redfishName(), user);
        ex.sendResponseHeaders(204, -1);
    }

    private void subscribe(HttpExchange ex, byte[] body, String user) throws IOException {
        Optional<JsonNode> request = parse(body);
        if (request.isEmpty()) {
            send(ex, 400, SimRedfishMessages.error(Message.MALFORMED_JSON));
            return;
        }
        SimRedfishEventService.Created created = events.create(request.get());
        if (created.location().isPresent()) {
            LOG.info("server '{}': event subscription {} created by '{}'", serverId, created.location().get(), user);
            ex.getResponseHeaders().set("Location", created.location().get());
        }
        send(ex, created.status(), created.body());
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode n = SimRedfishMessages.JSON.readTree(body);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void notFound(HttpExchange ex, String path) throws IOException {
        send(ex, 404, SimRedfishMessages.error(Message.RESOURCE_MISSING_AT_URI, path));
    }

    /** 405 with the methods the resource allows, or 404 when there is no such resource. */
    private static void notAllowed(HttpExchange ex, String path, Optional<ObjectNode> resource) throws IOException {
        if (resource.isEmpty()) {
            notFound(ex, path);
            return;
        }
        boolean deletable = trim(path).startsWith(SimRedfishResources.SESSIONS + "/")
                || trim(path).startsWith(SimRedfishEventService.SUBSCRIPTIONS + "/");
        boolean postable = trim(path).equals(SimRedfishResources.SESSIONS)
                || trim(path).equals(SimRedfishEventService.SUBSCRIPTIONS);
        ex.getResponseHeaders().set("Allow", "GET, HEAD" + (postable ? ", POST" : "")
                + (deletable ? ", DELETE" : ""));
        send(ex, 405, SimRedfishMessages.error(Message.GENERAL_ERROR));
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = SimRedfishMessages.JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("OData-Version", "4.0");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Configures one BMC; {@link #credentials} is required. */
    public static final class Builder {
        private final String serverId;
        private final Supplier<ServerState> state;
        private final DeviceControls controls;
        private ProtocolFaults faults = ProtocolFaults.NONE;
        private String username;
        private Secret password;
        private int port;
        private SSLContext tls;
        private Clock clock = Clock.systemUTC();
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private int sessionLimit = DEFAULT_SESSION_LIMIT;
        private Duration downHoldLimit = DOWN_HOLD_LIMIT;
        private int eventRetryAttempts = DEFAULT_EVENT_RETRY_ATTEMPTS;
        private Duration eventRetryInterval = DEFAULT_EVENT_RETRY_INTERVAL;

        private Builder(String serverId, Supplier<ServerState> state, DeviceControls controls) {
            this.serverId = Objects.requireNonNull(serverId, "serverId");
            this.state = Objects.requireNonNull(state, "state");
            this.controls = Objects.requireNonNull(controls, "controls");
            if (serverId.isBlank()) {
                throw new IllegalArgumentException("serverId must not be blank");
            }
        }

        /** The one account of this BMC, for session logins and basic auth. */
        public Builder credentials(String username, Secret password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            if (username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("server '" + serverId + "': the user name must be non-empty "
                        + "and without ':' (basic auth could not carry it)");
            }
            return this;
        }

        /** Wire faults, looked up by the server id on every request; default {@link ProtocolFaults#NONE}. */
        public Builder faults(ProtocolFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** The port on 127.0.0.1; default 0, a free port (see {@link SimRedfishServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("server '" + serverId + "': port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Serves HTTPS with this context (for example {@link SimRedfishTls#sslContext()}) instead of HTTP. */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The time source of session expiry; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Idle time before a session expires; default {@link #DEFAULT_SESSION_TIMEOUT}. */
        public Builder sessionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("server '" + serverId + "': session timeout must be positive");
            }
            this.sessionTimeout = timeout;
            return this;
        }

        /** Simultaneous sessions; default {@link #DEFAULT_SESSION_LIMIT}. */
        public Builder sessionLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("server '" + serverId + "': session limit must be at least 1");
            }
            this.sessionLimit = limit;
            return this;
        }

        /** The longest a request is held under a {@code down} fault; default {@link #DOWN_HOLD_LIMIT}. */
        public Builder downHoldLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("server '" + serverId + "': down hold limit must not be "
                        + "negative");
            }
            this.downHoldLimit = limit;
            return this;
        }

        /**
         * How event deliveries are retried: {@code attempts} more times after a failure (default
         * {@link #DEFAULT_EVENT_RETRY_ATTEMPTS}), {@code interval} apart (default
         * {@link #DEFAULT_EVENT_RETRY_INTERVAL}, whole seconds as the EventService shows it).
         */
        public Builder eventRetry(int attempts, Duration interval) {
            if (attempts < 0 || interval.isNegative()) {
                throw new IllegalArgumentException("server '" + serverId + "': event retry attempts and interval "
                        + "must not be negative");
            }
            this.eventRetryAttempts = attempts;
            this.eventRetryInterval = interval;
            return this;
        }

        /** Binds and starts serving. */
        public SimRedfishServer start() {
            if (username == null) {
                throw new IllegalStateException("server '" + serverId + "': credentials(...) is required, a BMC "
                        + "always has an account");
            }
            return new SimRedfishServer(this);
        }
    }
}
