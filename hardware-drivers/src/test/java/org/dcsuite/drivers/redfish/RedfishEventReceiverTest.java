package org.dcsuite.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.event.DeviceEvent;
import org.junit.jupiter.api.Test;

/** Event pushes in, subscriptions out. */
class RedfishEventReceiverTest {

    private static final String EVENT = """
            {"@odata.type": "#Event.v1_7_0.Event", "Id": "1", "Name": "Event Array", "Context": "dcsuite:srv-1",
             "Events": [{"EventType": "Alert", "EventId": "4593", "EventTimestamp": "2026-11-02T09:58:00+01:00",
               "Severity": "Warning", "Message": "Fan 2 is below its lower caution threshold.",
               "MessageId": "Sensor.1.0.ReadingBelowLowerCautionThreshold", "MessageArgs": ["Fan 2", "900"],
               "OriginOfCondition": {"@odata.id": "/redfish/v1/Chassis/1U/Sensors/FanBay2"}},
              {"MessageId": "ResourceEvent.1.0.ResourceCreated", "MessageSeverity": "OK", "Message": "Created."}]}
            """;

    private static int post(URI uri, String body) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void eventRecordsBecomeDeviceEventsAndMalformedPayloadsAreCounted() throws Exception {
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        try (RedfishEventReceiver receiver = RedfishEventReceiver.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), events::add,
                RedfishTestServer.CLOCK)) {
            URI destination = receiver.destination("127.0.0.1", "srv-1");
            assertThat(post(destination, EVENT)).isEqualTo(204);
            for (String bad : List.of("{\"Events\": [", "[1,2]", "{\"Events\": [{\"Message\": \"no id\"}]}", "")) {
                assertThat(post(destination, bad)).isEqualTo(400);
            }
            assertThat(receiver.rejected()).isEqualTo(4);
            assertThat(receiver.accepted()).isEqualTo(2);
            DeviceEvent first = events.get(0);
            assertThat(first.deviceId()).contains("srv-1");
            assertThat(first.type()).isEqualTo("Sensor.1.0.ReadingBelowLowerCautionThreshold");
            assertThat(first.severity()).contains("Warning");
            assertThat(first.message()).isEqualTo("Fan 2 is below its lower caution threshold.");
            assertThat(first.details()).containsEntry("OriginOfCondition", "/redfish/v1/Chassis/1U/Sensors/FanBay2")
                    .containsEntry("MessageArgs", "Fan 2, 900");
            // The receiver's clock dates events (a BMC's clock is often wrong); the device's own time is kept.
            assertThat(first.time()).isEqualTo(RedfishTestServer.CLOCK.instant());
            assertThat(first.details()).containsEntry("EventTimestamp", "2026-11-02T09:58:00+01:00");
            assertThat(first.source()).startsWith("redfish://127.0.0.1:");
            assertThat(events.get(1).severity()).contains("OK");
            assertThat(events.get(1).time()).isEqualTo(RedfishTestServer.CLOCK.instant());
        }
    }

    @Test
    void eventsWithoutTheDestinationTokenAreRefusedAndNeverDelivered() throws Exception {
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        try (RedfishEventReceiver receiver = RedfishEventReceiver.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), events::add,
                RedfishTestServer.CLOCK)) {
            URI destination = receiver.destination("127.0.0.1", "srv-1");
            String base = destination.toString().substring(0, destination.toString().lastIndexOf('/'));
            assertThat(destination.getPath()).matches("/events/srv-1/[0-9a-f]{32}");
            assertThat(receiver.destination("127.0.0.1", "srv-1")).isEqualTo(destination);
            assertThat(receiver.destination("127.0.0.1", "srv-2")).isNotEqualTo(destination);

            assertThat(post(URI.create(base), EVENT)).isEqualTo(404);
            assertThat(post(URI.create(base + "/" + "0".repeat(32)), EVENT)).isEqualTo(404);
            assertThat(post(URI.create(base.replace("srv-1", "srv-2") + destination.getPath()
                    .substring(destination.getPath().lastIndexOf('/'))), EVENT)).isEqualTo(404);
            assertThat(post(URI.create(destination + "/extra"), EVENT)).isEqualTo(404);
            assertThat(events).isEmpty();
            assertThat(receiver.rejected()).isEqualTo(4);

            assertThat(post(destination, EVENT)).isEqualTo(204);
            assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.deviceId()).contains("srv-1"));
        }
    }

    @Test
    void subscriptionIsCreatedAndDeletedOnClose() throws Exception {
        try (RedfishTestServer service = RedfishTestServer.http(RedfishTestServer.mockup())) {
            service.requireAuth = true;
            List<String> deletes = new CopyOnWriteArrayList<>();
            service.overrides.put("/redfish/v1/EventService/Subscriptions/99", ex -> {
                deletes.add(ex.getRequestMethod());
                RedfishTestServer.send(ex, 204, null);
            });
            service.overrides.put("/redfish/v1/EventService/Subscriptions", ex -> {
                service.posts.add(new String(ex.getRequestBody().readAllBytes()));
                ex.getResponseHeaders().add("Location", "/redfish/v1/EventService/Subscriptions/99");
                RedfishTestServer.send(ex, 201, "{}");
            });
            try (RedfishEventReceiver receiver = RedfishEventReceiver.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), e -> { },
                    RedfishTestServer.CLOCK)) {
                String location = receiver.subscribe(service.target("redfish", Map.of()), "10.0.0.9");
                assertThat(location).isEqualTo("/redfish/v1/EventService/Subscriptions/99");
                var body = RedfishTestServer.JSON.readTree(service.posts.get(0));
                assertThat(body.get("Destination").asText()).isEqualTo(receiver.destination("10.0.0.9", "srv-1").toString());
                assertThat(body.get("Protocol").asText()).isEqualTo("Redfish");
                assertThat(body.get("EventFormatType").asText()).isEqualTo("Event");
            }
            assertThat(deletes).containsExactly("DELETE");
            assertThat(service.sessionsDeleted).hasValue(1);
        }
    }
}
