package org.dcsuite.simulator.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.redfish.SimRedfishMessages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EventService of one BMC: subscriptions created with POST, listed, read and deleted like any Redfish
 * resource, and an {@code Event} pushed to each matching subscription's Destination when a condition of the
 * server starts or ends. Each subscription has its own bounded queue and virtual thread, so a slow or dead
 * destination delays only its own events, retried {@code DeliveryRetryAttempts} times, and never the BMC's
 * answers or the model. Thread-safe.
 */
final class SimRedfishEventService implements AutoCloseable {

    static final String SERVICE = "/redfish/v1/EventService";
    static final String SUBSCRIPTIONS = SERVICE + "/Subscriptions";
    /** The message registries events come from, as RegistryPrefixes name them. */
    static final List<String> REGISTRY_PREFIXES = List.of("ResourceEvent");
    /** The resource types events originate from, as ResourceTypes name them. */
    static final List<String> RESOURCE_TYPES = List.of("ComputerSystem", "Fan", "PowerSupply", "Sensor");
    /** ResourceEvent 1.3.0, a DMTF registry every Redfish client knows. */
    static final String REGISTRY = "ResourceEvent.1.3.0.";
    /** Subscriptions a BMC keeps at most; real ones allow a handful to a few dozen. */
    static final int MAX_SUBSCRIPTIONS = 32;
    /** Events waiting for one destination at most; older ones are dropped first when a destination is dead. */
    static final int QUEUE_CAPACITY = 256;

    private static final Logger LOG = LoggerFactory.getLogger(SimRedfishEventService.class);
    private static final Set<String> PROPERTIES = Set.of("Destination", "Protocol", "Context", "EventFormatType",
            "RegistryPrefixes", "ResourceTypes", "HttpHeaders", "SubscriptionType");
    /** Headers the HTTP client sets itself and a subscriber may not override. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String serverId;
    private final int retryAttempts;
    private final Duration retryInterval;
    private final HttpClient http;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final AtomicLong nextSubscriptionId = new AtomicLong(1);
    private final AtomicLong nextEventId = new AtomicLong(1);

    SimRedfishEventService(String serverId, int retryAttempts, Duration retryInterval) {
        this.serverId = serverId;
        this.retryAttempts = retryAttempts;
        this.retryInterval = retryInterval;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    /** One subscription with the thread that delivers its events in order. */
    private final class Subscription {
        final String id;
        final URI destination;
        final String context;
        final List<String> registryPrefixes;
        final List<String> resourceTypes;
        final Map<String, String> headers;
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        final Thread sender;

        Subscription(String id, URI destination, String context, List<String> registryPrefixes,
                List<String> resourceTypes, Map<String, String> headers) {
            this.id = id;
            this.destination = destination;
            this.context = context;
            this.registryPrefixes = registryPrefixes;
            this.resourceTypes = resourceTypes;
            this.headers = headers;
            this.sender = Thread.ofVirtual().name("sim-redfish-events-" + serverId + "-" + id).unstarted(this::run);
        }

        boolean wants(SimRedfishEvent event) {
            return (registryPrefixes.isEmpty() || registryPrefixes.contains(event.registryPrefix()))
                    && (resourceTypes.isEmpty() || resourceTypes.contains(event.resourceType()));
        }

        void offer(byte[] payload) {
            while (!queue.offer(payload)) {
                // Full: the destination has been dead for a while; its oldest event is the least useful one.
                queue.poll();
                LOG.warn("server '{}': Redfish event queue of subscription {} full, oldest event dropped", serverId,
                        id);
            }
        }

        private void run() {
            try {
                while (true) {
                    deliver(queue.take());
                }
            } catch (InterruptedException e) {
                // Deleted or closed: events still queued go nowhere, as on a BMC.
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(byte[] payload) throws InterruptedException {
            for (int attempt = 0; attempt <= retryAttempts; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(retryInterval);
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(destination).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
                headers.forEach(request::header);
                try {
                    int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) {
                        return;
                    }
                    LOG.debug("server '{}': Redfish event to subscription {} answered HTTP {}", serverId, id, status);
                } catch (IOException e) {
                    LOG.debug("server '{}': Redfish event to subscription {} failed: {}", serverId, id, e.toString());
                }
            }
            // The destination is never logged: receivers put a secret token in it.
            LOG.warn("server '{}': Redfish event to subscription {} given up after {} retries", serverId, id,
                    retryAttempts);
        }
    }

    // ---- Resources -------------------------------------------------------------------------------------------

