package org.dcsuite.drivers.modbus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.ControlResult;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;

/**
 * One Modbus device: its connection, its points (from the profile, or found by SunSpec discovery on the first
 * poll) and the read plan merging them.
 */
final class ModbusSession implements DeviceSession {

    /** A point's raw registers (bits as 0/1) from {@code from} on, or the exception that refused them. */
    private record Raw(int[] registers, int from, ModbusTcpClient.ModbusExceptionResponse failure) {
    }

    /** A planned read and the slots (indexes into {@link #slots}) of the points it serves. */
    private record SlottedRead(ModbusRequestPlanner.ModbusRead read, int[] slots) {
    }

    /**
     * A point's reading attributes over the device's, and for a bitfield those of each flag: immutable, so readings
     * take them without copying, and built once for as long as the device attributes stay the same.
     */
    private record Labels(Map<String, String> point, List<Map<String, String>> flags) {
    }

    private final DeviceTarget target;
    private final Optional<ModbusProfile> profile;
    private final List<String> profileNames;
    private final int gapFill;
    private final int maxRegisters;
    private final ModbusTcpClient client;
    private Map<String, ModbusPoint> points;
    private List<ModbusRequestPlanner.ModbusRead> plan;
    // A poll runs for every point on every cycle, so what it needs by point is resolved once into arrays indexed
    // by the point's position (its slot) instead of being looked up by name each time.
    private ModbusPoint[] slots;
    private List<SlottedRead> slottedPlan;
    /** Per slot, the slot of the point's scale factor; -1 when it has none or names a point the device lacks. */
    private int[] scaleFactorSlots;
    private int[] deviceAttributeSlots;
    private Labels[] labels;
    private Map<String, String> labelsDeviceAttributes = Map.of();

    ModbusSession(DeviceTarget target, Optional<ModbusProfile> profile, List<String> profileNames, int gapFill,
            int maxRegisters) {
        this.target = target;
        this.profile = profile;
        this.profileNames = profileNames;
        this.gapFill = gapFill;
        this.maxRegisters = maxRegisters;
        this.client = new ModbusTcpClient(target);
    }

