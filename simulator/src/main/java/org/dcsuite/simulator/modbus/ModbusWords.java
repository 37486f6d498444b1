package org.dcsuite.simulator.modbus;

import java.nio.charset.StandardCharsets;

/** Engineering values into 16-bit registers, the inverse of what the driver's codec decodes. */
final class ModbusWords {

    /** SunSpec's "not implemented" value of int16 registers and scale factors. */
    static final int INT16_NOT_IMPLEMENTED = 0x8000;

    private ModbusWords() {
    }

    /** {@code value / scale} rounded to an int16, clamped: a real device saturates rather than wraps. */
    static int int16(double value, double scale) {
        if (!Double.isFinite(value)) {
            return INT16_NOT_IMPLEMENTED;
        }
        long raw = Math.round(value / scale);
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw)) & 0xFFFF;
    }

    /** {@code value / scale} rounded to a uint16, clamped. */
    static int uint16(double value, double scale) {
        if (!Double.isFinite(value)) {
            return 0xFFFF;
        }
        return (int) Math.max(0, Math.min(0xFFFF, Math.round(value / scale)));
    }

    /** A float32 into {@code out[at]} and {@code out[at + 1]}; {@code lowWordFirst} is word order CDAB. */
    static void float32(double value, boolean lowWordFirst, int[] out, int at) {
        int bits = Float.floatToIntBits((float) value);
        int high = bits >>> 16;
        int low = bits & 0xFFFF;
        out[at] = lowWordFirst ? low : high;
        out[at + 1] = lowWordFirst ? high : low;
    }

    /** A uint32, most significant word first (SunSpec's order), clamped. */
    static void uint32(long value, int[] out, int at) {
        long v = Math.max(0, Math.min(0xFFFF_FFFFL, value));
        out[at] = (int) (v >>> 16);
        out[at + 1] = (int) (v & 0xFFFF);
    }

    /** ASCII, two characters a register, first one in the high byte, padded with NUL; cut to fit. */
    static void string(String s, int registers, int[] out, int at) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < registers; i++) {
            int hi = 2 * i < bytes.length ? bytes[2 * i] & 0xFF : 0;
            int lo = 2 * i + 1 < bytes.length ? bytes[2 * i + 1] & 0xFF : 0;
            out[at + i] = hi << 8 | lo;
        }
    }
}