    /** Adds the EventService, the subscription collection and each subscription to what the BMC serves. */
    synchronized void addTo(SimRedfishResources resources) {
        ObjectNode service = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.id", SERVICE)
                .put("@odata.type", "#EventService.v1_10_0.EventService")
                .put("Id", "EventService")
                .put("Name", "Event Service")
                .put("ServiceEnabled", true)
                .put("DeliveryRetryAttempts", retryAttempts)
                .put("DeliveryRetryIntervalSeconds", retryInterval.toSeconds());
        service.putObject("Status").put("State", "Enabled").put("Health", "OK");
        service.putArray("EventTypesForSubscription").add("Alert").add("StatusChange");
        ArrayNode prefixes = service.putArray("RegistryPrefixes");
        REGISTRY_PREFIXES.forEach(prefixes::add);
        ArrayNode types = service.putArray("ResourceTypes");
        RESOURCE_TYPES.forEach(types::add);
        service.putArray("EventFormatTypes").add("Event");
        service.putObject("Subscriptions").put("@odata.id", SUBSCRIPTIONS);
        resources.put(SERVICE, service);
        ObjectNode collection = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.id", SUBSCRIPTIONS)
                .put("@odata.type", "#EventDestinationCollection.EventDestinationCollection")
                .put("Name", "Event Subscriptions Collection")
                .put("Members@odata.count", subscriptions.size());
        ArrayNode members = collection.putArray("Members");
        for (Subscription s : subscriptions.values()) {
            members.addObject().put("@odata.id", SUBSCRIPTIONS + "/" + s.id);
            resources.put(SUBSCRIPTIONS + "/" + s.id, json(s));
        }
        resources.put(SUBSCRIPTIONS, collection);
    }

    private static ObjectNode json(Subscription s) {
        ObjectNode n = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.id", SUBSCRIPTIONS + "/" + s.id)
                .put("@odata.type", "#EventDestination.v1_13_0.EventDestination")
                .put("Id", s.id)
                .put("Name", "Event Subscription " + s.id)
                .put("Destination", s.destination.toString())
                .put("Protocol", "Redfish")
                .put("SubscriptionType", "RedfishEvent")
                .put("EventFormatType", "Event")
                .put("Context", s.context);
        ArrayNode prefixes = n.putArray("RegistryPrefixes");
        s.registryPrefixes.forEach(prefixes::add);
        ArrayNode types = n.putArray("ResourceTypes");
        s.resourceTypes.forEach(types::add);
        // Header values may hold credentials for the destination; Redfish shows HttpHeaders as null on reads.
        n.putNull("HttpHeaders");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    // ---- Requests --------------------------------------------------------------------------------------------

    /** The outcome of a POST: the new subscription's path, or the status and error body to answer. */
    record Created(Optional<String> location, int status, ObjectNode body) {
    }

    /** Validates a subscription request and creates the subscription. */
    Created create(JsonNode request) {
        for (var p : request.properties()) {
            if (!PROPERTIES.contains(p.getKey())) {
                return invalid(Message.PROPERTY_UNKNOWN, p.getKey());
            }
        }
        JsonNode destination = request.get("Destination");
        if (destination == null) {
            return invalid(Message.PROPERTY_MISSING, "Destination");
        }
        if (!destination.isTextual()) {
            return invalid(Message.PROPERTY_VALUE_TYPE_ERROR, destination.toString(), "Destination");
        }
        URI uri;
        try {
            uri = new URI(destination.asText());
        } catch (URISyntaxException e) {
            return invalid(Message.PROPERTY_VALUE_FORMAT_ERROR, destination.asText(), "Destination");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return invalid(Message.PROPERTY_VALUE_FORMAT_ERROR, destination.asText(), "Destination");
        }
        JsonNode protocol = request.get("Protocol");
        if (protocol == null) {
            return invalid(Message.PROPERTY_MISSING, "Protocol");
        }
        if (!protocol.isTextual()) {
            return invalid(Message.PROPERTY_VALUE_TYPE_ERROR, protocol.toString(), "Protocol");
        }
        if (!protocol.asText().equals("Redfish")) {
            return invalid(Message.PROPERTY_VALUE_NOT_IN_LIST, protocol.asText(), "Protocol");
        }
        Optional<Created> bad = oneOf(request, "EventFormatType", List.of("Event"))
                .or(() -> oneOf(request, "SubscriptionType", List.of("RedfishEvent")));
        if (bad.isPresent()) {
            return bad.get();
        }
        JsonNode context = request.get("Context");
        if (context != null && !context.isTextual() && !context.isNull()) {
            return invalid(Message.PROPERTY_VALUE_TYPE_ERROR, context.toString(), "Context");
        }
        List<String> prefixes = new ArrayList<>();
        List<String> types = new ArrayList<>();
        bad = strings(request, "RegistryPrefixes", REGISTRY_PREFIXES, prefixes)
                .or(() -> strings(request, "ResourceTypes", RESOURCE_TYPES, types));
        if (bad.isPresent()) {
            return bad.get();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        bad = headers(request.get("HttpHeaders"), headers);
        if (bad.isPresent()) {
            return bad.get();
        }
        synchronized (this) {
            if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
                return new Created(Optional.empty(), 503,
                        SimRedfishMessages.error(Message.CREATE_LIMIT_REACHED_FOR_RESOURCE));
            }
            String id = Long.toString(nextSubscriptionId.getAndIncrement());
            Subscription s = new Subscription(id, uri, context == null || context.isNull() ? "" : context.asText(),
                    List.copyOf(prefixes), List.copyOf(types), Map.copyOf(headers));
            subscriptions.put(id, s);
            s.sender.start();
            LOG.info("server '{}': Redfish event subscription {} created", serverId, id);
            return new Created(Optional.of(SUBSCRIPTIONS + "/" + id), 201, json(s));
        }
    }

    private static Created invalid(Message m, String... args) {
        return new Created(Optional.empty(), 400, SimRedfishMessages.error(m, args));
    }

    private static Optional<Created> oneOf(JsonNode request, String property, List<String> allowed) {
        JsonNode v = request.get(property);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            return Optional.of(invalid(Message.PROPERTY_VALUE_TYPE_ERROR, v.toString(), property));
        }
        return allowed.contains(v.asText()) ? Optional.empty()
                : Optional.of(invalid(Message.PROPERTY_VALUE_NOT_IN_LIST, v.asText(), property));
    }

