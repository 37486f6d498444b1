package org.dcsuite.simulator.state;

import java.util.Objects;

/**
 * A water meter (the {@code generic-water-meter} profile).
 *
 * @param volumeL   the volume totaliser
 * @param flowLPerH the flow rate
 */
public record WaterMeterState(String id, String name, double volumeL, double flowLPerH) {

    public WaterMeterState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
