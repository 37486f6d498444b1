package org.dcsuite.drivers.modbus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Merges points into as few reads as the protocol allows: one function per read, at most
 * {@code maxRegisters} registers (or the protocol's 2000 bits), and gaps of up to {@code gapFill} unused
 * registers read through rather than split, since one longer read costs less than a second round trip.
 */
final class ModbusRequestPlanner {

    /** One planned read and the points it serves. */
    record ModbusRead(ModbusFunction function, int address, int count, List<ModbusPoint> points) {
        ModbusRead {
            points = List.copyOf(points);
        }

        int end() {
            return address + count;
        }
    }

    private ModbusRequestPlanner() {
    }

    static List<ModbusRead> plan(Collection<ModbusPoint> points, int gapFill, int maxRegisters) {
        List<ModbusPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(ModbusPoint::function).thenComparingInt(ModbusPoint::address)
                .thenComparingInt(ModbusPoint::end));
        List<ModbusRead> reads = new ArrayList<>();
        List<ModbusPoint> current = new ArrayList<>();
        ModbusFunction function = null;
        int start = 0;
        int end = 0;
        for (ModbusPoint p : sorted) {
            int limit = p.function().registers() ? maxRegisters : p.function().protocolLimit();
            boolean fits = p.function() == function && p.address() - end <= gapFill
                    && Math.max(end, p.end()) - start <= limit;
            if (!fits) {
                if (!current.isEmpty()) {
                    reads.add(new ModbusRead(function, start, end - start, current));
                }
                current = new ArrayList<>();
                function = p.function();
                start = p.address();
                end = p.end();
            }
            current.add(p);
            end = Math.max(end, p.end());
        }
        if (!current.isEmpty()) {
            reads.add(new ModbusRead(function, start, end - start, current));
        }
        return reads;
    }
}
