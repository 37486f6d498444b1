package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.MeterState;
import org.dcsuite.simulator.state.ProtocolFaults;

/** Fixed states, recording controls, switchable faults and a raw Modbus TCP client for the front end's tests. */
final class ModbusSimTestSupport {

    static final String CRAC_ID = "crac-1";
    static final String METER_ID = "facility-meter";

    private ModbusSimTestSupport() {
    }

    /** A state the test sets, read by the device on every request. */
    static final class Holder<T> implements Supplier<T> {
        private volatile T value;

        Holder(T value) {
            this.value = value;
        }

        void set(T value) {
            this.value = value;
        }

        @Override
        public T get() {
            return value;
        }
    }

    /** Records setpoint writes, applies them to the holder as the model would, and keeps the model's range. */
    static final class RecordingControls implements DeviceControls {
        final List<Double> setpoints = new CopyOnWriteArrayList<>();
        private final Holder<CoolingState> cooling;

        RecordingControls(Holder<CoolingState> cooling) {
            this.cooling = cooling;
        }

        @Override
        public void setCoolingSetpoint(String coolingId, double celsius) {
            if (!coolingId.equals(CRAC_ID) || celsius < CoolingState.SETPOINT_MIN_C
                    || celsius > CoolingState.SETPOINT_MAX_C) {
                throw new IllegalArgumentException("setpoint " + celsius + " for '" + coolingId + "'");
            }
            setpoints.add(celsius);
            CoolingState s = cooling.get();
            cooling.set(new CoolingState(s.id(), s.name(), s.running(), s.supplyC(), s.returnC(), celsius, s.fanRpm(),
                    s.coolingPowerW(), s.heatRemovedW(), s.alarms()));
        }

        @Override
        public void setOutlet(String pduId, int outlet, boolean on) {
            throw new IllegalArgumentException("no PDU '" + pduId + "'");
        }

        @Override
        public void resetServer(String serverId, ResetType type) {
            throw new IllegalArgumentException("no server '" + serverId + "'");
        }
    }

    /** Faults the test switches on and off. */
    static final class SwitchableFaults implements ProtocolFaults {
        volatile Active active = Active.NONE;

        @Override
        public Active current(String deviceId) {
            return active;
        }
    }

    static CoolingState cooling() {
        return new CoolingState(CRAC_ID, "In-row cooling unit 1", true, 18.26, 29.04, 18.0, 1430.4, 5321.75,
                24_000, Set.of(CoolingState.Alarm.FAN_FAILURE, CoolingState.Alarm.COMPRESSOR_FAULT));
    }

    static MeterState meter() {
        return new MeterState(METER_ID, "Utility incomer meter", 414_579.4, 430_000.0, 115_000.0, 0.964, 49.98,
                1_234_567_890_123.0, List.of(
                        new MeterState.Phase("L1", 230.14, 601.234, 138_123.4),
                        new MeterState.Phase("L2", 231.06, 598.7, 137_456.0),
                        new MeterState.Phase("L3", 229.87, 605.0, 139_000.0)));
    }

    static DeviceTarget target(String deviceId, int port, String profile, Duration timeout, int retries) {
        return target(deviceId, port, 1, profile, timeout, retries);
    }

    static DeviceTarget target(String deviceId, int port, int unit, String profile, Duration timeout, int retries) {
        return new DeviceTarget(deviceId, Endpoint.parse("modbus://127.0.0.1:" + port + "?unit=" + unit),
                Optional.ofNullable(profile), Credentials.NONE, timeout, retries, Map.of(), Clock.systemUTC());
    }

    /** The one reading of the metric whose attributes include {@code attributes}, and no other of those keys. */
    static double value(PollResult result, String metric, Map<String, String> attributes, Set<String> keys) {
        List<Reading> matches = result.readings().stream()
                .filter(r -> r.metric().equals(metric))
                .filter(r -> r.attributes().entrySet().containsAll(attributes.entrySet()))
                .filter(r -> keys.stream().allMatch(k -> attributes.containsKey(k) || !r.attributes().containsKey(k)))
                .toList();
        assertThat(matches).as("%s %s in %s", metric, attributes, result.readings()).hasSize(1);
        return matches.get(0).value();
    }

    /** A Modbus TCP client that sends exactly the bytes given, for requests the driver would never send. */
    static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(2000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** Sends one request PDU for the unit and returns the answer PDU, checking the MBAP header. */
        byte[] request(int unit, int... pdu) throws IOException {
            byte[] frame = new byte[7 + pdu.length];
            frame[0] = 0x12;
            frame[1] = 0x34;
            frame[5] = (byte) (pdu.length + 1);
            frame[6] = (byte) unit;
            for (int i = 0; i < pdu.length; i++) {
                frame[7 + i] = (byte) pdu[i];
            }
            send(frame);
            byte[] header = in.readNBytes(7);
            assertThat(header).hasSize(7);
            assertThat(ModbusPduHandler.u16(header, 0)).as("transaction id").isEqualTo(0x1234);
            assertThat(ModbusPduHandler.u16(header, 2)).as("protocol id").isZero();
            assertThat(header[6] & 0xFF).as("unit id").isEqualTo(unit);
            return in.readNBytes(ModbusPduHandler.u16(header, 4) - 1);
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** -1 once the server has closed the connection. */
        int read() throws IOException {
            return in.read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
