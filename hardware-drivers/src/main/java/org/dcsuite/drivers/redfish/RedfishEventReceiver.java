package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Redfish EventService pushes: an HTTP(S) listener that turns each EventRecord of a POSTed Event into a
 * {@link DeviceEvent}, and creates (and on {@link #close()} deletes) the subscriptions that point services at
 * it. Each subscription's destination ends in {@code /events/<device id>/<token>}: services cannot authenticate
 * to an event destination, so the unguessable per-device token in the path is what keeps anyone else from
 * injecting events; posts without it are answered 404 and counted. A malformed payload is answered with 400 and
 * counted, never thrown.
 */
public final class RedfishEventReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishEventReceiver.class);
    /** Payloads above 1 MiB are refused: a real Event is a few kilobytes. */
    static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    private static final String PATH = "/events/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Consumer<DeviceEvent> sink;
    private final Clock clock;
    private final String scheme;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final List<RedfishHttp> subscriptions = new CopyOnWriteArrayList<>();
    private final List<String> subscriptionLocations = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private RedfishEventReceiver(HttpServer server, Consumer<DeviceEvent> sink, Clock clock, String scheme) {
        this.server = server;
        this.sink = sink;
        this.clock = clock;
        this.scheme = scheme;
        this.executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /**
     * Starts listening.
     *
     * @param bind where to listen (port 0 picks a free one)
     * @param tls  the server certificate for HTTPS, which Redfish services require of event destinations in
     *             production; empty for plain HTTP in labs
     * @param sink receives every event, on the listener's threads
     */
    public static RedfishEventReceiver start(InetSocketAddress bind, Optional<SSLContext> tls,
            Consumer<DeviceEvent> sink, Clock clock) throws IOException {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(bind, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            return new RedfishEventReceiver(https, sink, clock, "https");
        }
        return new RedfishEventReceiver(HttpServer.create(bind, 0), sink, clock, "http");
    }

    /**
     * The destination URI a service should post a device's events to, as seen from the given host name. It holds
     * the device's token: treat it as a secret (it is never logged).
     */
    public URI destination(String host, String deviceId) {
        String token = tokens.computeIfAbsent(deviceId, id -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        });
        return URI.create(scheme + "://" + host + ":" + server.getAddress().getPort() + PATH + deviceId + "/" + token);
    }

    /** The port events are posted to. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Event records turned into {@link DeviceEvent}s so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Payloads answered with 404 (no or wrong token), 400 (malformed) or 413 (too large) so far. */
    public long rejected() {
        return rejected.get();
    }

    /**
     * Subscribes this receiver to a service's events (POST EventService/Subscriptions with Protocol Redfish and
     * EventFormatType Event). The subscription is deleted when this receiver closes.
     *
     * @param host the host name or address the service reaches this receiver at
     * @return the subscription's location on the service
     * @throws DriverException naming the device when the service refuses or cannot be reached
     */
    public String subscribe(DeviceTarget target, String host) {
        RedfishHttp http = new RedfishHttp(target, RedfishOptions.parse(target));
        try {
            JsonNode root = http.get(RedfishHttp.SERVICE_ROOT);
            http.authenticate(root);
            String service = root.path("EventService").path("@odata.id").asText("");
            if (service.isEmpty()) {
                throw new DriverException(DriverErrorKind.UNSUPPORTED, target.describe() + ": the service has no "
                        + "EventService");
            }
            String collection = http.get(service).path("Subscriptions").path("@odata.id")
                    .asText(service.replaceAll("/$", "") + "/Subscriptions");
            var body = RedfishHttp.JSON.createObjectNode()
                    .put("Destination", destination(host, target.deviceId()).toString())
                    .put("Protocol", "Redfish")
                    .put("EventFormatType", "Event")
                    .put("Context", "dcsuite:" + target.deviceId());
            RedfishHttp.Response r = http.post(collection, body);
            http.requireOk("POST " + collection, r);
            String location = r.location().orElseThrow(() -> http.fail(DriverErrorKind.PROTOCOL, "POST " + collection,
                    "subscription created without a Location header"));
            subscriptions.add(http);
            subscriptionLocations.add(location);
            return location;
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** The device of a {@code <device id>/<token>} path whose token is the one issued for it, compared in constant time. */
    private Optional<String> authorizedDevice(String rest) {
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String deviceId = rest.substring(0, slash);
        String expected = tokens.get(deviceId);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                rest.substring(slash + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(deviceId);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            Optional<String> deviceId = authorizedDevice(ex.getRequestURI().getPath().substring(PATH.length()));
            if (deviceId.isEmpty()) {
                rejected.incrementAndGet();
                LOG.debug("Redfish event without a valid destination token from {}",
                        ex.getRemoteAddress().getAddress().getHostAddress());
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] payload;
            try (InputStream in = ex.getRequestBody()) {
                payload = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            }
            if (payload.length > MAX_PAYLOAD_BYTES) {
                rejected.incrementAndGet();
                ex.sendResponseHeaders(413, -1);
                return;
            }
            String source = "redfish://" + ex.getRemoteAddress().getAddress().getHostAddress() + ":"
                    + ex.getRemoteAddress().getPort();
            List<DeviceEvent> events;
            try {
                events = parse(payload, deviceId, source);
            } catch (IllegalArgumentException e) {
                rejected.incrementAndGet();
                LOG.debug("malformed Redfish event from {}: {}", source, e.getMessage());
                ex.sendResponseHeaders(400, -1);
                return;
            }
            for (DeviceEvent event : events) {
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    // A failing consumer must not make the service retry (and duplicate) the whole payload.
                    LOG.warn("event consumer failed on {} from {}: {}", event.type(), source, e.toString());
                }
                accepted.incrementAndGet();
            }
            ex.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            LOG.warn("Redfish event receiver: {}", e.toString());
        }
    }

    private List<DeviceEvent> parse(byte[] payload, Optional<String> deviceId, String source) {
        JsonNode root;
        try {
            root = RedfishHttp.JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON");
        }
        if (root == null || !root.path("Events").isArray()) {
            throw new IllegalArgumentException("no Events array");
        }
        List<DeviceEvent> out = new ArrayList<>();
        for (JsonNode record : root.get("Events")) {
            String messageId = record.path("MessageId").asText("");
            if (!record.isObject() || messageId.isEmpty()) {
                throw new IllegalArgumentException("an EventRecord without MessageId");
            }
            String severity = record.path("MessageSeverity").asText(record.path("Severity").asText(""));
            Map<String, String> details = new LinkedHashMap<>();
            String origin = record.path("OriginOfCondition").path("@odata.id").asText("");
            if (!origin.isEmpty()) {
                details.put("OriginOfCondition", origin);
            }
            for (String field : List.of("EventId", "EventType", "EventTimestamp")) {
                if (record.hasNonNull(field)) {
                    details.put(field, record.get(field).asText());
                }
            }
            if (record.path("MessageArgs").isArray() && !record.get("MessageArgs").isEmpty()) {
                List<String> args = new ArrayList<>();
                record.get("MessageArgs").forEach(a -> args.add(a.asText()));
                details.put("MessageArgs", String.join(", ", args));
            }
            out.add(new DeviceEvent(deviceId, source, messageId,
                    severity.isEmpty() ? Optional.empty() : Optional.of(severity),
                    record.path("Message").asText(""), details, clock.instant()));
        }
        return out;
    }

    /** Deletes the subscriptions made by {@link #subscribe} and stops listening. Never throws. */
    @Override
    public void close() {
        for (int i = 0; i < subscriptions.size(); i++) {
            RedfishHttp http = subscriptions.get(i);
            try {
                RedfishHttp.Response r = http.delete(subscriptionLocations.get(i));
                if (r.status() / 100 != 2) {
                    LOG.warn("{}: deleting event subscription {} returned HTTP {}", http.target().describe(),
                            subscriptionLocations.get(i), r.status());
                }
            } catch (DriverException e) {
                LOG.warn("could not delete event subscription: {}", e.getMessage());
            } finally {
                http.close();
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
