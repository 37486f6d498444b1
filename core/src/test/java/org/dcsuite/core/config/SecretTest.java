package org.dcsuite.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void printsAsMaskAndRevealsOnlyOnRequest() {
        Secret s = Secret.of("hunter2");

        assertThat(s).hasToString("***");
        assertThat(String.valueOf(java.util.List.of(s))).isEqualTo("[***]");
        assertThat(s.reveal()).isEqualTo("hunter2");
        assertThat(s.source()).isEqualTo("literal");
    }

    @Test
    void matchesComparesValues() {
        Secret s = Secret.of("token");

        assertThat(s.matches("token")).isTrue();
        assertThat(s.matches("token2")).isFalse();
        assertThat(s.matches(null)).isFalse();
        assertThat(s).isEqualTo(Secret.of("token")).hasSameHashCodeAs(Secret.of("token"));
    }
}
