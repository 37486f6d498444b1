package org.dcsuite.simulator.modbus;

import java.util.Objects;

/** A request the device refuses; the server answers it with the exception code instead of data. */
final class SimModbusException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ModbusExceptionCode code;

    SimModbusException(ModbusExceptionCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    ModbusExceptionCode code() {
        return code;
    }
}
