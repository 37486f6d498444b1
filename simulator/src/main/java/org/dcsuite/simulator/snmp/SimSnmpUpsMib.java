package org.dcsuite.simulator.snmp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.events.SimConditionType;
import org.dcsuite.simulator.state.UpsState;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * A simulated single-phase on-line UPS through UPS-MIB (RFC 1628), in the MIB's own units: whole volts, 0.1 A,
 * 0.1 Hz, whole watts, percent and minutes. These are the objects the drivers' {@code ups-mib} profile reads,
 * except upsBatteryVoltage and upsBatteryCurrent, which the state does not model (the driver reports them as
 * unsupported points, as for UPS cards that lack them).
 */
final class SimSnmpUpsMib implements SimSnmpDevice {

    /**
     * sysObjectID: the UPS-MIB module itself (upsMIB), as generic UPS agents report; no vendor prefix matches, so
     * the driver's detection falls back to probing UPS-MIB.
     */
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.33");

    /** upsIdentManufacturer. */
    static final OID IDENT_MANUFACTURER = new OID("1.3.6.1.2.1.33.1.1.1");
    /** upsIdentModel. */
    static final OID IDENT_MODEL = new OID("1.3.6.1.2.1.33.1.1.2");
    /** upsIdentName. */
    static final OID IDENT_NAME = new OID("1.3.6.1.2.1.33.1.1.5");
    /** upsBatteryStatus: batteryNormal(2), batteryLow(3), batteryDepleted(4). */
    static final OID BATTERY_STATUS = new OID("1.3.6.1.2.1.33.1.2.1");
    /** upsEstimatedMinutesRemaining (minutes). */
    static final OID MINUTES_REMAINING = new OID("1.3.6.1.2.1.33.1.2.3");
    /** upsEstimatedChargeRemaining (percent). */
    static final OID CHARGE_REMAINING = new OID("1.3.6.1.2.1.33.1.2.4");
    /** upsBatteryTemperature (degrees Centigrade). */
    static final OID BATTERY_TEMPERATURE = new OID("1.3.6.1.2.1.33.1.2.7");
    /** upsInputNumLines. */
    static final OID INPUT_NUM_LINES = new OID("1.3.6.1.2.1.33.1.3.2");
    /** upsInputTable upsInputFrequency (0.1 Hertz, INDEX upsInputLineIndex). */
    static final OID INPUT_FREQUENCY = new OID("1.3.6.1.2.1.33.1.3.3.1.2");
    /** upsInputVoltage (RMS Volts). */
    static final OID INPUT_VOLTAGE = new OID("1.3.6.1.2.1.33.1.3.3.1.3");
    /** upsInputCurrent (0.1 RMS Amp). */
    static final OID INPUT_CURRENT = new OID("1.3.6.1.2.1.33.1.3.3.1.4");
    /** upsInputTruePower (Watts). */
    static final OID INPUT_TRUE_POWER = new OID("1.3.6.1.2.1.33.1.3.3.1.5");
    /** upsOutputSource: normal(3), battery(5). */
    static final OID OUTPUT_SOURCE = new OID("1.3.6.1.2.1.33.1.4.1");
    /** upsOutputFrequency (0.1 Hertz). */
    static final OID OUTPUT_FREQUENCY = new OID("1.3.6.1.2.1.33.1.4.2");
    /** upsOutputNumLines. */
    static final OID OUTPUT_NUM_LINES = new OID("1.3.6.1.2.1.33.1.4.3");
    /** upsOutputTable upsOutputVoltage (RMS Volts, INDEX upsOutputLineIndex). */
    static final OID OUTPUT_VOLTAGE = new OID("1.3.6.1.2.1.33.1.4.4.1.2");
    /** upsOutputCurrent (0.1 RMS Amp). */
    static final OID OUTPUT_CURRENT = new OID("1.3.6.1.2.1.33.1.4.4.1.3");
    /** upsOutputPower (Watts). */
    static final OID OUTPUT_POWER = new OID("1.3.6.1.2.1.33.1.4.4.1.4");
    /** upsOutputPercentLoad (percent). */
    static final OID OUTPUT_PERCENT_LOAD = new OID("1.3.6.1.2.1.33.1.4.4.1.5");
    /** upsConfigLowBattTime (minutes): below this runtime the battery is reported low. */
    static final OID CONFIG_LOW_BATT_TIME = new OID("1.3.6.1.2.1.33.1.9.7");

