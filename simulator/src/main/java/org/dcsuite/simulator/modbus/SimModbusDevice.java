package org.dcsuite.simulator.modbus;

import java.util.function.Supplier;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.HeatMeterState;
import org.dcsuite.simulator.state.MeterState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.dcsuite.simulator.state.WaterMeterState;

/**
 * One simulated Modbus TCP device listening on 127.0.0.1, serving the register map of its driver profile from the
 * states the model supplies, read afresh on every request. Close it to stop listening and drop its connections.
 *
 * <pre>{@code
 * try (SimModbusDevice crac = SimModbusDevice.startCooling("crac-1", 0, model::cooling, model, faults)) {
 *     String endpoint = crac.endpoint();   // modbus://127.0.0.1:41234?unit=1
 * }
 * }</pre>
 */
public final class SimModbusDevice implements AutoCloseable {

    /** The unit id a simulated device answers; others get GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND. */
    public static final int UNIT_ID = 1;

    private final String deviceId;
    private final SimModbusTcpServer server;

    private SimModbusDevice(String deviceId, int port, ModbusRegisterMap map, ProtocolFaults faults) {
        this.deviceId = deviceId;
        this.server = new SimModbusTcpServer(deviceId, port, map, faults);
    }

    /**
     * A CRAC/CRAH unit on the {@code generic-crac} profile's map; setpoint writes go to
     * {@link DeviceControls#setCoolingSetpoint}.
     *
     * @param deviceId the model's id of the unit: used for controls and faults
     * @param port     the TCP port, 0 for a free one (see {@link #port()})
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static SimModbusDevice startCooling(String deviceId, int port, Supplier<CoolingState> state,
            DeviceControls controls, ProtocolFaults faults) {
        checkPort(port);
        return new SimModbusDevice(deviceId, port, new ModbusCracMap(deviceId, state, controls), faults);
    }

    /**
     * A three-phase facility meter as a SunSpec device (common model 1, meter model 203), found by the driver's
     * SunSpec discovery; its serial number is the device id.
     *
     * @param deviceId the model's id of the meter: used for faults and as the SunSpec serial number
     * @param port     the TCP port, 0 for a free one (see {@link #port()})
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static SimModbusDevice startMeter(String deviceId, int port, Supplier<MeterState> state,
            ProtocolFaults faults) {
        checkPort(port);
        return new SimModbusDevice(deviceId, port, new ModbusSunSpecMeterMap(deviceId, state), faults);
    }

    /**
     * A water meter on the {@code generic-water-meter} profile's map.
     *
     * @param deviceId the model's id of the meter: used for faults
     * @param port     the TCP port, 0 for a free one (see {@link #port()})
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static SimModbusDevice startWaterMeter(String deviceId, int port, Supplier<WaterMeterState> state,
            ProtocolFaults faults) {
        checkPort(port);
        return new SimModbusDevice(deviceId, port, new ModbusWaterMeterMap(state), faults);
    }

    /**
     * A heat meter on the {@code generic-heat-meter} profile's map.
     *
     * @param deviceId the model's id of the meter: used for faults
     * @param port     the TCP port, 0 for a free one (see {@link #port()})
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static SimModbusDevice startHeatMeter(String deviceId, int port, Supplier<HeatMeterState> state,
            ProtocolFaults faults) {
        checkPort(port);
        return new SimModbusDevice(deviceId, port, new ModbusHeatMeterMap(state), faults);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
    }

    public String deviceId() {
        return deviceId;
    }

    /** The bound port, also when 0 was asked for. */
    public int port() {
        return server.port();
    }

    /** The endpoint a site configuration names the device by: {@code modbus://127.0.0.1:PORT?unit=1}. */
    public String endpoint() {
        return "modbus://127.0.0.1:" + port() + "?unit=" + UNIT_ID;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "SimModbusDevice[" + deviceId + " at " + endpoint() + "]";
    }
}