    @Override
    public PollResult poll() {
        resolve();
        Instant now = target.clock().instant();
        Raw[] raw = new Raw[slots.length];
        for (SlottedRead slotted : slottedPlan) {
            ModbusRequestPlanner.ModbusRead read = slotted.read();
            try {
                int[] values = read(read.function(), read.address(), read.count());
                for (int slot : slotted.slots()) {
                    raw[slot] = new Raw(values, slots[slot].address() - read.address(), null);
                }
            } catch (ModbusTcpClient.ModbusExceptionResponse e) {
                // One refused register must not lose the others: ask for each point alone.
                for (int slot : slotted.slots()) {
                    raw[slot] = readAlone(slots[slot], e, slotted.slots().length);
                }
            }
        }
        Map<String, String> deviceAttributes = deviceAttributes(raw);
        if (!deviceAttributes.equals(labelsDeviceAttributes)) {
            labelsDeviceAttributes = deviceAttributes;
            Arrays.fill(labels, null);
        }
        List<Reading> readings = new ArrayList<>(slots.length);
        List<PointError> errors = new ArrayList<>();
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot].metric().isPresent()) {
                decode(slot, raw, now, readings, errors);
            }
        }
        return new PollResult(target.deviceId(), readings, errors);
    }

    private Map<String, String> deviceAttributes(Raw[] raw) {
        if (deviceAttributeSlots.length == 0) {
            return Map.of();
        }
        Map<String, String> deviceAttributes = new LinkedHashMap<>();
        for (int slot : deviceAttributeSlots) {
            ModbusPoint p = slots[slot];
            Raw r = raw[slot];
            if (r.failure() == null) {
                String s = ModbusCodec.string(ModbusCodec.canonicalBytes(p, r.registers(), r.from()));
                if (!s.isEmpty()) {
                    deviceAttributes.put(p.deviceAttribute().get(), s);
                }
            }
        }
        return deviceAttributes;
    }

    private Raw readAlone(ModbusPoint p, ModbusTcpClient.ModbusExceptionResponse merged, int pointsInRead) {
        if (pointsInRead == 1) {
            return new Raw(null, 0, merged);
        }
        try {
            return new Raw(read(p.function(), p.address(), p.count()), 0, null);
        } catch (ModbusTcpClient.ModbusExceptionResponse e) {
            return new Raw(null, 0, e);
        }
    }

    private int[] read(ModbusFunction function, int address, int count)
            throws ModbusTcpClient.ModbusExceptionResponse {
        if (function.registers()) {
            return client.readRegisters(function, address, count);
        }
        boolean[] bits = client.readBits(function, address, count);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = bits[i] ? 1 : 0;
        }
        return out;
    }

    private void decode(int slot, Raw[] raw, Instant now, List<Reading> readings, List<PointError> errors) {
        ModbusPoint p = slots[slot];
        Raw r = raw[slot];
        if (r.failure() != null) {
            errors.add(new PointError(p.name(), DriverErrorKind.PROTOCOL, r.failure().getMessage() + " for point '"
                    + p.name() + "'"));
            return;
        }
        Labels l = labels(slot);
        if (p.type().kind() == ModbusType.Kind.BOOL) {
            readings.add(new Reading(p.metric().get(), p.unit(), p.kind(), r.registers()[r.from()], l.point(), now));
            return;
        }
        long bits = ModbusCodec.bits(p, r.registers(), r.from());
        if (ModbusCodec.notImplemented(p, bits)) {
            errors.add(new PointError(p.name(), DriverErrorKind.DECODE, client.describe() + ": point '" + p.name()
                    + "' is not implemented by the device (raw 0x"
                    + Long.toHexString(bits).toUpperCase(Locale.ROOT) + ")"));
            return;
        }
        if (p.type().bitfield()) {
            for (int i = 0; i < p.flags().size(); i++) {
                readings.add(new Reading(p.metric().get(), p.unit(), p.kind(), (bits >>> p.flags().get(i).bit()) & 1,
                        l.flags().get(i), now));
            }
            return;
        }
        int sf;
        try {
            sf = scaleFactor(slot, raw);
        } catch (IllegalStateException e) {
            errors.add(new PointError(p.name(), DriverErrorKind.DECODE, client.describe() + ": point '" + p.name()
                    + "': " + e.getMessage()));
            return;
        }
        double value = ModbusCodec.engineering(p, ModbusCodec.raw(p, bits), sf);
        if (!Double.isFinite(value)) {
            errors.add(new PointError(p.name(), DriverErrorKind.DECODE, client.describe() + ": point '" + p.name()
                    + "' decoded to " + value));
            return;
        }
        readings.add(new Reading(p.metric().get(), p.unit(), p.kind(), value, l.point(), now));
    }

    private Labels labels(int slot) {
        Labels l = labels[slot];
        if (l == null) {
            ModbusPoint p = slots[slot];
            Map<String, String> all = new LinkedHashMap<>(labelsDeviceAttributes);
            all.putAll(p.attributes());
            List<Map<String, String>> flags = new ArrayList<>(p.flags().size());
            for (ModbusPoint.Flag f : p.flags()) {
                Map<String, String> a = new LinkedHashMap<>(all);
                a.put(p.flagAttribute(), f.name());
                flags.add(Map.copyOf(a));
            }
            l = new Labels(Map.copyOf(all), List.copyOf(flags));
            labels[slot] = l;
        }
        return l;
    }

    /** The point's power-of-ten exponent, 0 without one; the message says why it is unusable. */
    private int scaleFactor(int slot, Raw[] raw) {
        ModbusPoint p = slots[slot];
        if (p.scaleFactor().isEmpty()) {
            return 0;
        }
        String name = p.scaleFactor().get();
        int sfSlot = scaleFactorSlots[slot];
        if (sfSlot < 0) {
            throw new IllegalStateException("scale factor '" + name + "' is not in the device's models");
        }
        Raw r = raw[sfSlot];
        if (r.failure() != null) {
            throw new IllegalStateException("scale factor '" + name + "' unreadable: " + r.failure().getMessage());
        }
        return scaleFactorValue(slots[sfSlot], r.registers(), r.from());
    }

    private int scaleFactorValue(ModbusPoint sfPoint, int[] registers, int from) {
        byte[] bytes = ModbusCodec.canonicalBytes(sfPoint, registers, from);
        int sf = (short) ModbusCodec.bits(bytes);
        if (sf == Short.MIN_VALUE || ModbusCodec.notImplemented(sfPoint, bytes)) {
            throw new IllegalStateException("scale factor '" + sfPoint.name() + "' is not implemented (0x8000)");
        }
        if (sf < -10 || sf > 10) {
            throw new IllegalStateException("scale factor '" + sfPoint.name() + "' = " + sf + " is outside -10..10");
        }
        return sf;
    }

    @Override
    public ControlResult control(ControlRequest request) {
        if (!"write".equals(request.action())) {
            throw new DriverException(DriverErrorKind.UNSUPPORTED, client.describe() + ": control action '"
                    + request.action() + "' is not supported by the Modbus driver (use 'write')");
        }
        resolve();
        List<String> writable = points.values().stream().filter(p -> p.writable().isPresent())
                .map(ModbusPoint::name).toList();
        ModbusPoint p = points.get(request.target());
        if (p == null || p.writable().isEmpty()) {
            throw new DriverException(DriverErrorKind.UNSUPPORTED, client.describe() + ": point '" + request.target()
                    + "' " + (p == null ? "does not exist" : "is not writable") + " (writable points: "
                    + writable + ")");
        }
        ModbusPoint.Range range = p.writable().get();
        String text = request.parameters().get("value");
        double value = parseValue(p, text);
        String unit = p.unit().code().isEmpty() ? "" : " " + p.unit().code();
        if (!range.contains(value)) {
            throw new DriverException(DriverErrorKind.CONFIG, client.describe() + ": value " + text
                    + " for point '" + p.name() + "' is outside the allowed range " + range + unit);
        }
        try {
            if (p.function() == ModbusFunction.COIL) {
                boolean old = client.readBits(ModbusFunction.COIL, p.address(), 1)[0];
                client.writeCoil(p.address(), value != 0);
                return new ControlResult("write " + p.name() + " " + (old ? 1 : 0) + " -> " + (value != 0 ? 1 : 0));
            }
            int sf = 0;
            if (p.scaleFactor().isPresent()) {
                ModbusPoint sfPoint = points.get(p.scaleFactor().get());
                sf = scaleFactorValue(sfPoint, client.readRegisters(sfPoint.function(), sfPoint.address(), 1), 0);
            }
            int[] registers;
            try {
                registers = ModbusCodec.encode(p, value, sf);
            } catch (IllegalArgumentException e) {
                throw new DriverException(DriverErrorKind.CONFIG, client.describe() + ": value " + text
                        + " for point '" + p.name() + "': " + e.getMessage());
            }
            int[] oldRegisters = client.readRegisters(p.function(), p.address(), p.count());
            double old = ModbusCodec.engineering(p, ModbusCodec.raw(p, ModbusCodec.canonicalBytes(p, oldRegisters,
                    0)), sf);
            client.writeRegisters(p.address(), registers);
            return new ControlResult("write " + p.name() + " " + ModbusCodec.format(old) + " -> "
                    + ModbusCodec.format(value) + unit);
        } catch (ModbusTcpClient.ModbusExceptionResponse e) {
            throw new DriverException(DriverErrorKind.PROTOCOL, e.getMessage() + " for point '" + p.name() + "'", e);
        } catch (IllegalStateException e) {
            throw new DriverException(DriverErrorKind.DECODE, client.describe() + ": point '" + p.name() + "': "
                    + e.getMessage(), e);
        }
    }

    private double parseValue(ModbusPoint p, String text) {
        if (text == null) {
            throw new DriverException(DriverErrorKind.CONFIG, client.describe() + ": write to point '" + p.name()
                    + "' needs the parameter 'value'");
        }
        if (p.type().kind() == ModbusType.Kind.BOOL) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "on", "1" -> {
                    return 1;
                }
                case "false", "off", "0" -> {
                    return 0;
                }
                default -> throw new DriverException(DriverErrorKind.CONFIG, client.describe() + ": value '" + text
                        + "' for point '" + p.name() + "' is not on/off");
            }
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        throw new DriverException(DriverErrorKind.CONFIG, client.describe() + ": value '" + text + "' for point '"
                + p.name() + "' is not a number in the allowed range " + p.writable().get());
    }

    /** Fixes the point list and read plan on first use; SunSpec discovery needs the device, so it runs here. */
    private void resolve() {
        if (points != null) {
            return;
        }
        List<ModbusPoint> list;
        if (profile.isPresent() && !profile.get().sunSpec()) {
            list = profile.get().points();
        } else {
            List<ModbusProfile> sunSpec = profile.map(List::of).orElseGet(() -> ModbusProfileLoader.SHIPPED.stream()
                    .map(ModbusProfileLoader::shipped).filter(ModbusProfile::sunSpec).toList());
            list = ModbusSunSpecDiscovery.discover(client, sunSpec, profileNames);
        }
        Map<String, ModbusPoint> byName = new LinkedHashMap<>();
        list.forEach(p -> byName.put(p.name(), p));
        List<ModbusRequestPlanner.ModbusRead> reads = ModbusRequestPlanner.plan(list, gapFill, maxRegisters);
        ModbusPoint[] bySlot = byName.values().toArray(ModbusPoint[]::new);
        Map<String, Integer> slotOf = new HashMap<>();
        for (int slot = 0; slot < bySlot.length; slot++) {
            slotOf.put(bySlot[slot].name(), slot);
        }
        slottedPlan = reads.stream().map(r -> new SlottedRead(r, r.points().stream()
                .mapToInt(p -> slotOf.get(p.name())).toArray())).toList();
        scaleFactorSlots = Arrays.stream(bySlot)
                .mapToInt(p -> p.scaleFactor().map(n -> slotOf.getOrDefault(n, -1)).orElse(-1)).toArray();
        deviceAttributeSlots = IntStream.range(0, bySlot.length)
                .filter(slot -> bySlot[slot].deviceAttribute().isPresent()).toArray();
        labels = new Labels[bySlot.length];
        slots = bySlot;
        plan = reads;
        points = byName;
    }

    /** The read plan, once resolved; for tests. */
    List<ModbusRequestPlanner.ModbusRead> plan() {
        resolve();
        return plan;
    }

    @Override
    public void close() {
        client.close();
    }
}
