package org.dcsuite.drivers.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Supplier;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * One device's Modbus TCP connection, opened on first use and reused by every request; closed after any transport
 * error so a late answer to a timed-out request can never be read as the answer to the next one.
 *
 * <p>j2mod's own retry loop is disabled ({@code setRetries(1)}: one attempt, since 0 would mean 5) and replaced by
 * ours, so a request costs at most {@code timeout x (retries + 1)}. Every request carries the endpoint's unit id.
 */
final class ModbusTcpClient implements AutoCloseable {

    /** The device answered with a Modbus exception: the request was understood and refused. */
    static final class ModbusExceptionResponse extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        ModbusExceptionResponse(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private final DeviceTarget target;
    private final int unit;
    private final int timeoutMillis;
    private final String prefix;
    private TCPMasterConnection connection;
    private ModbusTCPTransaction transaction;

    ModbusTcpClient(DeviceTarget target) {
        this.target = target;
        this.unit = target.endpoint().modbusUnit().orElse(1);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, target.timeout().toMillis()));
        this.prefix = target.describe() + " unit " + unit;
    }

    /** "device 'x' (modbus://host:port) unit N": every error starts with it. */
    String describe() {
        return prefix;
    }

    int[] readRegisters(ModbusFunction function, int address, int count) throws ModbusExceptionResponse {
        ModbusRequest request = function == ModbusFunction.HOLDING
                ? new ReadMultipleRegistersRequest(address, count) : new ReadInputRegistersRequest(address, count);
        // Built only for an error message: a poll issues reads back to back and most never fail.
        Supplier<String> what = () -> "read " + function.yamlName() + " " + address + "+" + count;
        ModbusResponse response = execute(request, what);
        int[] out = new int[count];
        // j2mod's getRegisterValue takes the register's monitor for each word; toShort reads the same two bytes
        // without it, and the response is ours alone.
        if (response instanceof ReadMultipleRegistersResponse r && function == ModbusFunction.HOLDING) {
            checkCount(r.getWordCount(), count, what);
            for (int i = 0; i < count; i++) {
                out[i] = r.getRegister(i).toShort() & 0xFFFF;
            }
        } else if (response instanceof ReadInputRegistersResponse r && function == ModbusFunction.INPUT) {
            checkCount(r.getWordCount(), count, what);
            for (int i = 0; i < count; i++) {
                out[i] = r.getRegister(i).toShort() & 0xFFFF;
            }
        } else {
            throw unexpected(response, what);
        }
        return out;
    }

    boolean[] readBits(ModbusFunction function, int address, int count) throws ModbusExceptionResponse {
        ModbusRequest request = function == ModbusFunction.COIL
                ? new ReadCoilsRequest(address, count) : new ReadInputDiscretesRequest(address, count);
        Supplier<String> what = () -> "read " + function.yamlName() + " " + address + "+" + count;
        ModbusResponse response = execute(request, what);
        boolean[] out = new boolean[count];
        if (response instanceof ReadCoilsResponse r && function == ModbusFunction.COIL) {
            checkCount(r.getMessage().length - 1, (count + 7) / 8, what);
            for (int i = 0; i < count; i++) {
                out[i] = r.getCoilStatus(i);
            }
        } else if (response instanceof ReadInputDiscretesResponse r && function == ModbusFunction.DISCRETE) {
            checkCount(r.getMessage().length - 1, (count + 7) / 8, what);
            for (int i = 0; i < count; i++) {
                out[i] = r.getDiscreteStatus(i);
            }
        } else {
            throw unexpected(response, what);
        }
        return out;
    }

    void writeRegisters(int address, int[] values) throws ModbusExceptionResponse {
        Supplier<String> what = () -> "write holding " + address + "+" + values.length;
        // Function 6 for one register: some devices implement only that one for setpoints.
        if (values.length == 1) {
            ModbusResponse r = execute(new WriteSingleRegisterRequest(address, new SimpleRegister(values[0])), what);
            if (!(r instanceof WriteSingleRegisterResponse)) {
                throw unexpected(r, what);
            }
            return;
        }
        Register[] registers = new Register[values.length];
        for (int i = 0; i < values.length; i++) {
            registers[i] = new SimpleRegister(values[i]);
        }
        ModbusResponse r = execute(new WriteMultipleRegistersRequest(address, registers), what);
        if (!(r instanceof WriteMultipleRegistersResponse)) {
            throw unexpected(r, what);
        }
    }

    void writeCoil(int address, boolean value) throws ModbusExceptionResponse {
        Supplier<String> what = () -> "write coil " + address;
        ModbusResponse r = execute(new WriteCoilRequest(address, value), what);
        if (!(r instanceof WriteCoilResponse)) {
            throw unexpected(r, what);
        }
    }

    private ModbusResponse execute(ModbusRequest request, Supplier<String> what) throws ModbusExceptionResponse {
        request.setUnitID(unit);
        int attempts = target.retries() + 1;
        DriverException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                connect();
                transaction.setRequest(request);
                // Read now: after a successful exchange j2mod moves the request on to the next transaction id.
                int transactionId = request.getTransactionID();
                transaction.execute();
                ModbusResponse response = transaction.getResponse();
                if (response.getUnitID() != unit) {
                    throw new DriverException(DriverErrorKind.PROTOCOL, prefix + ": " + what.get()
                            + ": answer from unit " + response.getUnitID() + ", expected " + unit);
                }
                if (response.getTransactionID() != transactionId) {
                    throw new DriverException(DriverErrorKind.PROTOCOL, prefix + ": " + what.get()
                            + ": transaction id mismatch");
                }
                return response;
            } catch (ModbusSlaveException e) {
                throw new ModbusExceptionResponse(e.getType(), prefix + ": " + what.get() + ": device answered "
                        + ModbusExceptionCode.describe(e.getType()));
            } catch (DriverException e) {
                last = e;
            } catch (ModbusException e) {
                last = classify(e, what, attempts);
            } catch (RuntimeException e) {
                // j2mod's parser throws unchecked exceptions on some malformed frames.
                last = new DriverException(DriverErrorKind.PROTOCOL, prefix + ": " + what.get()
                        + ": malformed answer (" + e + ")", e);
            }
            disconnect();
        }
        throw last;
    }

    private void connect() {
        if (connection != null && connection.isConnected()) {
            return;
        }
        try {
            connection = new TCPMasterConnection(InetAddress.getByName(target.endpoint().host()));
        } catch (UnknownHostException e) {
            throw new DriverException(DriverErrorKind.REFUSED, prefix + ": unknown host", e);
        }
        connection.setPort(target.endpoint().port());
        connection.setTimeout(timeoutMillis);
        try {
            connection.connect();
        } catch (ConnectException | NoRouteToHostException e) {
            throw new DriverException(DriverErrorKind.REFUSED, prefix + ": connection refused (" + e.getMessage()
                    + ")", e);
        } catch (SocketTimeoutException e) {
            throw new DriverException(DriverErrorKind.TIMEOUT, prefix + ": no connection within " + timeoutMillis
                    + " ms", e);
        } catch (Exception e) {
            throw new DriverException(DriverErrorKind.REFUSED, prefix + ": cannot connect (" + e + ")", e);
        }
        transaction = new ModbusTCPTransaction(connection);
        transaction.setRetries(1);
        transaction.setReconnecting(false);
        transaction.setCheckingValidity(true);
    }

    private DriverException classify(ModbusException e, Supplier<String> what, int attempts) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        // j2mod keeps only the text of the socket exception, so the timeout is recognised by its message.
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return new DriverException(DriverErrorKind.TIMEOUT, prefix + ": " + what.get()
                    + ": no answer within " + timeoutMillis + " ms (" + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + ")", e);
        }
        return new DriverException(DriverErrorKind.PROTOCOL, prefix + ": " + what.get() + ": " + message, e);
    }

    private void checkCount(int got, int expected, Supplier<String> what) {
        if (got != expected) {
            disconnect();
            throw new DriverException(DriverErrorKind.PROTOCOL, prefix + ": " + what.get() + ": answer holds " + got
                    + " items, expected " + expected);
        }
    }

    private DriverException unexpected(ModbusResponse response, Supplier<String> what) {
        disconnect();
        return new DriverException(DriverErrorKind.PROTOCOL, prefix + ": " + what.get()
                + ": answer with function code " + response.getFunctionCode());
    }

    private void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
            transaction = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
