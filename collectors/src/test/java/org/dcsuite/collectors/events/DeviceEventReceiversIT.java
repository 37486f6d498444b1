package org.dcsuite.collectors.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.collectors.events.EventFixtures.await;
import static org.dcsuite.collectors.events.EventFixtures.everything;
import static org.dcsuite.collectors.events.EventFixtures.locate;
import static org.dcsuite.collectors.events.EventFixtures.redfishDevice;
import static org.dcsuite.collectors.events.EventFixtures.snmpDevice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.config.RedfishEventReceiverConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.config.SnmpTrapReceiverConfig;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver;
import org.dcsuite.storage.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receivers, pipeline and a real store end to end: SNMP traps and informs sent by SNMP4J over loopback UDP, Redfish
 * subscriptions made against a fake EventService and events POSTed to the listener over HTTP.
 */
class DeviceEventReceiversIT {

    private static final String COMMUNITY = "pdu-c0mmunity";
    private static final String EXTRA_COMMUNITY = "extra-c0mmunity";
    private static final String LINK_DOWN = "1.3.6.1.6.3.1.1.5.3";
    private static final Map<String, String> PDU_TOPOLOGY = Map.of("site", "paris", "room", "room-1", "rack", "r01",
            "device", "pdu-a", "feed", "A", "owner", "ops");

    private final RecordingTelemetryBus bus = new RecordingTelemetryBus();
    private TelemetryStore store;
    private DeviceEventPipeline pipeline;
    private DeviceEventReceivers receivers;
    private FakeRedfishService service;
    private PostgresTestDatabase postgres;

