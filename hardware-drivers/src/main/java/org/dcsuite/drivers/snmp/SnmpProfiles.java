package org.dcsuite.drivers.snmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The profiles shipped in {@code profiles/*.yaml} beside this class, loaded and validated once. */
final class SnmpProfiles {

    /**
     * The shipped profile files. A class-path folder cannot be listed portably inside a jar, so adding a
     * profile is adding its file and its name here ({@code SnmpProfilesTest} checks both agree).
     */
    static final List<String> SHIPPED = List.of("apc-rpdu2", "entity-sensor", "host-resources", "if-mib",
            "raritan-pdu2", "ups-mib");

    private static final Map<String, SnmpProfile> PROFILES = loadShipped();

    private SnmpProfiles() {
    }

    static Optional<SnmpProfile> get(String name) {
        return Optional.ofNullable(PROFILES.get(name));
    }

    static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(PROFILES.keySet()));
    }

    static Map<String, SnmpProfile> all() {
        return PROFILES;
    }

    private static Map<String, SnmpProfile> loadShipped() {
        TreeMap<String, SnmpProfile> out = new TreeMap<>();
        for (String name : SHIPPED) {
            String file = name + ".yaml";
            try (InputStream in = SnmpProfiles.class.getResourceAsStream("profiles/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("snmp profile " + file + " is missing from the class path");
                }
                out.put(name, SnmpProfileLoader.load(file, in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read snmp profile " + file, e);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
