package org.dcsuite.drivers.modbus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The four Modbus data tables a point can live in, with the most items one read may ask for. */
enum ModbusFunction {
    /** Function 3, read-write 16-bit registers. */
    HOLDING(true, 125),
    /** Function 4, read-only 16-bit registers. */
    INPUT(true, 125),
    /** Function 1, read-write bits. */
    COIL(false, 2000),
    /** Function 2, read-only bits. */
    DISCRETE(false, 2000);

    private final boolean registers;
    private final int protocolLimit;

    ModbusFunction(boolean registers, int protocolLimit) {
        this.registers = registers;
        this.protocolLimit = protocolLimit;
    }

    /** Whether items are 16-bit registers (otherwise single bits). */
    boolean registers() {
        return registers;
    }

    /** The most items one request may read (Modbus Application Protocol v1.1b3, 6.1-6.4). */
    int protocolLimit() {
        return protocolLimit;
    }

    /** As written in profiles. */
    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ModbusFunction> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.yamlName().equals(text)).findFirst();
    }
}
