package org.dcsuite.simulator.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.PASSWORD;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.SERVER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.USER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import org.dcsuite.core.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire protocol checked with a plain HTTP client: status codes, headers, error bodies, sessions, $expand. */
class SimRedfishProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    private final SimRedfishFixtures.RecordingControls controls = new SimRedfishFixtures.RecordingControls();
    private final MutableClock clock = new MutableClock();
    private final HttpClient client = HttpClient.newHttpClient();
    private SimRedfishServer bmc;

    @BeforeEach
    void start() {
        bmc = SimRedfishServer.builder(SERVER, SimRedfishFixtures::server, controls)
                .credentials(USER, Secret.of(PASSWORD))
                .clock(clock)
                .sessionTimeout(Duration.ofMinutes(5))
                .sessionLimit(2)
                .start();
    }

    @AfterEach
    void stop() {
        bmc.close();
        client.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bmc.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String messageId(HttpResponse<String> r) throws IOException {
        return json(r).at("/error/@Message.ExtendedInfo/0/MessageId").asText();
    }

    @Test
    void serviceRootIsPublicAndAdvertisesExpand() throws Exception {
        HttpResponse<String> r = send("GET", "/redfish/v1/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/json"));
        JsonNode root = json(r);
        assertThat(root.at("/ProtocolFeaturesSupported/ExpandQuery/NoLinks").asBoolean()).isTrue();
        assertThat(root.at("/Links/Sessions/@odata.id").asText()).isEqualTo("/redfish/v1/SessionService/Sessions");
        assertThat(send("GET", "/redfish/v1", null).statusCode()).isEqualTo(200);
        assertThat(json(send("GET", "/redfish", null)).path("v1").asText()).isEqualTo("/redfish/v1/");
    }

    @Test
    void everythingElseNeedsCredentials() throws Exception {
        HttpResponse<String> r = send("GET", "/redfish/v1/Chassis", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(messageId(r)).isEqualTo("Base.1.5.NoValidSession");
        assertThat(send("GET", "/redfish/v1/Chassis", null, "Authorization", BASIC).statusCode()).isEqualTo(200);
        String wrong = "Basic " + Base64.getEncoder().encodeToString((USER + ":nope").getBytes(StandardCharsets.UTF_8));
        assertThat(send("GET", "/redfish/v1/Chassis", null, "Authorization", wrong).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/redfish/v1/Chassis", null, "X-Auth-Token", "forged").statusCode()).isEqualTo(401);
    }

    @Test
    void sessionLifecycle() throws Exception {
        HttpResponse<String> login = send("POST", "/redfish/v1/SessionService/Sessions",
                "{\"UserName\":\"" + USER + "\",\"Password\":\"" + PASSWORD + "\"}", "Content-Type", "application/json");
        assertThat(login.statusCode()).isEqualTo(201);
        String token = login.headers().firstValue("X-Auth-Token").orElseThrow();
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/redfish/v1/SessionService/Sessions/");
        assertThat(login.body()).doesNotContain(token);
        assertThat(json(login).path("Password").isNull()).isTrue();

        JsonNode sessions = json(send("GET", "/redfish/v1/SessionService/Sessions", null, "X-Auth-Token", token));
        assertThat(sessions.path("Members").get(0).path("@odata.id").asText()).isEqualTo(location);
        assertThat(json(send("GET", location, null, "X-Auth-Token", token)).path("UserName").asText())
                .isEqualTo(USER);

        assertThat(send("DELETE", location, null, "X-Auth-Token", token).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/redfish/v1/Systems", null, "X-Auth-Token", token).statusCode()).isEqualTo(401);
        assertThat(bmc.activeSessions()).isZero();
    }

    @Test
    void wrongLoginIs401AndMalformedLoginIs400() throws Exception {
        HttpResponse<String> wrong = send("POST", "/redfish/v1/SessionService/Sessions",
                "{\"UserName\":\"" + USER + "\",\"Password\":\"x\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("X-Auth-Token")).isEmpty();
        assertThat(messageId(send("POST", "/redfish/v1/SessionService/Sessions", "{\"UserName\":"))).isEqualTo(
                "Base.1.5.MalformedJSON");
        assertThat(messageId(send("POST", "/redfish/v1/SessionService/Sessions", "{\"UserName\":\"a\"}")))
                .isEqualTo("Base.1.5.PropertyMissing");
    }

    @Test
    void sessionsExpireWhenIdleAndAreLimited() throws Exception {
        String body = "{\"UserName\":\"" + USER + "\",\"Password\":\"" + PASSWORD + "\"}";
        String first = send("POST", "/redfish/v1/SessionService/Sessions", body).headers()
                .firstValue("X-Auth-Token").orElseThrow();
        assertThat(send("POST", "/redfish/v1/SessionService/Sessions", body).statusCode()).isEqualTo(201);
        HttpResponse<String> third = send("POST", "/redfish/v1/SessionService/Sessions", body);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(messageId(third)).isEqualTo("Base.1.5.SessionLimitExceeded");

        clock.advance(Duration.ofMinutes(4));
        assertThat(send("GET", "/redfish/v1/Systems", null, "X-Auth-Token", first).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        // The first session was used 4 minutes ago, the second 8: only the first is still alive.
        assertThat(bmc.activeSessions()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(send("GET", "/redfish/v1/Systems", null, "X-Auth-Token", first).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/redfish/v1/SessionService/Sessions", body).statusCode()).isEqualTo(201);
    }

    @Test
    void expandEmbedsCollectionMembers() throws Exception {
        JsonNode sensors = json(send("GET", "/redfish/v1/Chassis/1/Sensors?$expand=.($levels=1)", null,
                "Authorization", BASIC));
        assertThat(sensors.path("Members")).hasSize(sensors.path("Members@odata.count").asInt());
        JsonNode inlet = sensors.path("Members").get(0);
        assertThat(inlet.path("Id").asText()).isEqualTo("InletTemp");
        assertThat(inlet.path("Reading").asDouble()).isEqualTo(SimRedfishFixtures.server().inletC());

        // "." leaves Links alone, "~" expands only them, "*" both.
        JsonNode chassisDot = json(send("GET", "/redfish/v1/Chassis/1?$expand=.", null, "Authorization", BASIC));
        assertThat(chassisDot.at("/Power/PowerControl/0/PowerConsumedWatts").asDouble()).isEqualTo(412.5);
        assertThat(chassisDot.at("/Links/ComputerSystems/0").size()).isEqualTo(1);
        JsonNode chassisLinks = json(send("GET", "/redfish/v1/Chassis/1?$expand=~", null, "Authorization", BASIC));
        assertThat(chassisLinks.at("/Links/ComputerSystems/0/PowerState").asText()).isEqualTo("On");
        assertThat(chassisLinks.at("/Power").size()).isEqualTo(1);
        JsonNode root = json(send("GET", "/redfish/v1/?$expand=*($levels=2)", null, "Authorization", BASIC));
        assertThat(root.at("/Systems/Members/0/PowerState").asText()).isEqualTo("On");

        // Anonymous readers of the public root get no protected resources through $expand.
        assertThat(json(send("GET", "/redfish/v1/?$expand=*", null)).at("/Systems").size()).isEqualTo(1);
    }

    @Test
    void badQueriesAreRefused() throws Exception {
        HttpResponse<String> badExpand = send("GET", "/redfish/v1/Chassis?$expand=all", null, "Authorization",
                BASIC);
        assertThat(badExpand.statusCode()).isEqualTo(400);
        assertThat(messageId(badExpand)).isEqualTo("Base.1.5.QueryParameterValueFormatError");
        assertThat(send("GET", "/redfish/v1/Chassis?$expand=.($levels=7)", null, "Authorization", BASIC)
                .statusCode()).isEqualTo(400);
        assertThat(send("GET", "/redfish/v1/Chassis?$filter=Id%20eq%201", null, "Authorization", BASIC)
                .statusCode()).isEqualTo(501);
    }

    @Test
    void resetValidatesItsBody() throws Exception {
        String target = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset";
        HttpResponse<String> bad = send("POST", target, "{\"ResetType\":\"Explode\"}", "Authorization", BASIC);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode info = json(bad).at("/error/@Message.ExtendedInfo/0");
        assertThat(info.path("MessageId").asText()).isEqualTo("Base.1.5.PropertyValueNotInList");
        assertThat(info.path("Message").asText()).contains("Explode", "ResetType");
        assertThat(messageId(send("POST", target, "{}", "Authorization", BASIC)))
                .isEqualTo("Base.1.5.ActionParameterMissing");
        assertThat(messageId(send("POST", target, "{\"ResetType\":\"On\",\"Delay\":3}", "Authorization", BASIC)))
                .isEqualTo("Base.1.5.ActionParameterUnknown");
        assertThat(messageId(send("POST", target, "not json", "Authorization", BASIC)))
                .isEqualTo("Base.1.5.MalformedJSON");
        assertThat(send("POST", target, "{\"ResetType\":\"PowerCycle\"}").statusCode()).isEqualTo(401);
        assertThat(controls.resets).isEmpty();

        assertThat(send("POST", target, "{\"ResetType\":\"PowerCycle\"}", "Authorization", BASIC).statusCode())
                .isEqualTo(204);
        assertThat(controls.resets).containsExactly(SERVER + " POWER_CYCLE");
    }

    @Test
    void systemAdvertisesEveryResetType() throws Exception {
        JsonNode reset = json(send("GET", "/redfish/v1/Systems/1", null, "Authorization", BASIC))
                .at("/Actions/#ComputerSystem.Reset");
        assertThat(reset.path("target").asText()).isEqualTo("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset");
        assertThat(reset.path("ResetType@Redfish.AllowableValues")).extracting(JsonNode::asText).containsExactly(
                "On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "PowerCycle");
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        HttpResponse<String> missing = send("GET", "/redfish/v1/UpdateService", null, "Authorization", BASIC);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(messageId(missing)).isEqualTo("Base.1.5.ResourceMissingAtURI");
        HttpResponse<String> patch = send("PATCH", "/redfish/v1/Systems/1", "{}", "Authorization", BASIC);
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(send("DELETE", "/redfish/v1/Chassis/1", null, "Authorization", BASIC).statusCode())
                .isEqualTo(405);
        assertThat(send("GET", "/redfish/v1/Chassis/1/", null, "Authorization", BASIC).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/redfish/v1/Chassis/1", null, "Authorization", BASIC).statusCode()).isEqualTo(200);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-02T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
