package org.dcsuite.drivers.modbus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;

/**
 * One point of a profile, validated: where it is, how to decode it and what reading it becomes. A point without a
 * metric is a helper (a SunSpec scale factor, a string copied into an attribute) and produces no reading.
 *
 * @param name            unique within the profile; control requests and point errors use it
 * @param function        which data table
 * @param address         zero-based protocol address (relative to the model for SunSpec models)
 * @param type            data type and register count
 * @param byteSwap        {@code byte_order: little}: the two bytes of each register are swapped
 * @param wordSwap        {@code word_order: little}: the least significant register comes first
 * @param scale           constant factor
 * @param scaleFactor     name of an int16 point holding a power-of-ten exponent (SunSpec {@code sunssf})
 * @param offset          added after scaling
 * @param metric          the reading's metric name, empty for helpers
 * @param unit            UCUM code of the engineering value
 * @param kind            gauge or counter
 * @param attributes      the reading's attributes
 * @param notImplemented  raw bit patterns that mean "no value" (the reading is skipped, a DECODE error reported)
 * @param nanNotImplemented whether NaN means "no value" (floats)
 * @param flags           for bitfields: one reading per named bit
 * @param flagAttribute   the attribute carrying a flag's name
 * @param writable        the range a control request may write, in engineering units
 * @param deviceAttribute for strings: the attribute every reading of the device gets with this value
 */
record ModbusPoint(String name, ModbusFunction function, int address, ModbusType type, boolean byteSwap,
        boolean wordSwap, double scale, Optional<String> scaleFactor, double offset, Optional<String> metric,
        Unit unit, MetricKind kind, Map<String, String> attributes, Set<Long> notImplemented,
        boolean nanNotImplemented, List<Flag> flags, String flagAttribute, Optional<Range> writable,
        Optional<String> deviceAttribute) {

    /** A named bit of a bitfield. */
    record Flag(int bit, String name) {
    }

    /** Inclusive bounds in engineering units. */
    record Range(double min, double max) {
        boolean contains(double v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return "[" + ModbusCodec.format(min) + ", " + ModbusCodec.format(max) + "]";
        }
    }

    ModbusPoint {
        attributes = Map.copyOf(attributes);
        notImplemented = Set.copyOf(notImplemented);
        flags = List.copyOf(flags);
    }

    /** Registers (or bits) the point spans. */
    int count() {
        return type.registers();
    }

    /** One past the last register (or bit). */
    int end() {
        return address + count();
    }

    /** The same point at {@code base + address}: how SunSpec model points get their absolute address. */
    ModbusPoint relocate(int base) {
        return new ModbusPoint(name, function, base + address, type, byteSwap, wordSwap, scale, scaleFactor, offset,
                metric, unit, kind, attributes, notImplemented, nanNotImplemented, flags, flagAttribute, writable,
                deviceAttribute);
    }
}
