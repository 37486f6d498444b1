package org.dcsuite.simulator.modbus;

/** The Modbus exception codes the simulated devices answer with (Modbus Application Protocol 1.1b3, 7). */
enum ModbusExceptionCode {
    ILLEGAL_FUNCTION(0x01),
    ILLEGAL_DATA_ADDRESS(0x02),
    ILLEGAL_DATA_VALUE(0x03),
    SERVER_DEVICE_FAILURE(0x04),
    GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND(0x0B);

    private final int code;

    ModbusExceptionCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
