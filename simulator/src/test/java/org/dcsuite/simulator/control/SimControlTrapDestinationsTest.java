package org.dcsuite.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver;
import org.dcsuite.simulator.SimPushFixtures;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.simulator.SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trap destinations set at run time through the control API, with its bearer token: a manager added there hears
 * the trap of a fault injected there, and one removed hears nothing more.
 */
class SimControlTrapDestinationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Secret token = SimControlToken.generate();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private SnmpTrapReceiver receiver;
    private Simulator simulator;
    private SimControlServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = SnmpTrapReceiver.builder().listen(InetAddress.getLoopbackAddress(), 0)
                .community(Secret.of(SimPushFixtures.COMMUNITY)).start(events::add);
        DcsuiteConfig config = SimPushFixtures.config(dir);
        simulator = Simulator.start(config, 3, Clock.systemUTC(), SimulatorOptions.builder()
                .conditionScanInterval(SimPushFixtures.SCAN).build());
        server = SimControlServer.start(SimFaultInjector.of(simulator, config, Clock.systemUTC()), 0, token);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aDestinationAddedThroughTheApiHearsTheFaultInjectedThroughIt() throws Exception {
        String address = "127.0.0.1:" + receiver.port();
        HttpResponse<String> added = send("POST", "/trap-destinations",
                "{\"address\": \"" + address + "\", \"type\": \"trap\"}", true);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(added.body()).path("address").asText()).isEqualTo(address);
        assertThat(JSON.readTree(send("GET", "/trap-destinations", null, true).body()).toString())
                .contains(address, "\"trap\"");

        assertThat(send("POST", "/faults", "{\"device\": \"" + SimPushFixtures.UPS + "\", \"fault\": \"on_battery\"}",
                true).statusCode()).isEqualTo(201);
        SimPushFixtures.eventually("upsTrapOnBattery in " + events,
                () -> events.stream().anyMatch(e -> e.type().equals("upsTrapOnBattery")));

        assertThat(send("DELETE", "/trap-destinations/" + address, null, true).statusCode()).isEqualTo(204);
        assertThat(simulator.trapDestinations().list()).isEmpty();
        assertThat(send("DELETE", "/trap-destinations/" + address, null, true).statusCode()).isEqualTo(404);
    }

    @Test
    void badOrUnauthenticatedRequestsChangeNothing() throws Exception {
        assertThat(send("POST", "/trap-destinations", "{\"address\": \"127.0.0.1:1162\"}", false).statusCode())
                .isEqualTo(401);
        for (String body : List.of("{\"address\": \"127.0.0.1\"}", "{\"address\": \"127.0.0.1:0\"}",
                "{\"address\": \"127.0.0.1:1162\", \"type\": \"email\"}", "{\"type\": \"trap\"}",
                "{\"address\": \"127.0.0.1:1162\", \"community\": \"x\"}", "[]")) {
            HttpResponse<String> r = send("POST", "/trap-destinations", body, true);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(body).isNotEmpty();
        }
        assertThat(simulator.trapDestinations().list()).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean authenticated)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            b.header("Authorization", "Bearer " + token.reveal());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
