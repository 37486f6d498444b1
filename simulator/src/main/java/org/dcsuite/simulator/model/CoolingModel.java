package org.dcsuite.simulator.model;

import java.util.EnumSet;
import java.util.Set;
import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.CoolingState;

/** A CRAC unit: removes heat from its room under a supply-air setpoint and draws heat / COP of electrical power. */
final class CoolingModel {

    /** Supply setpoint at start: mid-range of the ASHRAE recommended 18-27 degC envelope, conservatively low. */
    static final double DEFAULT_SETPOINT_C = 20;
    /**
     * The unit's air temperature difference at full capacity, 14.4 K, which fixes its airflow. Servers heat their
     * air by 12 K at peak and the units together are sized for 1.2x peak heat, so the units move as much air as
     * the servers and in steady state the cold aisle sits at the supply temperature. The room then settles with a
     * time constant of thermal mass / total airflow = 60 s/K x 12 K = 12 minutes.
     */
    private static final double DESIGN_DELTA_K = 14.4;
    /**
     * Direct-expansion COP at 15 degC outside is 4.5 and falls by 0.1 per K warmer (condensing temperature rises
     * with the outside air), bounded to 2.0-7.0.
     */
    private static final double COP_AT_15C = 4.5;
    private static final double COP_PER_K = 0.1;
    private static final double COP_MIN = 2.0;
    private static final double COP_MAX = 7.0;
    /** EC fans idle at 600 rpm and reach 1500 rpm at full capacity. */
    private static final double FAN_MIN_RPM = 600;
    private static final double FAN_SPAN_RPM = 900;
    private static final double HIGH_SUPPLY_MARGIN_K = 3;
    /**
     * The unit's controller ramps its working setpoint toward a newly written one at 0.5 K per minute, as CRAC
     * controllers do to avoid short-cycling compressors; the supply air therefore follows over several minutes.
     */
    private static final double SETPOINT_RAMP_K_PER_S = 0.5 / 60;
    private static final double HIGH_RETURN_C = 38;

    final String id;
    final String name;
    double setpointC = DEFAULT_SETPOINT_C;
    private double workingSetpointC = DEFAULT_SETPOINT_C;
    double capacityW;

    // The snapshot at the last step.
    boolean running = true;
    double heatRemovedW;
    double powerW;
    double supplyC;
    double returnC;
    private double[] frozenTemps;

    CoolingModel(Device device) {
        this.id = device.id();
        this.name = device.name();
    }

    static double cop(double outsideC) {
        return Math.max(COP_MIN, Math.min(COP_MAX, COP_AT_15C - COP_PER_K * (outsideC - 15)));
    }

    /**
     * Supply-air control: the unit cools its air stream from the return temperature down to its working setpoint,
     * removing airflow x (return - supply), unless that exceeds its capacity, when the air leaves warmer.
     */
    void computeCooling(double returnAirC, double outsideC) {
        if (running) {
            double airflowWPerK = capacityW / DESIGN_DELTA_K;
            heatRemovedW = Math.max(0, Math.min(capacityW, airflowWPerK * (returnAirC - workingSetpointC)));
            powerW = heatRemovedW / cop(outsideC);
            supplyC = returnAirC - heatRemovedW / airflowWPerK;
        } else {
            heatRemovedW = 0;
            powerW = 0;
            // With its fans stopped the unit's supply sensor reads the warm air around it.
            supplyC = returnAirC;
        }
        returnC = returnAirC;
    }

    void step(double dtS) {
        double maxChange = SETPOINT_RAMP_K_PER_S * dtS;
        workingSetpointC += Math.max(-maxChange, Math.min(maxChange, setpointC - workingSetpointC));
    }

    void applyStuck(boolean stuck) {
        if (stuck) {
            if (frozenTemps == null) {
                frozenTemps = new double[] {supplyC, returnC};
            }
            supplyC = frozenTemps[0];
            returnC = frozenTemps[1];
        } else {
            frozenTemps = null;
        }
    }

    CoolingState state() {
        Set<CoolingState.Alarm> alarms = EnumSet.noneOf(CoolingState.Alarm.class);
        if (!running) {
            alarms.add(CoolingState.Alarm.COMPRESSOR_FAULT);
        }
        if (supplyC > setpointC + HIGH_SUPPLY_MARGIN_K) {
            alarms.add(CoolingState.Alarm.HIGH_SUPPLY_TEMPERATURE);
        }
        if (returnC > HIGH_RETURN_C) {
            alarms.add(CoolingState.Alarm.HIGH_RETURN_TEMPERATURE);
        }
        double fanRpm = running ? FAN_MIN_RPM + FAN_SPAN_RPM * heatRemovedW / capacityW : 0;
        return new CoolingState(id, name, running, supplyC, returnC, setpointC, fanRpm, powerW, heatRemovedW, alarms);
    }
}
