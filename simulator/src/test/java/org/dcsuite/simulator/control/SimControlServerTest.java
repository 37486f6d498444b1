package org.dcsuite.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dcsuite.core.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimControlServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Secret token = SimControlToken.generate();
    private SimControlTestFleet t;
    private SimControlServer server;

    @BeforeEach
    void setUp() throws Exception {
        t = new SimControlTestFleet(dir);
        server = SimControlServer.start(t.injector, 0, token);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void everyRequestNeedsTheToken() throws Exception {
        for (String auth : new String[] {null, "Bearer wrong", "Basic " + token.reveal(), token.reveal()}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/faults"));
            if (auth != null) {
                b.header("Authorization", auth);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("Authorization %s", auth == null ? "missing" : "wrong").isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.body()).doesNotContain(token.reveal());
        }
        HttpResponse<String> delete = send("DELETE", "/faults/dallas-r01-pdu-a", null, "Bearer nope");
        assertThat(delete.statusCode()).isEqualTo(401);
    }

    @Test
    void injectsListsAndClears() throws Exception {
        HttpResponse<String> created = send("POST", "/faults",
                "{\"device\":\"dallas-r01-srv-01\",\"fault\":\"slow\",\"latency\":\"2s\",\"for\":\"5m\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode fault = JSON.readTree(created.body());
        assertThat(fault.get("device").asText()).isEqualTo("dallas-r01-srv-01");
        assertThat(fault.get("fault").asText()).isEqualTo("slow");
        assertThat(fault.get("latency").asText()).isEqualTo("2s");
        assertThat(fault.get("start").asText()).isEqualTo("2025-03-10T08:00:00Z");
        assertThat(fault.get("end").asText()).isEqualTo("2025-03-10T08:05:00Z");

        assertThat(send("POST", "/faults", "{\"device\":\"edge-dallas\",\"fault\":\"feed_lost\",\"feed\":\"B\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> list = send("GET", "/faults", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body())).hasSize(2);
        assertThat(JSON.readTree(list.body()).get(1).get("end").isNull()).isTrue();

        assertThat(send("DELETE", "/faults/dallas-r01-srv-01", null).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(send("GET", "/faults", null).body())).hasSize(1);
        assertThat(t.wire.current("dallas-r01-srv-01").latency()).isZero();
    }

    @Test
    void badInputIs400NamingTheField() throws Exception {
        assertError(send("POST", "/faults", "{\"device\":\"dallas-crac-1\",\"fault\":\"breaker_tripped\"}"), 400,
                "fault", "device 'dallas-crac-1' is a cooling");
        assertError(send("POST", "/faults", "{\"device\":\"dallas-r01-pdu-a\",\"fault\":\"down\",\"for\":5}"), 400,
                "for", "expected a string");
        assertError(send("POST", "/faults", "{\"device\":\"x\"}"), 400, "fault", "required");
        assertError(send("POST", "/faults", "{not json"), 400, null, "body: not valid JSON");
        assertError(send("POST", "/faults", "[]"), 400, null, "expected a JSON object");
        assertError(send("DELETE", "/faults/nope", null), 400, "device", "unknown simulated device or site 'nope'");
        assertError(send("PUT", "/faults", "{}"), 405, null, "use GET, POST");
        assertError(send("GET", "/other", null), 404, null, "use /faults");
    }

    @Test
    void theTokenFileIsOwnerOnly() throws Exception {
        Path file = dir.resolve("sub/control.token");
        SimControlToken.write(file, token);
        SimControlToken.write(file, token);

        assertThat(SimControlToken.read(file)).isEqualTo(token);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    private void assertError(HttpResponse<String> r, int status, String field, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).contains(message);
        if (field != null) {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, "Bearer " + token.reveal());
    }

    private HttpResponse<String> send(String method, String path, String body, String auth) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
