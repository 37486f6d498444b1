package org.dcsuite.drivers.modbus;

/** Modbus exception codes (Modbus Application Protocol v1.1b3, section 7), reported by name. */
enum ModbusExceptionCode {
    ILLEGAL_FUNCTION(1),
    ILLEGAL_DATA_ADDRESS(2),
    ILLEGAL_DATA_VALUE(3),
    SERVER_DEVICE_FAILURE(4),
    ACKNOWLEDGE(5),
    SERVER_DEVICE_BUSY(6),
    MEMORY_PARITY_ERROR(8),
    GATEWAY_PATH_UNAVAILABLE(10),
    GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND(11);

    private final int code;

    ModbusExceptionCode(int code) {
        this.code = code;
    }

    /** "ILLEGAL_DATA_ADDRESS (2)", or "exception code 9" for a code the specification does not define. */
    static String describe(int code) {
        for (ModbusExceptionCode c : values()) {
            if (c.code == code) {
                return c.name() + " (" + code + ")";
            }
        }
        return "exception code " + code;
    }
}
