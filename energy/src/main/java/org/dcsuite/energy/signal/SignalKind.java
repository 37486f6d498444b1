package org.dcsuite.energy.signal;

/** What a signal measures, which decides the payload field read and the unit it is converted to. */
public enum SignalKind {
    /** Grid carbon intensity, in g CO2 per kWh. */
    CARBON_INTENSITY,
    /** Electricity price, per kWh in the configured currency. */
    PRICE
}
