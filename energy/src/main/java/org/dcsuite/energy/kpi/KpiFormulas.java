package org.dcsuite.energy.kpi;

/**
 * The KPI definitions of ISO/IEC 30134 and The Green Grid, on energies over the same time. Each returns NaN
 * when its denominator is zero, which callers turn into an absent value with a reason.
 */
public final class KpiFormulas {

    private KpiFormulas() {
    }

    /** Power usage effectiveness (ISO/IEC 30134-2): total facility energy / IT equipment energy. */
    public static double pue(double facilityKwh, double itKwh) {
        return divide(facilityKwh, itKwh);
    }

    /** Partial PUE of a zone: energy into the zone (its IT included) / IT energy in the zone. */
    public static double ppue(double zoneTotalKwh, double zoneItKwh) {
        return divide(zoneTotalKwh, zoneItKwh);
    }

    /** Carbon usage effectiveness (ISO/IEC 30134-8), in kg CO2 per kWh of IT energy. */
    public static double cue(double co2Kg, double itKwh) {
        return divide(co2Kg, itKwh);
    }

    /** Water usage effectiveness (ISO/IEC 30134-9), site water in L per kWh of IT energy. */
    public static double wue(double waterLiters, double itKwh) {
        return divide(waterLiters, itKwh);
    }

    /** Energy reuse effectiveness (The Green Grid): (total facility energy - reused energy) / IT energy. */
    public static double ere(double facilityKwh, double reusedKwh, double itKwh) {
        return divide(facilityKwh - reusedKwh, itKwh);
    }

    /** Energy reuse factor (ISO/IEC 30134-6): reused energy / total facility energy. */
    public static double erf(double reusedKwh, double facilityKwh) {
        return divide(reusedKwh, facilityKwh);
    }

    /** Renewable energy factor (ISO/IEC 30134-3): renewable energy / total facility energy. */
    public static double ref(double renewableKwh, double facilityKwh) {
        return divide(renewableKwh, facilityKwh);
    }

    private static double divide(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
