package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.redfish.RedfishEventReceiver;
import org.dcsuite.simulator.control.SimFaultInjector;
import org.dcsuite.simulator.control.SimFaultRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated BMC's EventService: subscriptions over real HTTP, validated and authenticated, and Event payloads
 * pushed to a real HTTP server (and to the drivers' Redfish event receiver) when a fault starts and ends.
 */
class SimRedfishEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTIONS = "/redfish/v1/EventService/Subscriptions";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, List<JsonNode>> received = Map.of("/a", new CopyOnWriteArrayList<>(), "/b",
            new CopyOnWriteArrayList<>());
    private DcsuiteConfig config;
    private Simulator simulator;
    private SimFaultInjector injector;
    private HttpServer destination;
    private URI bmc;

    @BeforeEach
    void start() throws Exception {
        config = SimPushFixtures.config(dir);
        simulator = Simulator.start(config, 3, java.time.Clock.systemUTC(), SimulatorOptions.builder()
                .conditionScanInterval(SimPushFixtures.SCAN).eventRetry(2, Duration.ofMillis(200)).build());
        injector = SimFaultInjector.of(simulator, config, java.time.Clock.systemUTC());
        bmc = URI.create(simulator.endpoints().stream().filter(e -> e.deviceId().equals(SimPushFixtures.SERVER))
                .findFirst().orElseThrow().endpoint().replace("redfish://", "http://"));
        destination = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        received.forEach((path, list) -> destination.createContext(path, ex -> {
            try (ex) {
                list.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
                ex.sendResponseHeaders(204, -1);
            }
        }));
        destination.start();
    }

    @AfterEach
    void stop() {
        if (destination != null) {
            destination.stop(0);
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aFanFailurePushesAnEventAtStartAndAtEnd() throws Exception {
        HttpResponse<String> created = post(SUBSCRIPTIONS, """
                {"Destination": "%s", "Protocol": "Redfish", "Context": "ctx-42",
                 "RegistryPrefixes": ["ResourceEvent"], "HttpHeaders": [{"X-Test": "yes"}]}""".formatted(dest("/a")),
                true);
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SUBSCRIPTIONS + "/");
        JsonNode subscription = JSON.readTree(get(location, true).body());
        assertThat(subscription.path("Destination").asText()).isEqualTo(dest("/a"));
        assertThat(subscription.path("Context").asText()).isEqualTo("ctx-42");
        assertThat(subscription.path("HttpHeaders").isNull()).isTrue();
        assertThat(JSON.readTree(get(SUBSCRIPTIONS, true).body()).path("Members@odata.count").asInt()).isEqualTo(1);
        JsonNode service = JSON.readTree(get("/redfish/v1/EventService", true).body());
        assertThat(service.path("ServiceEnabled").asBoolean()).isTrue();
        assertThat(service.path("DeliveryRetryAttempts").asInt()).isEqualTo(2);
        assertThat(service.path("RegistryPrefixes").toString()).contains("ResourceEvent");

        injector.inject("test", request("fan_failed"));
        List<JsonNode> events = received.get("/a");
        SimPushFixtures.eventually("the fan failure event", () -> !events.isEmpty());
        JsonNode event = events.get(0);
        assertThat(event.path("@odata.type").asText()).matches("#Event\\.v1_\\d+_\\d+\\.Event");
        assertThat(event.path("Id").asText()).isNotEmpty();
        assertThat(event.path("Name").asText()).isNotEmpty();
        assertThat(event.path("Context").asText()).isEqualTo("ctx-42");
        JsonNode record = event.path("Events").get(0);
        assertThat(record.path("EventType").asText()).isEqualTo("Alert");
        assertThat(record.path("EventId").asText()).isNotEmpty();
        assertThat(OffsetDateTime.parse(record.path("EventTimestamp").asText())).isNotNull();
        assertThat(record.path("MessageId").asText()).isEqualTo("ResourceEvent.1.3.0.ResourceErrorsDetected");
        assertThat(record.path("Severity").asText()).isEqualTo("Warning");
        assertThat(record.path("MessageSeverity").asText()).isEqualTo("Warning");
        assertThat(record.path("Message").asText()).contains("fan-1");
        assertThat(record.path("MessageArgs").size()).isEqualTo(2);
        assertThat(record.path("OriginOfCondition").path("@odata.id").asText())
                .isEqualTo("/redfish/v1/Chassis/1/ThermalSubsystem/Fans/fan-1");
        assertThat(JSON.readTree(get("/redfish/v1/Chassis/1/ThermalSubsystem/Fans/fan-1", true).body())
                .path("Status").path("Health").asText()).isEqualTo("Critical");

        injector.clear("test", SimPushFixtures.SERVER);
        SimPushFixtures.eventually("the fan recovery event", () -> events.size() >= 2);
        assertThat(events.get(1).path("Events").get(0).path("MessageId").asText())
                .isEqualTo("ResourceEvent.1.3.0.ResourceErrorsCorrected");
        assertThat(events.get(1).path("Events").get(0).path("MessageSeverity").asText()).isEqualTo("OK");
    }

    @Test
    void deletingASubscriptionStopsItsDeliveries() throws Exception {
        String a = post(SUBSCRIPTIONS, body(dest("/a")), true).headers().firstValue("Location").orElseThrow();
        assertThat(post(SUBSCRIPTIONS, body(dest("/b")), true).statusCode()).isEqualTo(201);
        assertThat(delete(a, true).statusCode()).isEqualTo(204);
        assertThat(get(a, true).statusCode()).isEqualTo(404);

        injector.inject("test", request("fan_failed"));
        // Both subscriptions would be served by the same publication; once b has it, a would have had it too.
        SimPushFixtures.eventually("the event on the remaining subscription", () -> !received.get("/b").isEmpty());
        assertThat(received.get("/a")).isEmpty();
    }

    @Test
    void badSubscriptionsAreRefusedWithARedfishError() throws Exception {
        Map<String, String> bad = Map.of(
                "{\"Protocol\": \"Redfish\"}", "Base.1.5.PropertyMissing",
                "{\"Destination\": \"" + dest("/a") + "\", \"Protocol\": \"SNMPv2c\"}", "Base.1.5.PropertyValueNotInList",
                "{\"Destination\": \"not a uri\", \"Protocol\": \"Redfish\"}", "Base.1.5.PropertyValueFormatError",
                "{\"Destination\": \"ftp://127.0.0.1/x\", \"Protocol\": \"Redfish\"}", "Base.1.5.PropertyValueFormatError",
                "{\"Destination\": 7, \"Protocol\": \"Redfish\"}", "Base.1.5.PropertyValueTypeError",
                "{\"Destination\": \"" + dest("/a") + "\", \"Protocol\": \"Redfish\", \"Colour\": 1}",
                "Base.1.5.PropertyUnknown",
                "{\"Destination\": \"" + dest("/a") + "\", \"Protocol\": \"Redfish\", \"RegistryPrefixes\": [\"Nope\"]}",
                "Base.1.5.PropertyValueNotInList",
                "{\"Destination\": \"" + dest("/a") + "\", \"Protocol\": \"Redfish\", \"HttpHeaders\": [{\"Host\": \"x\"}]}",
                "Base.1.5.PropertyValueFormatError",
                "{not json", "Base.1.5.MalformedJSON");
        for (var e : bad.entrySet()) {
            HttpResponse<String> r = post(SUBSCRIPTIONS, e.getKey(), true);
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            JsonNode info = JSON.readTree(r.body()).path("error").path("@Message.ExtendedInfo").get(0);
            assertThat(info.path("MessageId").asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(JSON.readTree(get(SUBSCRIPTIONS, true).body()).path("Members@odata.count").asInt()).isZero();
    }

    @Test
    void theEventServiceNeedsAuthentication() throws Exception {
        assertThat(get("/redfish/v1/EventService", false).statusCode()).isEqualTo(401);
        assertThat(get(SUBSCRIPTIONS, false).statusCode()).isEqualTo(401);
        assertThat(post(SUBSCRIPTIONS, body(dest("/a")), false).statusCode()).isEqualTo(401);
        String location = post(SUBSCRIPTIONS, body(dest("/a")), true).headers().firstValue("Location").orElseThrow();
        assertThat(delete(location, false).statusCode()).isEqualTo(401);
        assertThat(get(location, true).statusCode()).isEqualTo(200);
    }

    @Test
    void theDriversEventReceiverSubscribesAndHearsTheFanFailure() throws Exception {
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        Device server = config.locations().stream().map(DeviceLocation::device)
                .filter(d -> d.id().equals(SimPushFixtures.SERVER)).findFirst().orElseThrow();
        try (RedfishEventReceiver receiver = RedfishEventReceiver.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), java.util.Optional.empty(), events::add,
                java.time.Clock.systemUTC())) {
            String location = receiver.subscribe(DeviceTarget.of(server, java.time.Clock.systemUTC()), "127.0.0.1");
            assertThat(location).contains("/EventService/Subscriptions/");
            injector.inject("test", request("fan_failed"));
            SimPushFixtures.eventually("the receiver's event", () -> !events.isEmpty());
            DeviceEvent e = events.get(0);
            assertThat(e.deviceId()).contains(SimPushFixtures.SERVER);
            assertThat(e.type()).isEqualTo("ResourceEvent.1.3.0.ResourceErrorsDetected");
            assertThat(e.severity()).contains("Warning");
            assertThat(e.details()).containsEntry("OriginOfCondition",
                    "/redfish/v1/Chassis/1/ThermalSubsystem/Fans/fan-1");
        }
        // Closing the receiver deletes its subscription on the BMC.
        assertThat(JSON.readTree(get(SUBSCRIPTIONS, true).body()).path("Members@odata.count").asInt()).isZero();
    }

    private SimFaultRequest request(String fault) {
        return SimFaultRequest.parse(Map.of("device", SimPushFixtures.SERVER, "fault", fault),
                java.time.Clock.systemUTC());
    }

    private String dest(String path) {
        return "http://127.0.0.1:" + destination.getAddress().getPort() + path;
    }

    private static String body(String destination) {
        return "{\"Destination\": \"" + destination + "\", \"Protocol\": \"Redfish\", \"Context\": \"c\"}";
    }

    private HttpResponse<String> get(String path, boolean authenticated) throws IOException, InterruptedException {
        return client.send(request(path, authenticated).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path, boolean authenticated) throws IOException, InterruptedException {
        return client.send(request(path, authenticated).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, boolean authenticated)
            throws IOException, InterruptedException {
        return client.send(request(path, authenticated).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, boolean authenticated) {
        HttpRequest.Builder b = HttpRequest.newBuilder(bmc.resolve(path)).timeout(Duration.ofSeconds(10));
        if (authenticated) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (SimPushFixtures.BMC_USER + ":" + SimPushFixtures.BMC_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }
}
