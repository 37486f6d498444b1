package org.dcsuite.simulator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.PduState;

/** A metered, switched three-phase rack PDU; outlet n is on phase L((n - 1) mod 3 + 1). */
final class PduModel {

    /** A typical 0U PDU has at least 12 outlets; more when the rack holds more servers. */
    private static final int MIN_OUTLETS = 12;
    /** Server PSUs with active power-factor correction run at about 0.95. */
    static final double POWER_FACTOR = 0.95;
    /** Breakers are loaded to at most 80% of their rating (continuous-load rule); ratings as sold: 16/32/63 A. */
    private static final double BREAKER_DERATING = 0.8;
    private static final double[] BREAKER_RATINGS_A = {16, 32, 63};
    static final String[] PHASES = {"L1", "L2", "L3"};
    /** An overloaded phase draws this share of its breaker's rating: over the 80 % limit, short of a trip. */
    static final double OVERLOAD_SHARE = 0.95;

    final String id;
    final String name;
    final Feed feed;
    final RoomModel room;
    final int outlets;
    final boolean[] outletOn;
    final double[] outletW;
    final double[] outletA;
    final double[] outletEnergyJ;
    double energyJ;
    double breakerRatingA;
    UpsModel ups;
    private final double humidityPct;

    // The snapshot at the last step.
    boolean alive;
    double voltageV;
    final boolean[] phaseTripped = new boolean[3];
    /** Load beyond the outlets' (plugged in without being planned) on each phase; non-zero only when overloaded. */
    final double[] overloadW = new double[3];
    double sensorC;
    private Double frozenSensorC;

    PduModel(Device device, Feed feed, RoomModel room, int servers, long seed) {
        this.id = device.id();
        this.name = device.name();
        this.feed = feed;
        this.room = room;
        this.outlets = Math.max(MIN_OUTLETS, servers);
        this.outletOn = new boolean[outlets];
        Arrays.fill(outletOn, true);
        this.outletW = new double[outlets];
        this.outletA = new double[outlets];
        this.outletEnergyJ = new double[outlets];
        // Rooms are humidified to 40-50% relative humidity.
        this.humidityPct = 40 + 10 * Seeds.random(seed, "pdu:" + id).nextDouble();
    }

    static int phaseIndex(int outlet) {
        return (outlet - 1) % 3;
    }

    /** Picks the smallest breaker that carries the phase's worst case (all the rack's servers on this PDU). */
    void sizeBreaker(double[] worstCasePhaseW, double volts) {
        double worstA = 0;
        for (double w : worstCasePhaseW) {
            worstA = Math.max(worstA, w / (volts * POWER_FACTOR));
        }
        breakerRatingA = BREAKER_RATINGS_A[BREAKER_RATINGS_A.length - 1];
        for (double rating : BREAKER_RATINGS_A) {
            if (worstA <= BREAKER_DERATING * rating) {
                breakerRatingA = rating;
                break;
            }
        }
    }

    boolean outletLive(int outlet) {
        return alive && outletOn[outlet - 1] && !phaseTripped[phaseIndex(outlet)];
    }

    double powerW() {
        double sum = overloadW[0] + overloadW[1] + overloadW[2];
        for (double w : outletW) {
            sum += w;
        }
        return sum;
    }

    void clearOutlets() {
        Arrays.fill(outletW, 0);
        Arrays.fill(outletA, 0);
        Arrays.fill(overloadW, 0);
    }

    /**
     * Adds the unplanned load of each overloaded, live phase, whatever brings its current to {@link #OVERLOAD_SHARE}
     * of the breaker rating; call after the outlets are loaded.
     */
    void applyOverload(boolean[] overloaded) {
        for (int p = 0; p < 3; p++) {
            if (!overloaded[p] || !alive || phaseTripped[p]) {
                continue;
            }
            double outletsA = 0;
            for (int i = 0; i < outlets; i++) {
                if (phaseIndex(i + 1) == p) {
                    outletsA += outletA[i];
                }
            }
            double extraA = Math.max(0, OVERLOAD_SHARE * breakerRatingA - outletsA);
            overloadW[p] = extraA * voltageV * POWER_FACTOR;
        }
    }

    void load(int outlet, double watts) {
        outletW[outlet - 1] = watts;
        outletA[outlet - 1] = watts / (voltageV * POWER_FACTOR);
    }

    void computeSensor(double rackInletC, boolean stuck) {
        sensorC = rackInletC;
        if (stuck) {
            if (frozenSensorC == null) {
                frozenSensorC = sensorC;
            }
            sensorC = frozenSensorC;
        } else {
            frozenSensorC = null;
        }
    }

    void step(double dtS) {
        energyJ += (overloadW[0] + overloadW[1] + overloadW[2]) * dtS;
        for (int i = 0; i < outlets; i++) {
            outletEnergyJ[i] += outletW[i] * dtS;
            energyJ += outletW[i] * dtS;
        }
    }

    void resetCounters() {
        energyJ = 0;
        Arrays.fill(outletEnergyJ, 0);
    }

    PduState state() {
        double[] phaseW = new double[3];
        double[] phaseA = new double[3];
        for (int p = 0; p < 3; p++) {
            phaseW[p] = overloadW[p];
            phaseA[p] = overloadW[p] > 0 ? overloadW[p] / (voltageV * POWER_FACTOR) : 0;
        }
        List<PduState.Outlet> outletStates = new ArrayList<>(outlets);
        for (int i = 0; i < outlets; i++) {
            int p = phaseIndex(i + 1);
            phaseW[p] += outletW[i];
            phaseA[p] += outletA[i];
            outletStates.add(new PduState.Outlet(i + 1, "outlet-" + (i + 1), PHASES[p], outletOn[i], outletW[i],
                    outletA[i], outletEnergyJ[i]));
        }
        List<PduState.Phase> phases = new ArrayList<>(3);
        for (int p = 0; p < 3; p++) {
            // Voltage is metered at the PDU input, ahead of the breakers, so a tripped phase still shows it.
            phases.add(new PduState.Phase(PHASES[p], alive ? voltageV : 0, phaseA[p], phaseW[p], breakerRatingA,
                    phaseTripped[p]));
        }
        List<PduState.Sensor> sensors = List.of(
                new PduState.Sensor("temperature-1", "Rack inlet", PduState.SensorKind.TEMPERATURE, sensorC),
                new PduState.Sensor("humidity-1", "Rack humidity", PduState.SensorKind.HUMIDITY, humidityPct));
        return new PduState(id, name, feed, powerW(), energyJ, phases, outletStates, sensors);
    }
}