    @AfterEach
    void stop() {
        if (receivers != null) {
            receivers.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (store != null) {
            store.close();
        }
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private void start(String storeUrl, List<Device> devices, boolean subscribe) throws IOException {
        store = TelemetryStores.open(new StoreSettings(storeUrl, RetentionPolicy.DEFAULT, Clock.systemUTC()));
        List<DeviceLocation> locations = locate(devices.toArray(Device[]::new));
        pipeline = DeviceEventPipeline.builder(store).bus(bus).devices(locations).start();
        receivers = DeviceEventReceivers.builder()
                .snmpTraps(new SnmpTrapReceiverConfig(true, "127.0.0.1", 0, List.of(Secret.of(EXTRA_COMMUNITY))))
                .redfishEvents(new RedfishEventReceiverConfig(true, "127.0.0.1", 0, Optional.empty(), subscribe))
                .devices(devices)
                .resubscribeInterval(Duration.ofMillis(100))
                .start(pipeline);
    }

    /** Sends a v2c linkDown trap or inform from 127.0.0.1; returns whether an inform was answered. */
    private boolean send(int pduType, String community, String marker) throws IOException {
        Snmp snmp = new Snmp(new DefaultUdpTransportMapping());
        try {
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress("127.0.0.1/" + receivers.snmpTrapPort().getAsInt()), new OctetString(community));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(5_000);
            target.setRetries(2);
            PDU pdu = new PDU();
            pdu.setType(pduType);
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(4242)));
            pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID(LINK_DOWN)));
            pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.2"), new Integer32(2)));
            pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.1.5.0"), new OctetString(marker)));
            ResponseEvent<UdpAddress> response = snmp.send(pdu, target);
            return response != null && response.getResponse() != null;
        } finally {
            snmp.close();
        }
    }

    private List<DeviceEvent> storedWith(String marker) {
        return store.events(everything()).stream().filter(e -> e.details().containsValue(marker)).toList();
    }

    private void trapIsStoredWithItsDeviceAndPublished(String storeUrl) throws Exception {
        start(storeUrl, List.of(snmpDevice("pdu-a", "127.0.0.1", COMMUNITY)), false);
        send(PDU.TRAP, COMMUNITY, "first");
        await("the trap stored", () -> storedWith("first").size() == 1);

        DeviceEvent stored = storedWith("first").get(0);
        assertThat(stored.deviceId()).contains("pdu-a");
        assertThat(stored.labels()).isEqualTo(PDU_TOPOLOGY);
        assertThat(stored.type()).isEqualTo("linkDown");
        assertThat(stored.source()).startsWith("snmp://127.0.0.1:");
        assertThat(store.events(everything().site("paris").device("pdu-a"))).containsExactly(stored);
        assertThat(bus.events).containsExactly(stored);
    }

    @Test
    void aV2cTrapIsStoredWithItsDeviceLabelsAndPublished() throws Exception {
        trapIsStoredWithItsDeviceAndPublished("duckdb::memory:");
    }

    @Test
    void aV2cTrapIsStoredWithItsDeviceLabelsOnPostgres() throws Exception {
        postgres = PostgresTestDatabase.connectOrSkip();
        trapIsStoredWithItsDeviceAndPublished(postgres.newSchemaUrl());
    }

    @Test
    void anInformIsAnsweredAndStoredAndAWrongCommunityIsNot() throws Exception {
        start("duckdb::memory:", List.of(snmpDevice("pdu-a", "127.0.0.1", COMMUNITY)), false);

        assertThat(send(PDU.INFORM, EXTRA_COMMUNITY, "inform")).as("inform answered").isTrue();
        await("the inform stored", () -> storedWith("inform").size() == 1);

        send(PDU.TRAP, "wrong-community", "wrong");
        await("the wrong community counted", () -> receivers.snmpTrapsDropped()
                .getOrDefault(SnmpTrapReceiver.Drop.UNKNOWN_COMMUNITY, 0L) >= 1);
        send(PDU.TRAP, COMMUNITY, "after");
        await("the next trap stored", () -> storedWith("after").size() == 1);
        assertThat(storedWith("wrong")).isEmpty();
        assertThat(pipeline.stored()).isEqualTo(2);
    }

    @Test
    void redfishDevicesAreSubscribedRetriedAndTheirEventsStored() throws Exception {
        service = new FakeRedfishService();
        service.refuse = true;
        Device server = redfishDevice("srv-1", "127.0.0.1", service.port());
        start("duckdb::memory:", List.of(snmpDevice("pdu-a", "127.0.0.1", COMMUNITY), server), true);
        assertThat(receivers.redfishEventPort()).isPresent();

        await("a refused subscription", () -> service.refused.get() >= 1);
        assertThat(receivers.subscribedDevices()).isEmpty();
        service.refuse = false;
        await("the retried subscription", () -> receivers.subscribedDevices().contains("srv-1"));

        String destination = new ObjectMapper().readTree(service.subscriptionBodies.get(0)).get("Destination")
                .asText();
        assertThat(destination).startsWith("http://127.0.0.1:" + receivers.redfishEventPort().getAsInt()
                + "/events/srv-1/");
        String event = """
                {"Events": [{"EventType": "Alert", "Severity": "Critical", "MessageId": "Power.1.0.PowerSupplyFailed",
                  "Message": "Power supply 1 failed.", "OriginOfCondition": {"@odata.id": "/redfish/v1/Chassis/1"}}]}
                """;
        try (HttpClient client = HttpClient.newHttpClient()) {
            int status = client.send(HttpRequest.newBuilder(URI.create(destination))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(status).isEqualTo(204);
        }
        await("the Redfish event stored", () -> !store.events(everything().device("srv-1")).isEmpty());
        DeviceEvent stored = store.events(everything().device("srv-1")).get(0);
        assertThat(stored.type()).isEqualTo("Power.1.0.PowerSupplyFailed");
        assertThat(stored.severity()).contains("Critical");
        assertThat(stored.labels()).containsEntry("site", "paris").containsEntry("device", "srv-1");
        assertThat(bus.events).contains(stored);

        receivers.close();
        receivers = null;
        assertThat(service.deleted).containsExactly(FakeRedfishService.SUBSCRIPTIONS + "/1");
    }

    @Test
    void disabledReceiversAreNotStarted() throws Exception {
        store = TelemetryStores.open(new StoreSettings("duckdb::memory:", RetentionPolicy.DEFAULT,
                Clock.systemUTC()));
        pipeline = DeviceEventPipeline.builder(store).start();
        receivers = DeviceEventReceivers.builder()
                .snmpTraps(new SnmpTrapReceiverConfig(false, "127.0.0.1", 0, List.of(Secret.of(EXTRA_COMMUNITY))))
                .redfishEvents(new RedfishEventReceiverConfig(false, "127.0.0.1", 0, Optional.empty(), true))
                .devices(List.of(redfishDevice("srv-1", "127.0.0.1", 1)))
                .start(pipeline);
        assertThat(receivers.snmpTrapPort()).isEmpty();
        assertThat(receivers.redfishEventPort()).isEmpty();
        assertThat(receivers.subscribedDevices()).isEmpty();
    }
}
