package org.dcsuite.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("id", "name", "poll_interval", "profile", "endpoint");

    @Test
    void suggestsCloseNamesOnly() {
        assertThat(Suggestions.closest("poll_intervall", FIELDS)).contains("poll_interval");
        assertThat(Suggestions.closest("endpiont", FIELDS)).contains("endpoint");
        assertThat(Suggestions.closest("Name", FIELDS)).contains("name");
        assertThat(Suggestions.closest("colour", FIELDS)).isEmpty();
        assertThat(Suggestions.closest("x", FIELDS)).isEmpty();
    }
}
