package org.dcsuite.simulator.modbus;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP listener on loopback: MBAP framing, one virtual thread per connection, and the device's wire faults
 * looked up on every request. A frame that cannot be parsed closes its connection (a TCP stream cannot be
 * resynchronised after a bad length); a well-framed but wrong request is answered with an exception.
 */
final class SimModbusTcpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimModbusTcpServer.class);

    /** Transaction id, protocol id, length, unit id. */
    static final int MBAP_LENGTH = 7;
    /** The MBAP length counts the unit id and the PDU, which is at most 253 bytes. */
    private static final int MAX_MBAP_LENGTH_FIELD = 254;

    private final String deviceId;
    private final ModbusPduHandler handler;
    private final ProtocolFaults faults;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    SimModbusTcpServer(String deviceId, int port, ModbusRegisterMap map, ProtocolFaults faults) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.handler = new ModbusPduHandler(deviceId, map);
        this.faults = Objects.requireNonNull(faults, "faults");
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("Modbus device '" + deviceId + "': cannot listen on 127.0.0.1:" + port, e);
        }
        acceptor = Thread.ofVirtual().name("sim-modbus-" + deviceId + "-accept").start(this::accept);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                Thread thread = Thread.ofVirtual().name("sim-modbus-" + deviceId + "-" + socket.getPort())
                        .unstarted(() -> serve(socket));
                connections.put(socket, thread);
                if (closed) {
                    // Accepted while close() was dropping the connections: it may have missed this one.
                    socket.close();
                }
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Modbus device '{}': accept failed", deviceId, e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            byte[] header = new byte[MBAP_LENGTH];
            while (!closed) {
                in.readFully(header);
                int transactionId = ModbusPduHandler.u16(header, 0);
                int protocolId = ModbusPduHandler.u16(header, 2);
                int length = ModbusPduHandler.u16(header, 4);
                int unit = header[6] & 0xFF;
                if (protocolId != 0 || length < 2 || length > MAX_MBAP_LENGTH_FIELD) {
                    LOG.debug("Modbus device '{}': closing a connection after a frame with protocol id {} and "
                            + "length {}", deviceId, protocolId, length);
                    return;
                }
                byte[] request = new byte[length - 1];
                in.readFully(request);
                ProtocolFaults.Active fault = faults.current(deviceId);
                if (fault.down()) {
                    continue;
                }
                if (!fault.latency().isZero()) {
                    Thread.sleep(fault.latency());
                }
                byte[] answer = fault.garbage()
                        ? garbage(transactionId, request.length > 0 ? request[0] : 0, ThreadLocalRandom.current())
                        : frame(transactionId, unit, answer(unit, request));
                out.write(answer);
                out.flush();
            }
        } catch (EOFException e) {
            LOG.debug("Modbus device '{}': client closed the connection", deviceId);
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("Modbus device '{}': connection ended: {}", deviceId, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    private byte[] answer(int unit, byte[] request) {
        if (unit != SimModbusDevice.UNIT_ID) {
            return ModbusPduHandler.exception(request.length == 0 ? 0 : request[0] & 0xFF,
                    ModbusExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
        }
        return handler.handle(request);
    }

    static byte[] frame(int transactionId, int unit, byte[] pdu) {
        byte[] frame = new byte[MBAP_LENGTH + pdu.length];
        frame[0] = (byte) (transactionId >>> 8);
        frame[1] = (byte) transactionId;
        frame[4] = (byte) ((pdu.length + 1) >>> 8);
        frame[5] = (byte) (pdu.length + 1);
        frame[6] = (byte) unit;
        System.arraycopy(pdu, 0, frame, MBAP_LENGTH, pdu.length);
        return frame;
    }

    /**
     * Random bytes no client can take for the answer: another transaction id and a protocol id other than Modbus's
     * 0, a length field that counts exactly the bytes that follow (so the client reads the whole frame instead of
     * waiting for more and timing out), and the request's own function code (an unknown one reads as an "illegal
     * function" exception, which clients blame on one point rather than on the device).
     */
    static byte[] garbage(int transactionId, byte functionCode, RandomGenerator random) {
        byte[] bytes = new byte[9 + random.nextInt(32)];
        random.nextBytes(bytes);
        int otherId = (transactionId + 1 + random.nextInt(0xFFFF)) & 0xFFFF;
        int protocolId = 1 + random.nextInt(0xFFFF);
        int following = bytes.length - 6;
        bytes[0] = (byte) (otherId >>> 8);
        bytes[1] = (byte) otherId;
        bytes[2] = (byte) (protocolId >>> 8);
        bytes[3] = (byte) protocolId;
        bytes[4] = (byte) (following >>> 8);
        bytes[5] = (byte) following;
        bytes[MBAP_LENGTH] = (byte) (functionCode & 0x7F);
        return bytes;
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("Modbus device '{}': closing the listener: {}", deviceId, e.toString());
        }
        connections.forEach((socket, thread) -> {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Modbus device '{}': closing a connection: {}", deviceId, e.toString());
            }
            // Wakes a connection sleeping out a latency fault.
            thread.interrupt();
        });
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
