package org.dcsuite.simulator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A room's air as one thermal node: C dT/dt = heat in - heat removed by the running cooling units.
 * T is the cold-aisle temperature every inlet sees (plus a per-server offset).
 */
final class RoomModel {

    /**
     * The effective thermal mass (air plus the equipment and structure that exchange heat with it) is sized so
     * that losing all cooling at peak heat warms the room by 1 K per minute, the rate observed in small rooms.
     */
    private static final double SECONDS_PER_K_AT_PEAK = 60;
    private static final double MIN_PEAK_HEAT_W = 2000;
    /** Cooling units together are sized for 1.2x the room's peak heat (at least 3 kW) and share it equally. */
    private static final double CAPACITY_MARGIN = 1.2;
    private static final double MIN_CAPACITY_W = 3000;
    /** Servers heat their air by 12 K at peak load. */
    private static final double SERVER_DELTA_AT_PEAK_K = 12;
    /**
     * Without cooling the room warms until the servers would protect themselves; the model caps the air at
     * 45 degC (ASHRAE class A4 allowable maximum) rather than simulating thermal shutdowns.
     */
    private static final double MAX_C = 45;
    private static final double MIN_C = 10;
    /** A room without its own cooling units is held at 22 degC by building air handling outside the model. */
    private static final double UNCOOLED_ROOM_C = 22;

    final String id;
    final List<CoolingModel> coolers = new ArrayList<>();
    final List<ServerModel> servers = new ArrayList<>();
    final List<UpsModel> upses = new ArrayList<>();
    double peakHeatW;
    private double thermalMassJPerK;
    double airC;

    // The snapshot at the last step.
    /** Heat of loads the model does not know as servers: the unplanned load of overloaded PDUs. */
    double extraHeatW;
    double heatW;
    double removedW;
    double returnAirC;

    RoomModel(String id) {
        this.id = id;
    }

    /** Sizes mass and cooling from the peak heat once the room's servers and UPSes are known. */
    void size() {
        double peak = Math.max(MIN_PEAK_HEAT_W, peakHeatW);
        thermalMassJPerK = peak * SECONDS_PER_K_AT_PEAK;
        double total = Math.max(MIN_CAPACITY_W, CAPACITY_MARGIN * peak);
        for (CoolingModel c : coolers) {
            c.capacityW = total / coolers.size();
        }
        airC = coolers.isEmpty() ? UNCOOLED_ROOM_C : CoolingModel.DEFAULT_SETPOINT_C;
    }

    void computeCooling(double outsideC, boolean[] running) {
        heatW = extraHeatW;
        for (ServerModel s : servers) {
            heatW += s.inputW();
        }
        for (UpsModel u : upses) {
            heatW += u.lossesW;
        }
        returnAirC = airC + SERVER_DELTA_AT_PEAK_K * heatW / Math.max(MIN_PEAK_HEAT_W, peakHeatW);
        removedW = 0;
        for (int i = 0; i < coolers.size(); i++) {
            CoolingModel c = coolers.get(i);
            c.running = running[i];
            c.computeCooling(returnAirC, outsideC);
            removedW += c.heatRemovedW;
        }
    }

    void step(double dtS) {
        coolers.forEach(c -> c.step(dtS));
        if (!coolers.isEmpty()) {
            airC = Math.max(MIN_C, Math.min(MAX_C, airC + (heatW - removedW) * dtS / thermalMassJPerK));
        }
    }
}
