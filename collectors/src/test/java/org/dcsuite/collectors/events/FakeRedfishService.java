package org.dcsuite.collectors.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The EventService part of a Redfish service on a free loopback port: service root, EventService and a
 * Subscriptions collection that answers 503 while {@link #refuse} is set, as a busy BMC does.
 */
final class FakeRedfishService implements AutoCloseable {

    static final String SUBSCRIPTIONS = "/redfish/v1/EventService/Subscriptions";

    private final HttpServer server;
    volatile boolean refuse;
    final AtomicInteger refused = new AtomicInteger();
    final List<String> subscriptionBodies = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();

    FakeRedfishService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/redfish/v1", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().replaceAll("/$", "");
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/redfish/v1")) {
                send(ex, 200, "{\"@odata.id\": \"/redfish/v1\", \"EventService\": {\"@odata.id\": "
                        + "\"/redfish/v1/EventService\"}}");
            } else if (method.equals("GET") && path.equals("/redfish/v1/EventService")) {
                send(ex, 200, "{\"Subscriptions\": {\"@odata.id\": \"" + SUBSCRIPTIONS + "\"}}");
            } else if (method.equals("POST") && path.equals(SUBSCRIPTIONS)) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (refuse) {
                    refused.incrementAndGet();
                    send(ex, 503, "{}");
                    return;
                }
                subscriptionBodies.add(body);
                ex.getResponseHeaders().add("Location", SUBSCRIPTIONS + "/" + subscriptionBodies.size());
                send(ex, 201, "{}");
            } else if (method.equals("DELETE") && path.startsWith(SUBSCRIPTIONS + "/")) {
                deleted.add(path);
                ex.sendResponseHeaders(204, -1);
            } else {
                send(ex, 404, "{}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
