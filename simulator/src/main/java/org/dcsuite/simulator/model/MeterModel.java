package org.dcsuite.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.MeterState;

/**
 * A three-phase electricity meter: at a site's incomer it sees IT, UPS losses, cooling and the building's other loads
 * less what the PV array gives; as the array's production meter it sees the array's output. A production meter is
 * wired with the inverter on its supply side, so generation counts as import and its power is positive, and the
 * site's consumption is what its meters import together.
 */
final class MeterModel {

    /** The incomer is power-factor corrected to 0.98. */
    private static final double POWER_FACTOR = 0.98;
    /** Single-phase loads leave the three phases up to 2% apart from an even third. */
    private static final double MAX_IMBALANCE = 0.02;

    final String id;
    final String name;
    /** Measures the PV array rather than the incomer. */
    final boolean generation;
    private final double[] phaseShare = new double[3];
    double energyJ;

    // The snapshot at the last step.
    double powerW;
    double voltageV;
    double frequencyHz;

    MeterModel(Device device, long seed, boolean generation) {
        this.id = device.id();
        this.name = device.name();
        this.generation = generation;
        SplittableRandom r = Seeds.random(seed, "meter:" + id);
        double sum = 0;
        for (int p = 0; p < 3; p++) {
            phaseShare[p] = 1 + MAX_IMBALANCE * (2 * r.nextDouble() - 1);
            sum += phaseShare[p];
        }
        for (int p = 0; p < 3; p++) {
            phaseShare[p] /= sum;
        }
    }

    void step(double dtS) {
        energyJ += powerW * dtS;
    }

    MeterState state() {
        List<MeterState.Phase> phases = new ArrayList<>(3);
        for (int p = 0; p < 3; p++) {
            double w = powerW * phaseShare[p];
            phases.add(new MeterState.Phase(PduModel.PHASES[p], voltageV, w / (voltageV * POWER_FACTOR), w));
        }
        double apparent = powerW / POWER_FACTOR;
        double reactive = Math.sqrt(apparent * apparent - powerW * powerW);
        return new MeterState(id, name, powerW, apparent, reactive, POWER_FACTOR, frequencyHz, energyJ, phases);
    }
}
