package org.dcsuite.simulator.events;

/** The conditions the simulated devices report when they start and when they end. */
public enum SimConditionType {
    /** A UPS runs from its battery (its input failed). */
    UPS_ON_BATTERY,
    /** A UPS's estimated runtime fell under its low-battery time (or the battery is empty). */
    UPS_LOW_BATTERY,
    /** A PDU phase draws more than {@link SimConditionDetector#OVERLOAD_SHARE} of its breaker's rating. */
    PDU_OVERLOAD,
    /** A PDU phase's breaker is open. */
    PDU_BREAKER_TRIPPED,
    /** A server's inlet air is above {@link SimConditionDetector#INLET_CRITICAL_C}. */
    SERVER_INLET_OVERTEMPERATURE,
    /** A fan of a running server stands still. */
    SERVER_FAN_FAILED,
    /** A server power supply has lost its input (its outlet, breaker or feed is dead). */
    SERVER_PSU_INPUT_LOST,
    /** A server is powered off (by request, or because no power supply has input). */
    SERVER_POWERED_OFF
}
