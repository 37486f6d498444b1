package org.dcsuite.simulator.model;

import org.dcsuite.core.model.Device;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.UpsState;

/** An on-line double-conversion UPS with a battery; {@code room} is null when it stands outside the rooms. */
final class UpsModel {

    /**
     * Losses are 1% of the rating (fixed: fans, control, transformer magnetising) plus 3% of the output
     * (conversion): about 94% efficient at 30% load and 95-96% from half load up, as double-conversion units are.
     */
    private static final double FIXED_LOSS_SHARE = 0.01;
    private static final double PROPORTIONAL_LOSS = 0.03;
    /** The battery holds 10 minutes at full rated load, a usual design autonomy to bridge to generators. */
    private static final double AUTONOMY_AT_RATED_S = 600;
    /** After a discharge the charger refills the battery at a quarter of its capacity per hour. */
    private static final double RECHARGE_PER_S = 0.25 / 3600;
    /** Runtime is reported up to a day; at no load it would otherwise be infinite. */
    private static final double MAX_RUNTIME_S = 86_400;
    /** Battery rooms are kept near 25 degC; a battery in a hot room warms with it. */
    private static final double BATTERY_NOMINAL_C = 25;

    final String id;
    final String name;
    final Feed feed;
    final RoomModel room;
    double ratingW;
    double capacityJ;
    double chargeJ;

    // The snapshot at the last step.
    boolean onBattery;
    boolean alive = true;
    double voltageV;
    double frequencyHz;
    double outputW;
    double lossesW;
    double chargingW;
    double batteryC = BATTERY_NOMINAL_C;
    private Double frozenBatteryC;

    UpsModel(Device device, Feed feed, RoomModel room) {
        this.id = device.id();
        this.name = device.name();
        this.feed = feed;
        this.room = room;
    }

    void size(double ratingW) {
        this.ratingW = ratingW;
        this.capacityJ = ratingW * AUTONOMY_AT_RATED_S;
        this.chargeJ = capacityJ;
    }

    /** Before the load is known: on battery with an empty battery, the UPS output dies. */
    void computeSupply(boolean onBattery) {
        this.onBattery = onBattery;
        this.alive = !onBattery || chargeJ > 0;
    }

    void computeLoad(double outputW, double dtS) {
        this.outputW = alive ? outputW : 0;
        this.lossesW = alive ? FIXED_LOSS_SHARE * ratingW + PROPORTIONAL_LOSS * this.outputW : 0;
        this.chargingW = !onBattery && chargeJ < capacityJ
                ? Math.min(capacityJ * RECHARGE_PER_S, (capacityJ - chargeJ) / dtS) : 0;
    }

    /** What the UPS draws from the grid: nothing on battery. */
    double inputW() {
        return onBattery ? 0 : outputW + lossesW + chargingW;
    }

    void computeBatteryTemperature(double roomC, boolean stuck) {
        batteryC = room == null ? BATTERY_NOMINAL_C : Math.max(BATTERY_NOMINAL_C, roomC + 2);
        if (stuck) {
            if (frozenBatteryC == null) {
                frozenBatteryC = batteryC;
            }
            batteryC = frozenBatteryC;
        } else {
            frozenBatteryC = null;
        }
    }

    void step(double dtS) {
        if (onBattery) {
            chargeJ = Math.max(0, chargeJ - (outputW + lossesW) * dtS);
        } else {
            chargeJ = Math.min(capacityJ, chargeJ + chargingW * dtS);
        }
    }

    UpsState state() {
        double drawW = outputW + lossesW;
        double runtime = drawW > 0 ? Math.min(MAX_RUNTIME_S, chargeJ / drawW) : MAX_RUNTIME_S;
        double outV = alive ? voltageV : 0;
        // Three-phase output: the current of one line at the load's power factor.
        double currentA = outV > 0 ? outputW / (3 * outV * PduModel.POWER_FACTOR) : 0;
        return new UpsState(id, name, onBattery, onBattery ? 0 : voltageV, onBattery ? 0 : frequencyHz, outV,
                alive ? frequencyHz : 0, currentA, outputW, 100 * outputW / ratingW, 100 * chargeJ / capacityJ,
                runtime, batteryC, lossesW);
    }
}
