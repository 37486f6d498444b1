package org.dcsuite.drivers.snmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snmp4j.smi.OID;

/**
 * Decodes a table row's index (the OID suffix after the column) into its parts, as SMIv2 encodes them
 * (RFC 2578 section 7.7): an integer is one sub-identifier, a string is its length then one sub-identifier
 * per octet, an {@code IMPLIED} string is the remaining sub-identifiers, an IpAddress is four.
 */
final class SnmpIndex {

    /** The kinds of index parts a profile can declare. */
    enum Part {
        INTEGER, STRING, IMPLIED_STRING, IPV4;

        /** The name used in profiles: {@code integer}, {@code string}, {@code implied_string}, {@code ipv4}. */
        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Part> fromConfigName(String name) {
            for (Part p : values()) {
                if (p.configName().equals(name)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A decoded index.
     *
     * @param suffix  the index as it appears after the column OID
     * @param raw     each part's sub-identifiers, dotted (what lookups and SETs need)
     * @param display each part for people: the number, the string's text, the dotted address
     */
    record Decoded(OID suffix, List<String> raw, List<String> display) {
        Decoded {
            raw = List.copyOf(raw);
            display = List.copyOf(display);
        }

        /** All parts for people, joined with dots. */
        String displayAll() {
            return String.join(".", display);
        }
    }

    private SnmpIndex() {
    }

    /** The decoded index, or empty when the suffix does not have the declared shape. */
    static Optional<Decoded> decode(OID suffix, List<Part> parts) {
        int[] ids = suffix.getValue();
        int pos = 0;
        List<String> raw = new ArrayList<>();
        List<String> display = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            int start = pos;
            switch (part) {
                case INTEGER -> {
                    if (pos >= ids.length) {
                        return Optional.empty();
                    }
                    display.add(Long.toString(ids[pos] & 0xFFFFFFFFL));
                    pos++;
                }
                case IPV4 -> {
                    if (pos + 4 > ids.length) {
                        return Optional.empty();
                    }
                    display.add(dotted(ids, pos, pos + 4));
                    pos += 4;
                }
                case STRING, IMPLIED_STRING -> {
                    int from;
                    int to;
                    if (part == Part.STRING) {
                        if (pos >= ids.length || ids[pos] < 0 || pos + 1 + ids[pos] > ids.length) {
                            return Optional.empty();
                        }
                        from = pos + 1;
                        to = from + ids[pos];
                    } else {
                        if (i != parts.size() - 1) {
                            return Optional.empty();
                        }
                        from = pos;
                        to = ids.length;
                    }
                    byte[] text = new byte[to - from];
                    for (int k = from; k < to; k++) {
                        if (ids[k] < 0 || ids[k] > 255) {
                            return Optional.empty();
                        }
                        text[k - from] = (byte) ids[k];
                    }
                    display.add(new String(text, StandardCharsets.UTF_8));
                    pos = to;
                }
            }
            raw.add(dotted(ids, start, pos));
        }
        if (pos != ids.length) {
            return Optional.empty();
        }
        return Optional.of(new Decoded(suffix, raw, display));
    }

    private static String dotted(int[] ids, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from) {
                b.append('.');
            }
            b.append(ids[k] & 0xFFFFFFFFL);
        }
        return b.toString();
    }
}
