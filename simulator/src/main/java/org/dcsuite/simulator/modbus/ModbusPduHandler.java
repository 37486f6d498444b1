package org.dcsuite.simulator.modbus;

import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request PDU (function code and data, without the MBAP header) from a register map: functions 1, 2, 3,
 * 4, 5, 6, 15 and 16, checked in the order of the Modbus Application Protocol's state diagrams (function, then
 * quantity and framing, then address), so a client sees the exception code a real device would send.
 */
final class ModbusPduHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusPduHandler.class);

    static final int READ_COILS = 0x01;
    static final int READ_DISCRETE_INPUTS = 0x02;
    static final int READ_HOLDING_REGISTERS = 0x03;
    static final int READ_INPUT_REGISTERS = 0x04;
    static final int WRITE_SINGLE_COIL = 0x05;
    static final int WRITE_SINGLE_REGISTER = 0x06;
    static final int WRITE_MULTIPLE_COILS = 0x0F;
    static final int WRITE_MULTIPLE_REGISTERS = 0x10;

    // Quantity limits of the specification: they keep every answer within the 253-byte PDU.
    private static final int MAX_READ_BITS = 2000;
    private static final int MAX_READ_REGISTERS = 125;
    private static final int MAX_WRITE_BITS = 1968;
    private static final int MAX_WRITE_REGISTERS = 123;

    private final String deviceId;
    private final ModbusRegisterMap map;

    ModbusPduHandler(String deviceId, ModbusRegisterMap map) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.map = Objects.requireNonNull(map, "map");
    }

    /** The answer PDU: data, or the function code with bit 7 set and an exception code. Never throws. */
    byte[] handle(byte[] request) {
        if (request.length == 0) {
            return exception(0, ModbusExceptionCode.ILLEGAL_FUNCTION);
        }
        int function = request[0] & 0xFF;
        try {
            return switch (function) {
                case READ_COILS -> readBits(request, ModbusTable.COIL);
                case READ_DISCRETE_INPUTS -> readBits(request, ModbusTable.DISCRETE);
                case READ_HOLDING_REGISTERS -> readRegisters(request, ModbusTable.HOLDING);
                case READ_INPUT_REGISTERS -> readRegisters(request, ModbusTable.INPUT);
                case WRITE_SINGLE_COIL -> writeSingleCoil(request);
                case WRITE_SINGLE_REGISTER -> writeSingleRegister(request);
                case WRITE_MULTIPLE_COILS -> writeMultipleCoils(request);
                case WRITE_MULTIPLE_REGISTERS -> writeMultipleRegisters(request);
                default -> throw new SimModbusException(ModbusExceptionCode.ILLEGAL_FUNCTION,
                        "function " + function + " is not implemented");
            };
        } catch (SimModbusException e) {
            LOG.debug("Modbus device '{}': function {} refused with {}: {}", deviceId, function, e.code(),
                    e.getMessage());
            return exception(function, e.code());
        } catch (RuntimeException e) {
            // A failing state supplier or control must cost one answer, never the connection or the server.
            LOG.warn("Modbus device '{}': function {} failed", deviceId, function, e);
            return exception(function, ModbusExceptionCode.SERVER_DEVICE_FAILURE);
        }
    }

    static byte[] exception(int function, ModbusExceptionCode code) {
        return new byte[] {(byte) (function | 0x80), (byte) code.code()};
    }

    private byte[] readBits(byte[] request, ModbusTable table) throws SimModbusException {
        exactLength(request, 5);
        int address = u16(request, 1);
        int count = quantity(u16(request, 3), MAX_READ_BITS);
        ModbusRegisterBlock block = block(table, address, count);
        byte[] answer = new byte[2 + (count + 7) / 8];
        answer[0] = request[0];
        answer[1] = (byte) ((count + 7) / 8);
        for (int i = 0; i < count; i++) {
            if (block.values()[address - block.start() + i] != 0) {
                answer[2 + i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return answer;
    }

    private byte[] readRegisters(byte[] request, ModbusTable table) throws SimModbusException {
        exactLength(request, 5);
        int address = u16(request, 1);
        int count = quantity(u16(request, 3), MAX_READ_REGISTERS);
        ModbusRegisterBlock block = block(table, address, count);
        byte[] answer = new byte[2 + 2 * count];
        answer[0] = request[0];
        answer[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            int v = block.values()[address - block.start() + i];
            answer[2 + 2 * i] = (byte) (v >>> 8);
            answer[3 + 2 * i] = (byte) v;
        }
        return answer;
    }

    private byte[] writeSingleCoil(byte[] request) throws SimModbusException {
        exactLength(request, 5);
        int address = u16(request, 1);
        int value = u16(request, 3);
        if (value != 0xFF00 && value != 0x0000) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "coil value " + value);
        }
        block(ModbusTable.COIL, address, 1);
        map.writeCoils(address, new boolean[] {value == 0xFF00});
        return request.clone();
    }

    private byte[] writeSingleRegister(byte[] request) throws SimModbusException {
        exactLength(request, 5);
        int address = u16(request, 1);
        block(ModbusTable.HOLDING, address, 1);
        map.writeRegisters(address, new int[] {u16(request, 3)});
        return request.clone();
    }

    private byte[] writeMultipleCoils(byte[] request) throws SimModbusException {
        minimumLength(request, 6);
        int address = u16(request, 1);
        int count = quantity(u16(request, 3), MAX_WRITE_BITS);
        int bytes = request[5] & 0xFF;
        if (bytes != (count + 7) / 8 || request.length != 6 + bytes) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "byte count " + bytes
                    + " does not match " + count + " coils");
        }
        block(ModbusTable.COIL, address, count);
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
            values[i] = (request[6 + i / 8] & (1 << (i % 8))) != 0;
        }
        map.writeCoils(address, values);
        return Arrays.copyOf(request, 5);
    }

    private byte[] writeMultipleRegisters(byte[] request) throws SimModbusException {
        minimumLength(request, 6);
        int address = u16(request, 1);
        int count = quantity(u16(request, 3), MAX_WRITE_REGISTERS);
        int bytes = request[5] & 0xFF;
        if (bytes != 2 * count || request.length != 6 + bytes) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "byte count " + bytes
                    + " does not match " + count + " registers");
        }
        block(ModbusTable.HOLDING, address, count);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = u16(request, 6 + 2 * i);
        }
        map.writeRegisters(address, values);
        return Arrays.copyOf(request, 5);
    }

    /** A truncated or overlong request: the specification's answer to a malformed PDU is ILLEGAL_DATA_VALUE. */
    private static void exactLength(byte[] request, int length) throws SimModbusException {
        if (request.length != length) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "request of " + request.length
                    + " bytes, expected " + length);
        }
    }

    /** The fixed part of a multiple write; its byte count is checked against the rest afterwards. */
    private static void minimumLength(byte[] request, int length) throws SimModbusException {
        if (request.length < length) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "request of " + request.length
                    + " bytes, expected at least " + length);
        }
    }

    private static int quantity(int count, int max) throws SimModbusException {
        if (count < 1 || count > max) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "quantity " + count
                    + " outside 1.." + max);
        }
        return count;
    }

    private ModbusRegisterBlock block(ModbusTable table, int address, int count) throws SimModbusException {
        ModbusRegisterBlock block = map.read(table);
        if (!block.covers(address, count)) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_ADDRESS, table + " " + address + "+"
                    + count + " is not implemented");
        }
        return block;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }
}
