package org.dcsuite.simulator.state;

import java.util.Objects;

/**
 * A heat meter (the {@code generic-heat-meter} profile).
 *
 * @param energyJ the thermal energy totaliser
 * @param powerW  the thermal power
 */
public record HeatMeterState(String id, String name, double energyJ, double powerW) {

    public HeatMeterState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
