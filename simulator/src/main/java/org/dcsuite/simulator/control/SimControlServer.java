package org.dcsuite.simulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.time.Durations;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's control API on 127.0.0.1, every request authenticated with {@code Authorization: Bearer TOKEN}:
 * <ul>
 *   <li>{@code GET /faults}: the faults active or to come, a JSON array;</li>
 *   <li>{@code POST /faults} with {@code {"device":"x","fault":"down","for":"5m","start":"...","latency":"2s",
 *       "phase":"L1","feed":"A"}}: 201 and the injected fault; 400 {@code {"error":..,"field":..}} for bad input;</li>
 *   <li>{@code DELETE /faults/{deviceOrSite}}: 204 once every fault of it ended;</li>
 *   <li>{@code GET /trap-destinations}: the SNMP managers the agents notify, a JSON array;</li>
 *   <li>{@code POST /trap-destinations} with {@code {"address":"127.0.0.1:1162","type":"trap"}} ({@code type}
 *       {@code trap}, the default, or {@code inform}): 201 and the destination; 400 for bad input;</li>
 *   <li>{@code DELETE /trap-destinations/{host:port}} (or the collection, for all): 204; 404 when none matched.</li>
 * </ul>
 * Wrong or missing token: 401. Every injection and clear is audited by the {@link SimFaultInjector} as
 * {@code who=api}.
 */
public final class SimControlServer implements AutoCloseable {

    /** The port {@code dcsuite simulate} listens on unless {@code --control-port} says otherwise. */
    public static final int DEFAULT_PORT = 19999;
    /** The actor named in audit lines for API calls. */
    static final String ACTOR = "api";
    /** A fault request is a few short fields; anything larger is refused before it is read. */
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(SimControlServer.class);
    private static final String TRAP_DESTINATIONS = "/trap-destinations";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimFaultInjector injector;
    private final Secret token;

    private SimControlServer(HttpServer server, ExecutorService executor, SimFaultInjector injector, Secret token) {
        this.server = server;
        this.executor = executor;
        this.injector = injector;
        this.token = token;
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port the port; 0 for any free one
     * @throws UncheckedIOException when the port cannot be bound, naming it
     */
    public static SimControlServer start(SimFaultInjector injector, int port, Secret token) {
        Objects.requireNonNull(injector, "injector");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port must be 0-65535, got " + port);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator control API: cannot listen on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        SimControlServer s = new SimControlServer(http, executor, injector, token);
        http.createContext("/", s::handle);
        http.setExecutor(executor);
        http.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, the base the CLI's {@code --control} takes. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"dcsuite-simulator\"");
                send(ex, 401, error("missing or wrong bearer token; it is in the token file dcsuite simulate "
                        + "printed at start", null));
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/faults") || path.equals("/faults/")) {
                switch (method) {
                    case "GET" -> send(ex, 200, list(injector.list()));
                    case "POST" -> send(ex, 201, inject(ex));
                    default -> notAllowed(ex, "GET, POST");
                }
            } else if (path.equals(TRAP_DESTINATIONS) || path.equals(TRAP_DESTINATIONS + "/")) {
                switch (method) {
                    case "GET" -> send(ex, 200, destinations(injector.trapDestinations().list()));
                    case "POST" -> send(ex, 201, addDestination(ex));
                    case "DELETE" -> {
                        injector.removeTrapDestinations(ACTOR, Optional.empty());
                        ex.sendResponseHeaders(204, -1);
                    }
                    default -> notAllowed(ex, "GET, POST, DELETE");
                }
            } else if (path.startsWith(TRAP_DESTINATIONS + "/")) {
                if (method.equals("DELETE")) {
                    String text = URLDecoder.decode(path.substring(TRAP_DESTINATIONS.length() + 1),
                            StandardCharsets.UTF_8);
                    if (injector.removeTrapDestinations(ACTOR, Optional.of(address(text))) == 0) {
                        send(ex, 404, error("no trap destination " + text, "address"));
                    } else {
                        ex.sendResponseHeaders(204, -1);
                    }
                } else {
                    notAllowed(ex, "DELETE");
                }
            } else if (path.startsWith("/faults/")) {
                if (method.equals("DELETE")) {
                    String id = URLDecoder.decode(path.substring("/faults/".length()), StandardCharsets.UTF_8);
                    injector.clear(ACTOR, id);
                    ex.sendResponseHeaders(204, -1);
                } else {
                    notAllowed(ex, "DELETE");
                }
            } else {
                send(ex, 404, error("no resource " + path + "; use /faults or /trap-destinations", null));
            }
        } catch (SimFaultInputException e) {
            send(ex, 400, error(e.getMessage(), e.field()));
        } catch (BadBody e) {
            send(ex, e.status, error(e.getMessage(), null));
        } catch (RuntimeException e) {
            // The model refused something the checks let through; the client gets the reason, the log the stack.
            LOG.warn("simulator control API: {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            send(ex, 500, error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null));
        } finally {
            ex.close();
        }
    }