    private static Optional<Created> strings(JsonNode request, String property, List<String> allowed,
            List<String> out) {
        JsonNode v = request.get(property);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            return Optional.of(invalid(Message.PROPERTY_VALUE_TYPE_ERROR, v.toString(), property));
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                return Optional.of(invalid(Message.PROPERTY_VALUE_TYPE_ERROR, item.toString(), property));
            }
            if (!allowed.contains(item.asText())) {
                return Optional.of(invalid(Message.PROPERTY_VALUE_NOT_IN_LIST, item.asText(), property));
            }
            out.add(item.asText());
        }
        return Optional.empty();
    }

    /** HttpHeaders: an array of objects whose properties are header names with string values. */
    private static Optional<Created> headers(JsonNode v, Map<String, String> out) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            return Optional.of(invalid(Message.PROPERTY_VALUE_TYPE_ERROR, v.toString(), "HttpHeaders"));
        }
        for (JsonNode item : v) {
            if (!item.isObject()) {
                return Optional.of(invalid(Message.PROPERTY_VALUE_TYPE_ERROR, item.toString(), "HttpHeaders"));
            }
            for (var h : item.properties()) {
                String name = h.getKey();
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                        || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(invalid(Message.PROPERTY_VALUE_FORMAT_ERROR, name, "HttpHeaders"));
                }
                if (!h.getValue().isTextual() || h.getValue().asText().matches(".*[\\r\\n].*")) {
                    // The value is not echoed: it may be a credential.
                    return Optional.of(invalid(Message.PROPERTY_VALUE_TYPE_ERROR, "(value of " + name + ")",
                            "HttpHeaders"));
                }
                out.put(name, h.getValue().asText());
            }
        }
        return Optional.empty();
    }

    /** Deletes a subscription and stops its deliveries; false when there is none with that id. */
    boolean delete(String id) {
        Subscription s;
        synchronized (this) {
            s = subscriptions.remove(id);
        }
        if (s == null) {
            return false;
        }
        s.sender.interrupt();
        LOG.info("server '{}': Redfish event subscription {} deleted", serverId, id);
        return true;
    }

    // ---- Events ----------------------------------------------------------------------------------------------

    /** Queues the event for a condition change to every subscription that wants it; never blocks. */
    void publish(SimConditionChange change) {
        Optional<SimRedfishEvent> event = SimRedfishEvent.of(change);
        if (event.isEmpty()) {
            return;
        }
        List<Subscription> targets;
        synchronized (this) {
            targets = subscriptions.values().stream().filter(s -> s.wants(event.get())).toList();
        }
        for (Subscription s : targets) {
            s.offer(payload(event.get(), s.context));
        }
    }

    private byte[] payload(SimRedfishEvent e, String context) {
        String id = Long.toString(nextEventId.getAndIncrement());
        ObjectNode root = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.type", "#Event.v1_9_0.Event")
                .put("Id", id)
                .put("Name", "Event Array")
                .put("Context", context);
        ObjectNode record = root.putArray("Events").addObject()
                .put("MemberId", "0")
                .put("EventType", e.eventType())
                .put("EventId", id)
                .put("EventTimestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        e.at().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)))
                .put("Severity", e.severity())
                .put("MessageSeverity", e.severity())
                .put("MessageId", REGISTRY + e.messageKey())
                .put("Message", e.message());
        ArrayNode args = record.putArray("MessageArgs");
        e.args().forEach(args::add);
        record.putObject("OriginOfCondition").put("@odata.id", e.origin());
        try {
            return SimRedfishMessages.JSON.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new IllegalStateException("server '" + serverId + "': cannot write a Redfish event", ex);
        }
    }

    /** Stops every delivery; queued events are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            subscriptions.values().forEach(s -> s.sender.interrupt());
            subscriptions.clear();
        }
        http.close();
    }
}
