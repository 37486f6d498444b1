package org.dcsuite.drivers.modbus;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Register words to values and back. The wire carries each register big-endian; a point's {@code word_order} and
 * {@code byte_order} say how the device laid out a value across registers, so decoding first restores the
 * canonical ABCD order and then reads it big-endian. The four layouts: ABCD (big, big), CDAB (byte big, word
 * little), BADC (byte little, word big), DCBA (little, little).
 */
final class ModbusCodec {

    private ModbusCodec() {
    }

    /** The point's bytes in canonical (most significant first) order, from registers starting at {@code from}. */
    static byte[] canonicalBytes(ModbusPoint p, int[] registers, int from) {
        int n = p.count();
        byte[] out = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            int word = registers[from + (p.wordSwap() ? n - 1 - i : i)];
            int hi = (word >>> 8) & 0xFF;
            int lo = word & 0xFF;
            out[2 * i] = (byte) (p.byteSwap() ? lo : hi);
            out[2 * i + 1] = (byte) (p.byteSwap() ? hi : lo);
        }
        return out;
    }

    /** The registers to write for canonical bytes: the same swaps, which undo themselves. */
    static int[] registers(ModbusPoint p, byte[] canonical) {
        int n = p.count();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int hi = canonical[2 * i] & 0xFF;
            int lo = canonical[2 * i + 1] & 0xFF;
            int word = p.byteSwap() ? (lo << 8) | hi : (hi << 8) | lo;
            out[p.wordSwap() ? n - 1 - i : i] = word;
        }
        return out;
    }

    /** The unsigned bit pattern of a numeric value of up to 64 bits. */
    static long bits(byte[] canonical) {
        long v = 0;
        for (byte b : canonical) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    /**
     * The same bit pattern as {@code bits(canonicalBytes(p, registers, from))} for a numeric point (at most four
     * registers), straight from the words: polls decode every point every cycle, and this skips an array per point.
     */
    static long bits(ModbusPoint p, int[] registers, int from) {
        int n = p.count();
        long v = 0;
        for (int i = 0; i < n; i++) {
            int word = registers[from + (p.wordSwap() ? n - 1 - i : i)];
            if (p.byteSwap()) {
                word = (word & 0xFF) << 8 | (word >>> 8) & 0xFF;
            }
            v = (v << 16) | (word & 0xFFFF);
        }
        return v;
    }

    /** Whether the raw value is one of the point's "not implemented" sentinels. */
    static boolean notImplemented(ModbusPoint p, byte[] canonical) {
        return notImplemented(p, bits(canonical));
    }

    /** Whether the bit pattern of a numeric point is one of its "not implemented" sentinels. */
    static boolean notImplemented(ModbusPoint p, long bits) {
        if (p.type().floating()) {
            return p.nanNotImplemented() && Double.isNaN(raw(p, bits));
        }
        return p.notImplemented().contains(bits);
    }

    /** The raw number before scaling. */
    static double raw(ModbusPoint p, byte[] canonical) {
        return raw(p, bits(canonical));
    }

    /** The raw number before scaling, from the point's bit pattern. */
    static double raw(ModbusPoint p, long bits) {
        return switch (p.type().kind()) {
            case INT16 -> (short) bits;
            case INT32 -> (int) bits;
            case INT64 -> bits;
            case UINT16, UINT32, BITFIELD16, BITFIELD32 -> bits;
            case UINT64 -> bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1);
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
            case STRING, BOOL -> throw new IllegalArgumentException(p.type() + " has no numeric value");
        };
    }

    /** A string register block: ASCII/UTF-8 up to the first NUL, trimmed (SunSpec pads with NULs). */
    static String string(byte[] canonical) {
        int end = 0;
        while (end < canonical.length && canonical[end] != 0) {
            end++;
        }
        return new String(canonical, 0, end, StandardCharsets.UTF_8).trim();
    }

    /** Engineering value: raw x scale x 10^sf + offset. */
    static double engineering(ModbusPoint p, double raw, int scaleFactor) {
        // Most points have no scale factor; 10^0 is exactly 1, so skipping pow changes no result.
        double factor = scaleFactor == 0 ? p.scale() : p.scale() * Math.pow(10, scaleFactor);
        double divisor = 1 / factor;
        // Dividing by 10 rounds correctly where multiplying by 0.1 does not (287 x 0.1 = 28.700000000000003).
        if (Math.abs(factor) < 1 && Math.abs(divisor - Math.rint(divisor)) < 1e-9 * Math.abs(divisor)) {
            return raw / Math.rint(divisor) + p.offset();
        }
        return raw * factor + p.offset();
    }

    /**
     * The registers encoding an engineering value, through offset, scale and type.
     *
     * @throws IllegalArgumentException when the raw value does not fit the type, saying why
     */
    static int[] encode(ModbusPoint p, double value, int scaleFactor) {
        double raw = (value - p.offset()) / (p.scale() * Math.pow(10, scaleFactor));
        byte[] canonical = new byte[p.count() * 2];
        long bits;
        switch (p.type().kind()) {
            case FLOAT32 -> bits = Float.floatToIntBits((float) raw) & 0xFFFF_FFFFL;
            case FLOAT64 -> bits = Double.doubleToLongBits(raw);
            case INT16, INT32, INT64, UINT16, UINT32, UINT64 -> {
                long r = Math.round(raw);
                int width = p.type().bits();
                long min = p.type().signed() ? -(1L << (width - 1)) : 0;
                long max = width == 64 ? Long.MAX_VALUE : p.type().signed() ? (1L << (width - 1)) - 1
                        : (1L << width) - 1;
                if (r < min || r > max) {
                    throw new IllegalArgumentException("raw value " + r + " does not fit " + p.type());
                }
                bits = r;
            }
            default -> throw new IllegalArgumentException(p.type() + " points cannot be written");
        }
        for (int i = canonical.length - 1; i >= 0; i--) {
            canonical[i] = (byte) bits;
            bits >>>= 8;
        }
        return registers(p, canonical);
    }

    /** A number for messages, without a trailing ".0" or exponent. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