    private boolean authorized(String header) {
        String prefix = "Bearer ";
        return header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
                && token.matches(header.substring(prefix.length()).trim());
    }

    private ObjectNode addDestination(HttpExchange ex) throws IOException {
        Map<String, String> fields = fields(ex);
        for (String name : fields.keySet()) {
            if (!name.equals("address") && !name.equals("type")) {
                throw new SimFaultInputException(name, "unknown field; a trap destination has address and type");
            }
        }
        String text = fields.get("address");
        if (text == null) {
            throw new SimFaultInputException("address", "required, e.g. 127.0.0.1:1162");
        }
        String type = fields.getOrDefault("type", "trap");
        if (!type.equals("trap") && !type.equals("inform")) {
            throw new SimFaultInputException("type", "'" + type + "' is neither trap nor inform");
        }
        SimTrapDestination d = new SimTrapDestination(address(text), type.equals("inform"));
        injector.addTrapDestination(ACTOR, d);
        return json(d);
    }

    /** {@code host:port} or {@code [v6]:port}, resolved now. */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new SimFaultInputException("address", "'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new SimFaultInputException("address", "'" + text + "': the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new SimFaultInputException("address", "'" + text + "': the port must be 1-65535");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new SimFaultInputException("address", "'" + text + "': host '" + host + "' does not resolve");
        }
        return a;
    }

    private static ArrayNode destinations(List<SimTrapDestination> list) {
        ArrayNode a = JSON.createArrayNode();
        list.forEach(d -> a.add(json(d)));
        return a;
    }

    static ObjectNode json(SimTrapDestination d) {
        return JSON.createObjectNode()
                .put("address", d.address().getAddress().getHostAddress() + ":" + d.address().getPort())
                .put("type", d.inform() ? "inform" : "trap");
    }

    private ObjectNode inject(HttpExchange ex) throws IOException {
        return json(injector.inject(ACTOR, SimFaultRequest.parse(fields(ex), injector.clock())));
    }

    /** The request body as a JSON object of string fields (nulls skipped). */
    private static Map<String, String> fields(HttpExchange ex) throws IOException {
        JsonNode body;
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadBody(413, "body larger than " + MAX_BODY_BYTES + " bytes");
            }
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadBody(400, "body: not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadBody(400, "body: expected a JSON object such as {\"device\":\"r01-pdu-a\",\"fault\":\"down\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNull()) {
                continue;
            }
            if (!f.getValue().isTextual()) {
                throw new SimFaultInputException(f.getKey(), "expected a string, got " + f.getValue().getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT));
            }
            fields.put(f.getKey(), f.getValue().asText());
        }
        return fields;
    }

    private static ArrayNode list(List<SimInjectedFault> faults) {
        ArrayNode a = JSON.createArrayNode();
        faults.forEach(f -> a.add(json(f)));
        return a;
    }

    /** The fault as the API returns it; the CLI reads these names. */
    static ObjectNode json(SimInjectedFault f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("device", f.target());
        o.put("fault", f.type().configName());
        o.put("start", f.start().toString());
        if (f.end().isPresent()) {
            o.put("end", f.end().get().toString());
        } else {
            o.putNull("end");
        }
        f.latency().ifPresent(l -> o.put("latency", Durations.format(l)));
        f.phase().ifPresent(p -> o.put("phase", p));
        f.feed().ifPresent(feed -> o.put("feed", feed.name()));
        return o;
    }

    private static ObjectNode error(String message, String field) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        if (field != null) {
            o.put("field", field);
        }
        return o;
    }

    private static void notAllowed(HttpExchange ex, String allowed) throws IOException {
        ex.getResponseHeaders().set("Allow", allowed);
        send(ex, 405, error(ex.getRequestMethod() + " not allowed on " + ex.getRequestURI().getPath() + "; use "
                + allowed, null));
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** A request body the API cannot read, with the status to answer. */
    private static final class BadBody extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        BadBody(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
