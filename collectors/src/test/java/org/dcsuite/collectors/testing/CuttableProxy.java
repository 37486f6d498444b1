package org.dcsuite.collectors.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder to a real server that a test can cut and restore, making that server really
 * unavailable to its clients: {@link #cut()} resets every forwarded connection and closes the listening socket,
 * so new connections are refused; {@link #restore()} listens again on the same port.
 */
public final class CuttableProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    /** Starts forwarding from a free loopback port to {@code target}. */
    public CuttableProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    /** The loopback port clients connect to. */
    public int port() {
        return port;
    }

    /** Refuses new connections and resets (TCP RST) every forwarded one, on both sides. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            reset(s);
        }
        open.clear();
    }

    /** Accepts and forwards connections again, on the same port. */
    public synchronized void restore() throws IOException {
        if (server.isClosed()) {
            server = listen(port);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        Thread.ofVirtual().name("cuttable-proxy-accept").start(() -> accept(s));
        return s;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                // cut() closed the listening socket; the loop ends.
                continue;
            }
            Socket upstream = new Socket();
            open.add(client);
            open.add(upstream);
            try {
                upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // The server itself is away: the client sees its connection reset, as it would.
                resetBoth(client, upstream);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The other direction or cut() closed the pair; closing both below ends the connection.
        } finally {
            for (Socket s : List.of(from, to)) {
                open.remove(s);
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Already broken; closed is all that matters here.
                }
            }
        }
    }

    private void resetBoth(Socket a, Socket b) {
        open.remove(a);
        open.remove(b);
        reset(a);
        reset(b);
    }

    /** Closes with linger 0, which sends a TCP RST instead of an orderly FIN. */
    private static void reset(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
            s.close();
        } catch (IOException ignored) {
            // Already closed or never connected: nothing left to reset.
        }
    }
}
