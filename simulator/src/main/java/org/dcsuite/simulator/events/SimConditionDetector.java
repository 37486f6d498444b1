package org.dcsuite.simulator.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ServerState;
import org.dcsuite.simulator.state.UpsState;

/**
 * Which conditions a device's state shows, with the thresholds real devices use. Analogue conditions clear below a
 * hysteresis band, as device firmware does, so a reading wandering around a limit does not send a storm of
 * notifications.
 */
final class SimConditionDetector {

    /** RFC 1628's example upsConfigLowBattTime, the one the simulated UPS-MIB serves: two minutes. */
    static final double LOW_BATTERY_S = 120;
    /** The continuous-load rule: a breaker is loaded to at most 80 % of its rating. */
    static final double OVERLOAD_SHARE = 0.8;
    /** An overload clears once the phase is back under 75 % of the rating. */
    static final double OVERLOAD_CLEAR_SHARE = 0.75;
    /** ASHRAE class A2 allowable inlet maximum, where the simulated BMC's health turns Critical. */
    static final double INLET_CRITICAL_C = 35;
    /** An overtemperature clears 1 K under the limit. */
    static final double TEMPERATURE_HYSTERESIS_K = 1;

    /** A detected condition and the reading behind it. */
    record Reading(double value, double threshold) {
    }

    private SimConditionDetector() {
    }

    static Map<SimCondition, Reading> ups(UpsState s) {
        Map<SimCondition, Reading> out = new LinkedHashMap<>();
        if (s.onBattery()) {
            out.put(new SimCondition(s.id(), SimConditionType.UPS_ON_BATTERY, ""), new Reading(s.runtimeS(), 0));
            if (s.runtimeS() < LOW_BATTERY_S || s.batteryChargePercent() <= 0) {
                out.put(new SimCondition(s.id(), SimConditionType.UPS_LOW_BATTERY, ""),
                        new Reading(s.runtimeS(), LOW_BATTERY_S));
            }
        }
        return out;
    }

    static Map<SimCondition, Reading> pdu(PduState s, Set<SimCondition> before) {
        Map<SimCondition, Reading> out = new LinkedHashMap<>();
        for (PduState.Phase p : s.phases()) {
            if (p.breakerTripped()) {
                out.put(new SimCondition(s.id(), SimConditionType.PDU_BREAKER_TRIPPED, p.id()), new Reading(1, 0));
            }
            SimCondition overload = new SimCondition(s.id(), SimConditionType.PDU_OVERLOAD, p.id());
            double limit = (before.contains(overload) ? OVERLOAD_CLEAR_SHARE : OVERLOAD_SHARE) * p.breakerRatingA();
            if (p.breakerRatingA() > 0 && p.currentA() > limit) {
                out.put(overload, new Reading(p.currentA(), OVERLOAD_SHARE * p.breakerRatingA()));
            }
        }
        return out;
    }

    static Map<SimCondition, Reading> server(ServerState s, Set<SimCondition> before) {
        Map<SimCondition, Reading> out = new LinkedHashMap<>();
        SimCondition hot = new SimCondition(s.id(), SimConditionType.SERVER_INLET_OVERTEMPERATURE, "InletTemp");
        double limit = before.contains(hot) ? INLET_CRITICAL_C - TEMPERATURE_HYSTERESIS_K : INLET_CRITICAL_C;
        if (s.inletC() > limit) {
            out.put(hot, new Reading(s.inletC(), INLET_CRITICAL_C));
        }
        boolean on = s.powerState() == ServerState.PowerState.ON;
        if (!on) {
            out.put(new SimCondition(s.id(), SimConditionType.SERVER_POWERED_OFF, ""), new Reading(0, 0));
        }
        for (ServerState.Fan f : s.fans()) {
            if (on && f.rpm() <= 0) {
                out.put(new SimCondition(s.id(), SimConditionType.SERVER_FAN_FAILED, f.id()), new Reading(0, 0));
            }
        }
        for (ServerState.Psu p : s.psus()) {
            if (!p.powered()) {
                out.put(new SimCondition(s.id(), SimConditionType.SERVER_PSU_INPUT_LOST, p.id()),
                        new Reading(p.inputVoltageV(), 0));
            }
        }
        return out;
    }
}
