package org.dcsuite.simulator.snmp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Optional;
import org.dcsuite.simulator.events.SimConditionChange;
import org.snmp4j.smi.VariableBinding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.PduState;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * A simulated rack PDU as a Raritan PX2/PX3 serves it through PDU2-MIB (one PDU, pduId 1, with one inlet whose
 * poles are the state's phases), with its environment sensors in ENTITY-SENSOR-MIB. The objects, indexes and
 * scalings are the ones the drivers' {@code raritan-pdu2} and {@code entity-sensor} profiles read.
 */
final class SimSnmpPduMib implements SimSnmpDevice {

    /** Raritan's PX2 sysObjectID (the PDU2-MIB root), which the driver's profile detection maps to raritan-pdu2. */
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.4.1.13742.6");

    /** PDU2-MIB inletSensorConfigurationTable inletSensorDecimalDigits (INDEX pduId, inletId, sensorType). */
    static final OID INLET_DECIMALS = new OID("1.3.6.1.4.1.13742.6.3.3.4.1.7");
    /** PDU2-MIB inletSensorMeasurementsTable measurementsInletSensorIsAvailable (TruthValue). */
    static final OID INLET_AVAILABLE = new OID("1.3.6.1.4.1.13742.6.5.2.3.1.2");
    /** PDU2-MIB measurementsInletSensorValue (Unsigned32, value x 10^decimals). */
    static final OID INLET_VALUE = new OID("1.3.6.1.4.1.13742.6.5.2.3.1.4");
    /** PDU2-MIB inletPoleSensorMeasurementsTable measurementsInletPoleSensorIsAvailable (INDEX pduId, inletId, pole, type). */
    static final OID POLE_AVAILABLE = new OID("1.3.6.1.4.1.13742.6.5.2.4.1.2");
    /** PDU2-MIB measurementsInletPoleSensorValue, scaled by the inlet's decimal digits for the same type. */
    static final OID POLE_VALUE = new OID("1.3.6.1.4.1.13742.6.5.2.4.1.4");
    /** PDU2-MIB overCurrentProtectorConfigurationTable overCurrentProtectorLabel (INDEX pduId, ocpId). */
    static final OID OCP_LABEL = new OID("1.3.6.1.4.1.13742.6.3.4.3.1.2");
    /** PDU2-MIB overCurrentProtectorName. */
    static final OID OCP_NAME = new OID("1.3.6.1.4.1.13742.6.3.4.3.1.3");
    /** PDU2-MIB overCurrentProtectorRatedCurrent (DisplayString, e.g. "16 A"). */
    static final OID OCP_RATED_CURRENT = new OID("1.3.6.1.4.1.13742.6.3.4.3.1.5");
    /** PDU2-MIB overCurrentProtectorSensorConfigurationTable overCurrentProtectorSensorDecimalDigits. */
    static final OID OCP_DECIMALS = new OID("1.3.6.1.4.1.13742.6.3.4.4.1.7");
    /** PDU2-MIB overCurrentProtectorSensorMeasurementsTable measurementsOverCurrentProtectorSensorIsAvailable. */
    static final OID OCP_AVAILABLE = new OID("1.3.6.1.4.1.13742.6.5.3.3.1.2");
    /** PDU2-MIB measurementsOverCurrentProtectorSensorState (SensorStateEnumeration). */
    static final OID OCP_STATE = new OID("1.3.6.1.4.1.13742.6.5.3.3.1.3");
    /** PDU2-MIB measurementsOverCurrentProtectorSensorValue. */
    static final OID OCP_VALUE = new OID("1.3.6.1.4.1.13742.6.5.3.3.1.4");
    /** PDU2-MIB outletConfigurationTable outletName (INDEX pduId, outletId). */
    static final OID OUTLET_NAME = new OID("1.3.6.1.4.1.13742.6.3.5.3.1.3");
    /** PDU2-MIB outletSensorConfigurationTable outletSensorDecimalDigits (INDEX pduId, outletId, sensorType). */
    static final OID OUTLET_DECIMALS = new OID("1.3.6.1.4.1.13742.6.3.5.4.1.7");
    /** PDU2-MIB outletSensorMeasurementsTable measurementsOutletSensorIsAvailable. */
    static final OID OUTLET_AVAILABLE = new OID("1.3.6.1.4.1.13742.6.5.4.3.1.2");
    /** PDU2-MIB measurementsOutletSensorState (SensorStateEnumeration). */
    static final OID OUTLET_STATE = new OID("1.3.6.1.4.1.13742.6.5.4.3.1.3");
    /** PDU2-MIB measurementsOutletSensorValue. */
    static final OID OUTLET_VALUE = new OID("1.3.6.1.4.1.13742.6.5.4.3.1.4");
    /** PDU2-MIB outletSwitchControlTable switchingOperation (INDEX pduId, outletId): off(0), on(1), cycle(2). */
    static final OID SWITCHING_OPERATION = new OID("1.3.6.1.4.1.13742.6.4.1.2.1.2");

    /** ENTITY-SENSOR-MIB entPhySensorType (INDEX entPhysicalIndex): celsius(8), percentRH(9). */
    static final OID SENSOR_TYPE = new OID("1.3.6.1.2.1.99.1.1.1.1");
    /** ENTITY-SENSOR-MIB entPhySensorScale: units(9). */
    static final OID SENSOR_SCALE = new OID("1.3.6.1.2.1.99.1.1.1.2");
    /** ENTITY-SENSOR-MIB entPhySensorPrecision: decimal places of entPhySensorValue. */
    static final OID SENSOR_PRECISION = new OID("1.3.6.1.2.1.99.1.1.1.3");
    /** ENTITY-SENSOR-MIB entPhySensorValue. */
    static final OID SENSOR_VALUE = new OID("1.3.6.1.2.1.99.1.1.1.4");
    /** ENTITY-SENSOR-MIB entPhySensorOperStatus: ok(1). */
    static final OID SENSOR_OPER_STATUS = new OID("1.3.6.1.2.1.99.1.1.1.5");
    /** ENTITY-SENSOR-MIB entPhySensorUnitsDisplay. */
    static final OID SENSOR_UNITS_DISPLAY = new OID("1.3.6.1.2.1.99.1.1.1.6");
    /** ENTITY-MIB entPhysicalName, joined to the sensors by entPhysicalIndex. */
    static final OID PHYSICAL_NAME = new OID("1.3.6.1.2.1.47.1.1.1.1.7");

    /** PDU2-MIB overCurrentProtectorSensorStateChange (pduSensorStateChange's sibling for breakers). */
    static final OID TRAP_OCP_STATE_CHANGE = new OID("1.3.6.1.4.1.13742.6.0.65");
    /** A breaker current above this share of its rating is aboveUpperWarning: the 80 % continuous-load rule. */
    static final double UPPER_WARNING_SHARE = 0.8;
    /** The phases in pole order. */
    private static final String[] PHASE_IDS = {"L1", "L2", "L3"};

    /** PDU2-MIB SensorTypeEnumeration values served. */
    static final int RMS_CURRENT = 1;
    static final int RMS_VOLTAGE = 4;
    static final int ACTIVE_POWER = 5;
    static final int POWER_FACTOR = 7;
    static final int ACTIVE_ENERGY = 8;
    static final int ON_OFF = 14;
    static final int TRIP = 15;

    /**
     * Decimal digits per sensor type, as a PX3 reports them: current in mA, power factor in hundredths, voltage,
     * power and energy (Wh) whole.
     */
    static final Map<Integer, Integer> DECIMALS = Map.of(RMS_CURRENT, 3, RMS_VOLTAGE, 0, ACTIVE_POWER, 0,
            POWER_FACTOR, 2, ACTIVE_ENERGY, 0, ON_OFF, 0, TRIP, 0);

    /** ENTITY-SENSOR-MIB precision of the environment sensors: tenths, as Raritan's external sensors report. */
    static final int SENSOR_DIGITS = 1;

    /** PDU2-MIB SensorStateEnumeration values served. */
    private static final int STATE_OPEN = 0;
    private static final int STATE_CLOSED = 1;
    private static final int STATE_NORMAL = 4;
    private static final int STATE_ABOVE_UPPER_WARNING = 5;
    private static final int STATE_ON = 7;
    private static final int STATE_OFF = 8;

    private static final int TRUE = 1;
    private static final int FALSE = 2;
    private static final int PDU_ID = 1;
    private static final int INLET_ID = 1;
    private static final int SWITCH_OFF = 0;
    private static final int SWITCH_ON = 1;
    private static final int SWITCH_CYCLE = 2;
    private static final long UNSIGNED32_MAX = 0xFFFF_FFFFL;
    private static final int ENT_CELSIUS = 8;
    private static final int ENT_PERCENT_RH = 9;
    private static final int ENT_UNITS = 9;
    private static final int ENT_OK = 1;

    private final Supplier<PduState> state;
    private final DeviceControls controls;

    SimSnmpPduMib(Supplier<PduState> state, DeviceControls controls) {
        this.state = Objects.requireNonNull(state, "state");
        this.controls = Objects.requireNonNull(controls, "controls");
    }

    @Override
    public void addTo(SimSnmpMib.Builder mib) {
        PduState pdu = state.get();
        SimSnmpSystemGroup.add(mib, "Raritan PX3 PDU (dcsuite simulator) " + pdu.name() + ", feed " + pdu.feed(),
                SYS_OBJECT_ID, pdu.name());
        addInlet(mib, pdu);
        addOutlets(mib, pdu);
        addSensors(mib, pdu.sensors());
    }

    private static void addInlet(SimSnmpMib.Builder mib, PduState pdu) {
        List<PduState.Phase> phases = pdu.phases();
        double apparent = 0;
        double maxCurrent = 0;
        double voltageSum = 0;
        for (PduState.Phase p : phases) {
            apparent += p.voltageV() * p.currentA();
            maxCurrent = Math.max(maxCurrent, p.currentA());
            voltageSum += p.voltageV();
        }
        // A multi-pole inlet has one current and voltage in PDU2-MIB: the most loaded pole's current (the one that
        // trips the inlet first) and the mean line-to-neutral voltage, since the state has no line-to-line values.
        double voltage = phases.isEmpty() ? 0 : voltageSum / phases.size();
        inletSensor(mib, RMS_CURRENT, maxCurrent, true);
        inletSensor(mib, RMS_VOLTAGE, voltage, true);
        inletSensor(mib, ACTIVE_POWER, pdu.powerW(), true);
        inletSensor(mib, POWER_FACTOR, powerFactor(pdu.powerW(), apparent), apparent > 0);
        inletSensor(mib, ACTIVE_ENERGY, pdu.energyJ() / 3600.0, true);
        for (int i = 0; i < phases.size(); i++) {
            PduState.Phase p = phases.get(i);
            int pole = i + 1;
            poleSensor(mib, pole, RMS_CURRENT, p.currentA());
            poleSensor(mib, pole, RMS_VOLTAGE, p.voltageV());
            poleSensor(mib, pole, ACTIVE_POWER, p.powerW());
            // One overcurrent protector (breaker) per pole, numbered like the poles.
            OID ocp = new OID(new int[] {PDU_ID, pole});
            mib.instance(OCP_LABEL, ocp, new OctetString("C" + pole))
                    .instance(OCP_NAME, ocp, new OctetString("Breaker " + p.id()))
                    .instance(OCP_RATED_CURRENT, ocp, new OctetString(formatAmps(p.breakerRatingA())));
            for (int type : new int[] {RMS_CURRENT, TRIP}) {
                OID idx = new OID(ocp).append(type);
                mib.instance(OCP_DECIMALS, idx, unsigned(DECIMALS.get(type)))
                        .instance(OCP_AVAILABLE, idx, new Integer32(TRUE));
            }
            OID current = new OID(ocp).append(RMS_CURRENT);
            OID trip = new OID(ocp).append(TRIP);
            mib.instance(OCP_STATE, current, new Integer32(currentState(p)))
                    .instance(OCP_VALUE, current, scaled(p.currentA(), RMS_CURRENT))
                    // A breaker is closed while it conducts and open once it tripped.
                    .instance(OCP_STATE, trip, new Integer32(p.breakerTripped() ? STATE_OPEN : STATE_CLOSED))
                    .instance(OCP_VALUE, trip, unsigned(p.breakerTripped() ? 1 : 0));
        }
    }

    /** aboveUpperWarning over the continuous-load limit of {@link #UPPER_WARNING_SHARE} of the rating. */
    private static int currentState(PduState.Phase p) {
        return p.breakerRatingA() > 0 && p.currentA() > UPPER_WARNING_SHARE * p.breakerRatingA()
                ? STATE_ABOVE_UPPER_WARNING : STATE_NORMAL;
    }

    /**
     * PDU2-MIB {@code overCurrentProtectorSensorStateChange}, the notification a PX sends when a breaker's current
     * sensor crosses a threshold or its trip sensor opens or closes, with the protector's label and name and the
     * sensor's value and new state (the MIB's other objects, such as the old state, are left out).
     */
    @Override
    public Optional<SimSnmpNotification> notification(SimConditionChange change) {
        int sensor = switch (change.type()) {
            case PDU_OVERLOAD -> RMS_CURRENT;
            case PDU_BREAKER_TRIPPED -> TRIP;
            default -> -1;
        };
        int pole = Arrays.asList(PHASE_IDS).indexOf(change.condition().subject()) + 1;
        if (sensor < 0 || pole == 0) {
            return Optional.empty();
        }
        OID ocp = new OID(new int[] {PDU_ID, pole});
        OID idx = new OID(ocp).append(sensor);
        Variable value;
        int newState;
        if (sensor == RMS_CURRENT) {
            value = scaled(change.value(), RMS_CURRENT);
            newState = change.started() ? STATE_ABOVE_UPPER_WARNING : STATE_NORMAL;
        } else {
            value = unsigned(change.started() ? 1 : 0);
            newState = change.started() ? STATE_OPEN : STATE_CLOSED;
        }
        return Optional.of(new SimSnmpNotification(TRAP_OCP_STATE_CHANGE, "overCurrentProtectorSensorStateChange",
                List.of(new VariableBinding(new OID(OCP_LABEL).append(ocp), new OctetString("C" + pole)),
                        new VariableBinding(new OID(OCP_NAME).append(ocp),
                                new OctetString("Breaker " + change.condition().subject())),
                        new VariableBinding(new OID(OCP_VALUE).append(idx), value),
                        new VariableBinding(new OID(OCP_STATE).append(idx), new Integer32(newState)))));
    }

    private static void inletSensor(SimSnmpMib.Builder mib, int type, double value, boolean available) {
        OID idx = new OID(new int[] {PDU_ID, INLET_ID, type});
        mib.instance(INLET_DECIMALS, idx, unsigned(DECIMALS.get(type)))
                .instance(INLET_AVAILABLE, idx, new Integer32(available ? TRUE : FALSE))
                .instance(INLET_VALUE, idx, available ? scaled(value, type) : unsigned(0));
    }

    private static void poleSensor(SimSnmpMib.Builder mib, int pole, int type, double value) {
        OID idx = new OID(new int[] {PDU_ID, INLET_ID, pole, type});
        mib.instance(POLE_AVAILABLE, idx, new Integer32(TRUE)).instance(POLE_VALUE, idx, scaled(value, type));
    }

    private void addOutlets(SimSnmpMib.Builder mib, PduState pdu) {
        Map<String, Double> voltageByPhase = new HashMap<>();
        pdu.phases().forEach(p -> voltageByPhase.put(p.id(), p.voltageV()));
        for (PduState.Outlet o : pdu.outlets()) {
            OID outlet = new OID(new int[] {PDU_ID, o.number()});
            mib.instance(OUTLET_NAME, outlet, new OctetString(o.name()));
            Double voltage = voltageByPhase.get(o.phase());
            double apparent = voltage == null ? 0 : voltage * o.currentA();
            outletSensor(mib, o.number(), RMS_CURRENT, o.currentA(), true, STATE_NORMAL);
            outletSensor(mib, o.number(), RMS_VOLTAGE, voltage == null ? 0 : voltage, voltage != null, STATE_NORMAL);
            outletSensor(mib, o.number(), ACTIVE_POWER, o.powerW(), true, STATE_NORMAL);
            // An outlet drawing nothing has no power factor: the sensor reads unavailable, as on a real PX.
            outletSensor(mib, o.number(), POWER_FACTOR, powerFactor(o.powerW(), apparent), apparent > 0,
                    STATE_NORMAL);
            outletSensor(mib, o.number(), ACTIVE_ENERGY, o.energyJ() / 3600.0, true, STATE_NORMAL);
            outletSensor(mib, o.number(), ON_OFF, o.on() ? 1 : 0, true, o.on() ? STATE_ON : STATE_OFF);
            String pduId = pdu.id();
            int number = o.number();
            // Reading switchingOperation gives the present switch state, so a manager can read back what it set.
            mib.writable(SWITCHING_OPERATION, outlet, new Integer32(o.on() ? SWITCH_ON : SWITCH_OFF),
                    new SimSnmpMib.Writable(SMIConstants.SYNTAX_INTEGER, SimSnmpPduMib::isSwitchingOperation,
                            v -> switchOutlet(pduId, number, v.toInt())));
        }
    }

    private static void outletSensor(SimSnmpMib.Builder mib, int outlet, int type, double value, boolean available,
            int sensorState) {
        OID idx = new OID(new int[] {PDU_ID, outlet, type});
        mib.instance(OUTLET_DECIMALS, idx, unsigned(DECIMALS.get(type)))
                .instance(OUTLET_AVAILABLE, idx, new Integer32(available ? TRUE : FALSE))
                .instance(OUTLET_STATE, idx, new Integer32(sensorState))
                .instance(OUTLET_VALUE, idx, available ? scaled(value, type) : unsigned(0));
    }

    private static boolean isSwitchingOperation(Variable v) {
        int op = v.toInt();
        return op == SWITCH_OFF || op == SWITCH_ON || op == SWITCH_CYCLE;
    }

    private void switchOutlet(String pduId, int outlet, int operation) {
        switch (operation) {
            case SWITCH_OFF -> controls.setOutlet(pduId, outlet, false);
            case SWITCH_ON -> controls.setOutlet(pduId, outlet, true);
            // The model has no delayed actions: a cycle is an off immediately followed by an on.
            default -> {
                controls.setOutlet(pduId, outlet, false);
                controls.setOutlet(pduId, outlet, true);
            }
        }
    }

    private static void addSensors(SimSnmpMib.Builder mib, List<PduState.Sensor> sensors) {
        for (int i = 0; i < sensors.size(); i++) {
            PduState.Sensor s = sensors.get(i);
            OID idx = new OID(new int[] {i + 1});
            boolean temperature = s.kind() == PduState.SensorKind.TEMPERATURE;
            mib.instance(SENSOR_TYPE, idx, new Integer32(temperature ? ENT_CELSIUS : ENT_PERCENT_RH))
                    .instance(SENSOR_SCALE, idx, new Integer32(ENT_UNITS))
                    .instance(SENSOR_PRECISION, idx, new Integer32(SENSOR_DIGITS))
                    .instance(SENSOR_VALUE, idx, new Integer32((int) Math.round(s.value() * 10)))
                    .instance(SENSOR_OPER_STATUS, idx, new Integer32(ENT_OK))
                    .instance(SENSOR_UNITS_DISPLAY, idx, new OctetString(temperature ? "degrees C" : "%RH"))
                    .instance(PHYSICAL_NAME, idx, new OctetString(s.name()));
        }
    }

    private static double powerFactor(double powerW, double apparentVa) {
        return apparentVa > 0 ? Math.min(1.0, Math.max(0.0, powerW / apparentVa)) : 0;
    }

    /** The value as measurements*SensorValue carries it: x 10^decimals, rounded, clamped to Unsigned32. */
    private static long raw(double value, int type) {
        double scaled = Math.round(value * Math.pow(10, DECIMALS.get(type)));
        return (long) Math.max(0, Math.min(UNSIGNED32_MAX, scaled));
    }

    private static UnsignedInteger32 scaled(double value, int type) {
        return new UnsignedInteger32(raw(value, type));
    }

    private static UnsignedInteger32 unsigned(long value) {
        return new UnsignedInteger32(value);
    }

    private static String formatAmps(double amps) {
        return amps == Math.rint(amps) ? (long) amps + " A" : amps + " A";
    }
}
