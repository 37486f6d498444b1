package org.dcsuite.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.ServerState;

/** A two-PSU server: its load, its power supplies and the temperatures its BMC reports. */
final class ServerModel {

    /** Idle DC power is drawn from 110-170 W and full-load DC power from 380-620 W: 1U/2U dual-socket servers. */
    private static final double IDLE_MIN_W = 110;
    private static final double IDLE_SPAN_W = 60;
    private static final double MAX_MIN_W = 380;
    private static final double MAX_SPAN_W = 240;
    /** Each PSU is rated 800 W, so one PSU alone carries the server at full load (1+1 redundancy). */
    static final double PSU_RATING_W = 800;
    /**
     * Utilisation noise is a first-order autoregressive process: 4 points of standard deviation, correlated over
     * ten minutes, so load wanders like real work rather than flickering every second.
     */
    private static final double NOISE_SIGMA = 0.04;
    private static final double NOISE_TAU_S = 600;
    private static final double MIN_UTILISATION = 0.05;
    /** Servers higher in the rack breathe warmer air: 0.15 K per position up to 1.5 K, plus up to 0.3 K seeded. */
    private static final double INLET_K_PER_POSITION = 0.15;
    private static final double INLET_POSITION_MAX_K = 1.5;
    private static final double INLET_SEEDED_MAX_K = 0.3;
    /** The hottest CPU runs 18 K above inlet when idle and 58 K above it at full load. */
    private static final double CPU_IDLE_RISE_K = 18;
    private static final double CPU_LOAD_RISE_K = 40;
    /** ASHRAE recommended (27 degC) and class A2 allowable (35 degC) inlet maxima: warning and critical. */
    private static final double INLET_WARNING_C = 27;
    private static final double INLET_CRITICAL_C = 35;
    private static final int FAN_COUNT = 4;

    final String id;
    final String name;
    final double idleW;
    final double maxW;
    final double inletOffsetK;
    private final SplittableRandom random;
    private double noise;

    /** PSU i (0 = PSU 1 on feed A, 1 = PSU 2 on feed B) plugs into outlet {@link #outlet} of pdu[i]. */
    final PduModel[] pdu = new PduModel[2];
    int outlet;
    /** Without any PDU in its rack the server is fed straight from the UPS of each feed, unmetered. */
    boolean whip;
    final UpsModel[] whipUps = new UpsModel[2];

    boolean adminOn = true;
    Instant restartUntil;

    // The snapshot at the last step.
    boolean on;
    double utilisation;
    double dcW;
    final boolean[] psuPowered = new boolean[2];
    final double[] psuInW = new double[2];
    final double[] psuOutW = new double[2];
    double voltageV;
    double inletC;
    double cpuC;
    /** The first fan has stopped (a fan-failure fault); the others keep the server cooled. */
    boolean fanFailed;
    private double[] frozenTemps;

    ServerModel(Device device, int position, long seed) {
        this.id = device.id();
        this.name = device.name();
        this.random = Seeds.random(seed, "server:" + id);
        this.idleW = IDLE_MIN_W + IDLE_SPAN_W * random.nextDouble();
        this.maxW = MAX_MIN_W + MAX_SPAN_W * random.nextDouble();
        this.inletOffsetK = Math.min(INLET_POSITION_MAX_K, INLET_K_PER_POSITION * position)
                + INLET_SEEDED_MAX_K * random.nextDouble();
    }

    double inputW() {
        return psuInW[0] + psuInW[1];
    }

    /** The most the server can draw from its PDUs, at full load on one PSU. */
    double peakInputW() {
        return maxW / psuEfficiency(maxW / PSU_RATING_W);
    }

    /**
     * An 80 PLUS Platinum-like curve: 94% at half load, falling quadratically to 90% at no load and at full load.
     */
    static double psuEfficiency(double loadFraction) {
        double x = Math.max(0, Math.min(1.2, loadFraction));
        return 0.94 - 0.16 * (x - 0.5) * (x - 0.5);
    }

    /** Sets the load and PSU snapshot; {@code baseUtilisation} already holds the daily profile and batch jobs. */
    void computePower(Instant t, double baseUtilisation, double volts) {
        if (restartUntil != null && !t.isBefore(restartUntil)) {
            restartUntil = null;
        }
        int powered = (psuPowered[0] ? 1 : 0) + (psuPowered[1] ? 1 : 0);
        on = adminOn && restartUntil == null && powered > 0;
        utilisation = on ? Math.max(MIN_UTILISATION, Math.min(1.0, baseUtilisation + noise)) : 0;
        dcW = on ? idleW + (maxW - idleW) * utilisation : 0;
        voltageV = volts;
        for (int i = 0; i < 2; i++) {
            // Both PSUs share the load equally; when one loses its feed the other carries it all.
            psuOutW[i] = on && psuPowered[i] ? dcW / powered : 0;
            psuInW[i] = psuOutW[i] > 0 ? psuOutW[i] / psuEfficiency(psuOutW[i] / PSU_RATING_W) : 0;
        }
    }

    void computeTemperatures(double roomC, boolean stuck) {
        inletC = roomC + inletOffsetK;
        cpuC = on ? inletC + CPU_IDLE_RISE_K + CPU_LOAD_RISE_K * utilisation : inletC;
        if (stuck) {
            if (frozenTemps == null) {
                frozenTemps = new double[] {inletC, cpuC};
            }
            inletC = frozenTemps[0];
            cpuC = frozenTemps[1];
        } else {
            frozenTemps = null;
        }
    }

    void step(double dtS) {
        double a = Math.exp(-dtS / NOISE_TAU_S);
        noise = a * noise + Math.sqrt(1 - a * a) * NOISE_SIGMA * random.nextGaussian();
    }

    ServerState state() {
        List<ServerState.Psu> psus = new ArrayList<>(2);
        for (int i = 0; i < 2; i++) {
            psus.add(new ServerState.Psu("psu-" + (i + 1), i == 0 ? Feed.A : Feed.B, psuPowered[i], psuInW[i],
                    psuOutW[i], psuPowered[i] ? voltageV : 0));
        }
        // Fans follow load and speed up further once the inlet passes 25 degC.
        double rpm = on ? Math.min(16000, 3000 + 6000 * utilisation + 400 * Math.max(0, inletC - 25)) : 0;
        List<ServerState.Fan> fans = new ArrayList<>(FAN_COUNT);
        for (int i = 0; i < FAN_COUNT; i++) {
            fans.add(new ServerState.Fan("fan-" + (i + 1), i == 0 && fanFailed ? 0 : rpm * (1 + 0.01 * i)));
        }
        return new ServerState(id, name, on ? ServerState.PowerState.ON : ServerState.PowerState.OFF, inputW(),
                inletC, cpuC, psus, fans, health());
    }

    private ServerState.Health health() {
        if (!on) {
            // Off by request is healthy; off because no PSU has power is not.
            return adminOn && restartUntil == null ? ServerState.Health.CRITICAL : ServerState.Health.OK;
        }
        if (inletC > INLET_CRITICAL_C) {
            return ServerState.Health.CRITICAL;
        }
        boolean redundancyLost = !(psuPowered[0] && psuPowered[1]) || fanFailed;
        return inletC > INLET_WARNING_C || redundancyLost ? ServerState.Health.WARNING : ServerState.Health.OK;
    }
}
