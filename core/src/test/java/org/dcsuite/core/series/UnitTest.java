package org.dcsuite.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void wellKnownCodesAreSharedConstants() {
        assertThat(Unit.of("W")).isSameAs(Unit.WATT);
        assertThat(Unit.of("Cel")).isSameAs(Unit.CELSIUS);
        assertThat(Unit.of("{rpm}")).isSameAs(Unit.RPM);
        assertThat(Unit.of("kW.h")).isEqualTo(Unit.KILOWATT_HOUR);
    }

    @Test
    void prometheusSuffixes() {
        assertThat(Unit.WATT.prometheusSuffix()).isEqualTo("watts");
        assertThat(Unit.CELSIUS.prometheusSuffix()).isEqualTo("celsius");
        assertThat(Unit.RPM.prometheusSuffix()).isEmpty();
    }

    @Test
    void codesAreUcumTokensWithoutSpaces() {
        assertThatThrownBy(() -> Unit.of("kilo watt")).hasMessageContaining("invalid unit code 'kilo watt'");
    }
}
