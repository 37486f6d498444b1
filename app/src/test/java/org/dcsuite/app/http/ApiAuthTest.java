package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dcsuite.core.config.Secret;
import org.junit.jupiter.api.Test;

class ApiAuthTest {

    private final ApiAuth auth = new ApiAuth(List.of(Secret.of("first-token"), Secret.of("second-token")));

    @Test
    void acceptsAnyConfiguredBearerToken() {
        assertThat(auth.accepts("Bearer first-token")).isTrue();
        assertThat(auth.accepts("bearer second-token")).isTrue();
        assertThat(auth.accepts("Bearer  first-token ")).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.accepts("")).isFalse();
        assertThat(auth.accepts("Bearer")).isFalse();
        assertThat(auth.accepts("Bearer ")).isFalse();
        assertThat(auth.accepts("Bearer first-toke")).isFalse();
        assertThat(auth.accepts("Bearer first-token2")).isFalse();
        assertThat(auth.accepts("Basic Zmlyc3QtdG9rZW4=")).isFalse();
        assertThat(auth.accepts("first-token")).isFalse();
    }

    @Test
    void needsAToken() {
        assertThatThrownBy(() -> new ApiAuth(List.of())).hasMessage("at least one API token is needed");
    }
}
