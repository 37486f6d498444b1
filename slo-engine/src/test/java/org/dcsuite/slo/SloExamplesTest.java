package org.dcsuite.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dcsuite.slo.definition.SloDefinition;
import org.junit.jupiter.api.Test;

/** The example and demo SLO files are the ones docs/slo.md shows: they must load as they are. */
class SloExamplesTest {

    @Test
    void examplesLoad() throws Exception {
        SloDefinitions d = SloDefinitions.load(Path.of("../examples/config"));

        assertThat(d.all()).extracting(SloDefinition::name)
                .containsExactlyInAnyOrder("checkout-availability", "checkout-latency", "edge-lyon-inlet");
        assertThat(d.composites()).hasSize(1);
    }

    @Test
    void demoSlosLoad() throws Exception {
        SloDefinitions d = SloDefinitions.load(Path.of("../simulator/src/main/resources/org/dcsuite/simulator/demo"));

        assertThat(d.all()).hasSize(10);
        assertThat(d.composites()).extracting(c -> c.name()).containsExactly("fleet-rack-inlet");
    }
}