    /** The low-battery threshold served as upsConfigLowBattTime, in minutes (RFC 1628's example default). */
    static final int LOW_BATTERY_MINUTES = 2;

    static final int SOURCE_NORMAL = 3;
    static final int SOURCE_BATTERY = 5;
    static final int BATTERY_NORMAL = 2;
    static final int BATTERY_LOW = 3;
    static final int BATTERY_DEPLETED = 4;

    private static final OID LINE_1 = new OID(new int[] {1});

    /** UPS-MIB upsTrapOnBattery: sent when the UPS starts running on battery. */
    static final OID TRAP_ON_BATTERY = new OID("1.3.6.1.2.1.33.2.1");
    /** UPS-MIB upsTrapAlarmEntryAdded: an alarm other than on-battery entered upsAlarmTable. */
    static final OID TRAP_ALARM_ENTRY_ADDED = new OID("1.3.6.1.2.1.33.2.3");
    /** UPS-MIB upsTrapAlarmEntryRemoved: an alarm, on-battery included, left upsAlarmTable. */
    static final OID TRAP_ALARM_ENTRY_REMOVED = new OID("1.3.6.1.2.1.33.2.4");
    /** upsSecondsOnBattery. */
    static final OID SECONDS_ON_BATTERY = new OID("1.3.6.1.2.1.33.1.2.2");
    /** upsAlarmTable upsAlarmId and upsAlarmDescr (INDEX upsAlarmId). */
    static final OID ALARM_ID = new OID("1.3.6.1.2.1.33.1.6.2.1.1");
    static final OID ALARM_DESCR = new OID("1.3.6.1.2.1.33.1.6.2.1.2");
    /** upsWellKnownAlarms upsAlarmOnBattery and upsAlarmLowBattery. */
    static final OID ALARM_ON_BATTERY = new OID("1.3.6.1.2.1.33.1.6.3.2");
    static final OID ALARM_LOW_BATTERY = new OID("1.3.6.1.2.1.33.1.6.3.3");
    private static final OID ZERO = new OID(new int[] {0});

    private final Supplier<UpsState> state;
    /** upsAlarmId of each present alarm: the entry-removed trap names the id the alarm was added with. */
    private final Map<SimConditionType, Integer> alarmIds = new EnumMap<>(SimConditionType.class);
    private int nextAlarmId = 1;

