package org.dcsuite.simulator.snmp;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * One device's MIB at one instant: a sorted {@code OID -> Variable} view built from the current state for each
 * request, plus the instances a SET may change. Building it anew per request keeps the agent free of caches that
 * could drift from the model, and GETNEXT/GETBULK become a {@link NavigableMap#higherEntry} walk.
 */
final class SimSnmpMib {

    /**
     * A writable instance: the SMI syntax it accepts ({@link org.snmp4j.smi.SMIConstants}), the values it accepts
     * and what a SET does once every varbind of the request has been checked.
     */
    record Writable(int syntax, Predicate<Variable> accepts, Consumer<Variable> apply) {

        Writable {
            Objects.requireNonNull(accepts, "accepts");
            Objects.requireNonNull(apply, "apply");
        }
    }

    private final NavigableMap<OID, Variable> values;
    private final TreeSet<OID> objects;
    private final TreeSet<OID> writableObjects;
    private final Map<OID, Writable> writables;

    private SimSnmpMib(Builder b) {
        values = b.values;
        objects = b.objects;
        writableObjects = b.writableObjects;
        writables = b.writables;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The value of an instance, if the MIB has it. */
    Optional<Variable> get(OID oid) {
        return Optional.ofNullable(values.get(oid));
    }

    /** The first instance after {@code oid} in lexicographic order, or empty at the end of the MIB view. */
    Optional<Map.Entry<OID, Variable>> next(OID oid) {
        return Optional.ofNullable(values.higherEntry(oid));
    }

    /**
     * Whether {@code oid} names an instance of an object type this MIB implements (so a missing instance is
     * noSuchInstance rather than noSuchObject, RFC 3416 4.2.1).
     */
    boolean isInstanceOfKnownObject(OID oid) {
        return startsWithAny(objects, oid);
    }

    /** The instance a SET may change, if {@code oid} is one. */
    Optional<Writable> writable(OID oid) {
        return Optional.ofNullable(writables.get(oid));
    }

    /**
     * Whether {@code oid} lies under a writable object type although no such instance exists: RFC 3416 4.2.5 asks
     * for noCreation there and notWritable elsewhere.
     */
    boolean isUnderWritableObject(OID oid) {
        return startsWithAny(writableObjects, oid);
    }

    private static boolean startsWithAny(TreeSet<OID> prefixes, OID oid) {
        // The longest prefix of oid sorts at or before it; object OIDs never nest, so the floor is the candidate.
        OID floor = prefixes.floor(oid);
        return floor != null && oid.startsWith(floor) && oid.size() > floor.size();
    }

    /** Collects instances; object types are the OIDs without their index. */
    static final class Builder {

        private final NavigableMap<OID, Variable> values = new TreeMap<>();
        private final TreeSet<OID> objects = new TreeSet<>();
        private final TreeSet<OID> writableObjects = new TreeSet<>();
        private final Map<OID, Writable> writables = new HashMap<>();

        private Builder() {
        }

        /** A scalar: its instance is {@code object.0}. */
        Builder scalar(OID object, Variable value) {
            return instance(object, new OID(new int[] {0}), value);
        }

        /** A columnar instance {@code column.index}. */
        Builder instance(OID column, OID index, Variable value) {
            objects.add(column);
            values.put(new OID(column).append(index), value);
            return this;
        }

        /** A columnar instance a SET may change. */
        Builder writable(OID column, OID index, Variable value, Writable writable) {
            instance(column, index, value);
            writableObjects.add(column);
            writables.put(new OID(column).append(index), writable);
            return this;
        }

        SimSnmpMib build() {
            return new SimSnmpMib(this);
        }
    }
}
