package org.dcsuite.drivers.snmp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/** A fixture walk ({@code snmpwalk -On} lines) as raw text and as SNMP4J values. */
record SnmpWalkFixture(Map<String, String> raw, TreeMap<OID, Variable> values) {

    static SnmpWalkFixture load(String name) {
        try (InputStream in = SnmpWalkFixture.class.getResourceAsStream(name + ".snmpwalk")) {
            Map<String, String> raw = new LinkedHashMap<>();
            TreeMap<OID, Variable> values = new TreeMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split(" = ", 2);
                String[] tv = kv[1].split(": ", 2);
                String oid = kv[0].substring(1);
                String text = tv[0].equals("STRING") ? tv[1].substring(1, tv[1].length() - 1) : tv[1];
                raw.put(oid, text);
                values.put(new OID(oid), switch (tv[0]) {
                    case "INTEGER" -> new Integer32(Integer.parseInt(text));
                    case "Gauge32" -> new Gauge32(Long.parseLong(text));
                    case "Counter32" -> new Counter32(Long.parseLong(text));
                    case "Counter64" -> new Counter64(Long.parseLong(text));
                    case "Timeticks" -> new TimeTicks(Long.parseLong(text));
                    case "STRING" -> new OctetString(text);
                    default -> throw new IllegalArgumentException("unsupported type in fixture: " + tv[0]);
                });
            }
            return new SnmpWalkFixture(raw, values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw integer at an OID (without the leading dot). */
    long integer(String oid) {
        return Long.parseLong(raw.get(oid));
    }

    /** What walking these columns would return: per column, values by index suffix. */
    Map<OID, TreeMap<OID, Variable>> walk(Iterable<OID> columns) {
        Map<OID, TreeMap<OID, Variable>> out = new LinkedHashMap<>();
        for (OID c : columns) {
            TreeMap<OID, Variable> col = new TreeMap<>();
            values.forEach((oid, v) -> {
                if (oid.startsWith(c) && oid.size() > c.size()) {
                    col.put(new OID(oid.getValue(), c.size(), oid.size() - c.size()), v);
                }
            });
            out.put(c, col);
        }
        return out;
    }
}