    SimSnmpUpsMib(Supplier<UpsState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public void addTo(SimSnmpMib.Builder mib) {
        UpsState ups = state.get();
        SimSnmpSystemGroup.add(mib, "On-line UPS (dcsuite simulator) " + ups.name(), SYS_OBJECT_ID, ups.name());
        // A double-conversion UPS draws the load and its own losses from the mains at a power factor near 1
        // (PFC rectifier); on battery it draws nothing. The state has no input power, so it is derived here.
        double inputPowerW = ups.onBattery() ? 0 : ups.outputPowerW() + ups.lossesW();
        double inputCurrentA = ups.inputVoltageV() > 0 ? inputPowerW / ups.inputVoltageV() : 0;
        mib.scalar(IDENT_MANUFACTURER, new OctetString("dcsuite"))
                .scalar(IDENT_MODEL, new OctetString("SIM-UPS"))
                .scalar(IDENT_NAME, new OctetString(ups.name()))
                .scalar(BATTERY_STATUS, new Integer32(batteryStatus(ups)))
                .scalar(MINUTES_REMAINING, new Integer32(minutesRemaining(ups)))
                .scalar(CHARGE_REMAINING, new Integer32(percent(ups.batteryChargePercent())))
                .scalar(BATTERY_TEMPERATURE, new Integer32((int) Math.round(ups.batteryTemperatureC())))
                .scalar(INPUT_NUM_LINES, new Integer32(1))
                .instance(INPUT_FREQUENCY, LINE_1, new Integer32(tenths(ups.inputFrequencyHz())))
                .instance(INPUT_VOLTAGE, LINE_1, new Integer32(whole(ups.inputVoltageV())))
                .instance(INPUT_CURRENT, LINE_1, new Integer32(tenths(inputCurrentA)))
                .instance(INPUT_TRUE_POWER, LINE_1, new Integer32(whole(inputPowerW)))
                .scalar(OUTPUT_SOURCE, new Integer32(ups.onBattery() ? SOURCE_BATTERY : SOURCE_NORMAL))
                .scalar(OUTPUT_FREQUENCY, new Integer32(tenths(ups.outputFrequencyHz())))
                .scalar(OUTPUT_NUM_LINES, new Integer32(1))
                .instance(OUTPUT_VOLTAGE, LINE_1, new Integer32(whole(ups.outputVoltageV())))
                .instance(OUTPUT_CURRENT, LINE_1, new Integer32(tenths(ups.outputCurrentA())))
                .instance(OUTPUT_POWER, LINE_1, new Integer32(whole(ups.outputPowerW())))
                .instance(OUTPUT_PERCENT_LOAD, LINE_1, new Integer32(percentLoad(ups.loadPercent())))
                .scalar(CONFIG_LOW_BATT_TIME, new Integer32(LOW_BATTERY_MINUTES));
    }

    /**
     * RFC 1628's notifications: on battery, {@code upsTrapOnBattery} with the minutes remaining, the seconds on
     * battery and the low-battery time; back on utility, {@code upsTrapAlarmEntryRemoved} of upsAlarmOnBattery; a
     * low battery is added to and removed from the alarm table with {@code upsTrapAlarmEntryAdded/Removed}.
     */
    @Override
    public synchronized Optional<SimSnmpNotification> notification(SimConditionChange change) {
        OID descr = switch (change.type()) {
            case UPS_ON_BATTERY -> ALARM_ON_BATTERY;
            case UPS_LOW_BATTERY -> ALARM_LOW_BATTERY;
            default -> null;
        };
        if (descr == null) {
            return Optional.empty();
        }
        if (change.started()) {
            int id = nextAlarmId++;
            alarmIds.put(change.type(), id);
            if (change.type() == SimConditionType.UPS_ON_BATTERY) {
                return Optional.of(new SimSnmpNotification(TRAP_ON_BATTERY, "upsTrapOnBattery", List.of(
                        new VariableBinding(new OID(MINUTES_REMAINING).append(ZERO),
                                new Integer32((int) Math.floor(change.value() / 60))),
                        new VariableBinding(new OID(SECONDS_ON_BATTERY).append(ZERO), new Integer32(0)),
                        new VariableBinding(new OID(CONFIG_LOW_BATT_TIME).append(ZERO),
                                new Integer32(LOW_BATTERY_MINUTES)))));
            }
            return Optional.of(alarm(TRAP_ALARM_ENTRY_ADDED, "upsTrapAlarmEntryAdded", id, descr));
        }
        Integer id = alarmIds.remove(change.type());
        return Optional.of(alarm(TRAP_ALARM_ENTRY_REMOVED, "upsTrapAlarmEntryRemoved", id == null ? 0 : id, descr));
    }

    private static SimSnmpNotification alarm(OID trap, String name, int id, OID descr) {
        return new SimSnmpNotification(trap, name, List.of(
                new VariableBinding(new OID(ALARM_ID).append(id), new Integer32(id)),
                new VariableBinding(new OID(ALARM_DESCR).append(id), descr)));
    }

    /** upsEstimatedMinutesRemaining: whole minutes left, rounded down as a UPS never promises more than it has. */
    static int minutesRemaining(UpsState ups) {
        return (int) Math.max(0, Math.floor(ups.runtimeS() / 60));
    }

    static int batteryStatus(UpsState ups) {
        if (ups.batteryChargePercent() <= 0) {
            return BATTERY_DEPLETED;
        }
        return minutesRemaining(ups) < LOW_BATTERY_MINUTES ? BATTERY_LOW : BATTERY_NORMAL;
    }

    /** RFC 1628 percentages are INTEGER (0..100). */
    static int percent(double value) {
        return (int) Math.max(0, Math.min(100, Math.round(value)));
    }

    /** upsOutputPercentLoad is INTEGER (0..200): an overloaded UPS reports above 100. */
    static int percentLoad(double value) {
        return (int) Math.max(0, Math.min(200, Math.round(value)));
    }

    static int whole(double value) {
        return (int) Math.max(0, Math.round(value));
    }

    static int tenths(double value) {
        return (int) Math.max(0, Math.round(value * 10));
    }
}
