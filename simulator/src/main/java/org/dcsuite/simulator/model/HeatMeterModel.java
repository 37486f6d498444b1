package org.dcsuite.simulator.model;

import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.HeatMeterState;

/**
 * The heat meter on a site's heat-recovery exchanger: it counts the heat handed to a district-heating network, a
 * fixed share of what the site's cooling units reject (the heat they remove plus the electrical power they draw,
 * which ends up as heat too).
 */
final class HeatMeterModel {

    /**
     * The exchanger sits on the condenser circuit and takes 60 % of the rejected heat; the rest leaves through the
     * dry coolers when the network's return water is too warm to take it, as at low-temperature recovery sites.
     */
    static final double RECOVERED_SHARE = 0.6;

    final String id;
    final String name;
    double energyJ;

    // The snapshot at the last step.
    double powerW;

    HeatMeterModel(Device device) {
        this.id = device.id();
        this.name = device.name();
    }

    void compute(double rejectedHeatW) {
        powerW = RECOVERED_SHARE * rejectedHeatW;
    }

    void step(double dtS) {
        energyJ += powerW * dtS;
    }

    HeatMeterState state() {
        return new HeatMeterState(id, name, energyJ, powerW);
    }
}
