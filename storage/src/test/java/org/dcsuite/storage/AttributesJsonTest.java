package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AttributesJsonTest {

    @Test
    void roundTripsAwkwardValues() {
        TreeMap<String, String> attributes = new TreeMap<>(Map.of("a", "quote \" back \\ slash", "b.c", "line\nbreak\t\u0001",
                "d", "ünïcode ✓"));
        assertThat(AttributesJson.decode(AttributesJson.encode(attributes))).isEqualTo(attributes);
        assertThat(AttributesJson.encode(new TreeMap<>())).isEqualTo("{}");
    }

    @Test
    void readsPostgresJsonbOutput() {
        assertThat(AttributesJson.decode("{\"host\": \"a\", \"rack\": \"r\\u0031\"}"))
                .containsExactly(Map.entry("host", "a"), Map.entry("rack", "r1"));
        assertThat(AttributesJson.decode("{}")).isEmpty();
    }
}
