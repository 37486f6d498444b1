package org.dcsuite.simulator.state;

import java.util.List;
import java.util.Objects;

/**
 * A three-phase facility power meter (SunSpec meter model 203).
 *
 * @param powerW          total real power
 * @param powerFactor     a ratio from 0 to 1 (SunSpec carries it in percent)
 * @param energyImportedJ imported real energy counter
 * @param phases          L1..L3, voltages line-to-neutral
 */
public record MeterState(String id, String name, double powerW, double apparentPowerVa, double reactivePowerVar,
        double powerFactor, double frequencyHz, double energyImportedJ, List<Phase> phases) {

    public MeterState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        phases = List.copyOf(phases);
    }

    public record Phase(String id, double voltageV, double currentA, double powerW) {
    }
}
