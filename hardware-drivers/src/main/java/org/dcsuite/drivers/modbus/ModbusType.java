package org.dcsuite.drivers.modbus;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point's data type and how many registers it spans; {@code string(N)} spans N registers, {@code bool} is one
 * coil or discrete input.
 */
record ModbusType(Kind kind, int registers) {

    /** Every type a profile may name, as written there (lowercase). */
    enum Kind {
        INT16(1), UINT16(1), INT32(2), UINT32(2), INT64(4), UINT64(4), FLOAT32(2), FLOAT64(4),
        BITFIELD16(1), BITFIELD32(2), STRING(0), BOOL(1);

        private final int registers;

        Kind(int registers) {
            this.registers = registers;
        }

        String yamlName() {
            return this == STRING ? "string(length)" : name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern STRING = Pattern.compile("string\\((\\d{1,3})\\)");

    static Optional<ModbusType> parse(String text) {
        Matcher m = STRING.matcher(text);
        if (m.matches()) {
            int length = Integer.parseInt(m.group(1));
            return length < 1 ? Optional.empty() : Optional.of(new ModbusType(Kind.STRING, length));
        }
        for (Kind k : Kind.values()) {
            if (k != Kind.STRING && k.yamlName().equals(text)) {
                return Optional.of(new ModbusType(k, k.registers));
            }
        }
        return Optional.empty();
    }

    boolean signed() {
        return kind == Kind.INT16 || kind == Kind.INT32 || kind == Kind.INT64;
    }

    boolean floating() {
        return kind == Kind.FLOAT32 || kind == Kind.FLOAT64;
    }

    boolean bitfield() {
        return kind == Kind.BITFIELD16 || kind == Kind.BITFIELD32;
    }

    /** Integer, float or bitfield: a value a reading can carry. */
    boolean numeric() {
        return kind != Kind.STRING && kind != Kind.BOOL;
    }

    int bits() {
        return registers * 16;
    }

    /**
     * The "not implemented" raw value SunSpec assigns to the type (SunSpec Information Model Specification 1.0,
     * section "Unimplemented registers"), as an unsigned bit pattern; empty for floats (NaN), strings and bools.
     */
    Optional<Long> sunSpecSentinel() {
        return switch (kind) {
            case INT16 -> Optional.of(0x8000L);
            case UINT16, BITFIELD16 -> Optional.of(0xFFFFL);
            case INT32 -> Optional.of(0x8000_0000L);
            case UINT32, BITFIELD32 -> Optional.of(0xFFFF_FFFFL);
            case INT64 -> Optional.of(0x8000_0000_0000_0000L);
            case UINT64 -> Optional.of(0xFFFF_FFFF_FFFF_FFFFL);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return kind == Kind.STRING ? "string(" + registers + ")" : kind.yamlName();
    }
}
