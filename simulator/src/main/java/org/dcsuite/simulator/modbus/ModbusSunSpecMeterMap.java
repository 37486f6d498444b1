package org.dcsuite.simulator.modbus;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.dcsuite.simulator.state.MeterState;

/**
 * A three-phase facility meter as a SunSpec device, following the driver profile {@code sunspec-meter}
 * (hardware-drivers/src/main/resources/org/dcsuite/drivers/modbus/profiles/sunspec-meter.yaml) and the SunSpec
 * model definitions it cites: the {@code SunS} marker at 40000, common model 1, meter model 203 (wye) and the end
 * model, all in holding registers.
 *
 * <p>Scale factors are chosen per read from the values, as the finest power of ten that still fits every value of
 * its group in an int16 ({@link #scaleFactor}): a 2 MW incomer and a 3 kW test load both keep their precision. The
 * driver reads a model in one request, so a value and its scale factor always come from the same state.
 */
final class ModbusSunSpecMeterMap implements ModbusRegisterMap {

    static final int BASE = 40000;
    static final int COMMON_MODEL_ID = 1;
    static final int COMMON_LENGTH = 66;
    static final int METER_MODEL_ID = 203;
    static final int METER_LENGTH = 105;
    /** First data register of each model, after its ID and L. */
    static final int COMMON_START = BASE + 4;
    static final int METER_START = COMMON_START + COMMON_LENGTH + 2;
    static final int END_MODEL = METER_START + METER_LENGTH;
    static final String MANUFACTURER = "dcsuite";
    static final String MODEL = "sim-meter";
    /** The firmware version the common model reports: the simulator's own, or {@code dev} outside a jar. */
    static final String VERSION = Objects.requireNonNullElse(
            ModbusSunSpecMeterMap.class.getPackage().getImplementationVersion(), "dev");

    // Meter model offsets (SunSpec model 203, as the profile names them).
    static final int A = 0;
    static final int A_SF = 4;
    static final int PH_V = 5;
    static final int V_SF = 13;
    static final int HZ = 14;
    static final int HZ_SF = 15;
    static final int W = 16;
    static final int W_SF = 20;
    static final int VA = 21;
    static final int VA_SF = 25;
    static final int VAR = 26;
    static final int VAR_SF = 30;
    static final int PF = 31;
    static final int PF_SF = 35;
    static final int TOT_WH_EXP = 36;
    static final int TOT_WH_IMP = 44;
    static final int TOT_WH_SF = 52;
    static final int TOT_VAH_SF = 69;
    static final int TOT_VARH_SF = 102;
    static final int EVT = 103;

    /** Joules in a watt-hour: SunSpec counts energy in Wh. */
    static final double J_PER_WH = 3600.0;

    private final String serialNumber;
    private final Supplier<MeterState> state;

    ModbusSunSpecMeterMap(String serialNumber, Supplier<MeterState> state) {
        this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public ModbusRegisterBlock read(ModbusTable table) {
        return table == ModbusTable.HOLDING ? new ModbusRegisterBlock(BASE, registers(state.get()))
                : ModbusRegisterBlock.EMPTY;
    }

    /** A meter is read-only: SunSpec meters accept no writes to their measurement models. */
    @Override
    public void writeRegisters(int address, int[] values) throws SimModbusException {
        throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_ADDRESS, "holding " + address
                + " is read-only");
    }

    private int[] registers(MeterState s) {
        int[] r = new int[END_MODEL + 2 - BASE];
        r[0] = 0x5375; // "Su"
        r[1] = 0x6E53; // "nS"
        r[2] = COMMON_MODEL_ID;
        r[3] = COMMON_LENGTH;
        int c = COMMON_START - BASE;
        ModbusWords.string(MANUFACTURER, 16, r, c);
        ModbusWords.string(MODEL, 16, r, c + 16);
        ModbusWords.string("", 8, r, c + 32);
        ModbusWords.string(VERSION, 8, r, c + 40);
        ModbusWords.string(serialNumber, 16, r, c + 48);
        r[c + 64] = SimModbusDevice.UNIT_ID;
        r[c + 65] = ModbusWords.INT16_NOT_IMPLEMENTED;
        r[METER_START - BASE - 2] = METER_MODEL_ID;
        r[METER_START - BASE - 1] = METER_LENGTH;
        meter(s, r, METER_START - BASE);
        r[END_MODEL - BASE] = 0xFFFF;
        r[END_MODEL + 1 - BASE] = 0;
        return r;
    }

    private static void meter(MeterState s, int[] r, int m) {
        // Points the state does not carry (line-to-line voltages, per-phase VA, var and PF, the VAh and varh
        // counters) stay "not implemented", as SunSpec asks: 0x8000 for int16 and scale factors, 0 for acc32.
        Arrays.fill(r, m, m + TOT_WH_EXP, ModbusWords.INT16_NOT_IMPLEMENTED);
        List<MeterState.Phase> phases = s.phases();
        double[] amps = new double[3];
        double[] volts = new double[3];
        double[] watts = new double[3];
        double totalAmps = 0;
        double sumVolts = 0;
        int n = Math.min(3, phases.size());
        for (int i = 0; i < 3; i++) {
            boolean present = i < n;
            amps[i] = present ? phases.get(i).currentA() : Double.NaN;
            volts[i] = present ? phases.get(i).voltageV() : Double.NaN;
            watts[i] = present ? phases.get(i).powerW() : Double.NaN;
            if (present) {
                totalAmps += amps[i];
                sumVolts += volts[i];
            }
        }
        double averageVolts = n == 0 ? Double.NaN : sumVolts / n;

        group(r, m + A, m + A_SF, -2, totalAmps, amps[0], amps[1], amps[2]);
        group(r, m + PH_V, m + V_SF, -1, averageVolts, volts[0], volts[1], volts[2]);
        group(r, m + HZ, m + HZ_SF, -2, s.frequencyHz());
        group(r, m + W, m + W_SF, 0, s.powerW(), watts[0], watts[1], watts[2]);
        group(r, m + VA, m + VA_SF, 0, s.apparentPowerVa());
        group(r, m + VAR, m + VAR_SF, 0, s.reactivePowerVar());
        // The state's power factor is a ratio; SunSpec's PF is in percent.
        group(r, m + PF, m + PF_SF, -1, s.powerFactor() * 100);

        double wh = s.energyImportedJ() / J_PER_WH;
        int whSf = scaleFactor(0, 0xFFFF_FFFFL, wh);
        ModbusWords.uint32(0, r, m + TOT_WH_EXP); // the state has no exported energy: a meter that never exported
        ModbusWords.uint32(Math.round(wh / Math.pow(10, whSf)), r, m + TOT_WH_IMP);
        r[m + TOT_WH_SF] = whSf & 0xFFFF;
        r[m + TOT_VAH_SF] = ModbusWords.INT16_NOT_IMPLEMENTED;
        r[m + TOT_VARH_SF] = ModbusWords.INT16_NOT_IMPLEMENTED;
        // Evt (bitfield32): no events; the state carries none.
        r[m + EVT] = 0;
        r[m + EVT + 1] = 0;
    }

    /** Values at consecutive registers from {@code at}, with their shared int16 scale factor at {@code sfAt}. */
    private static void group(int[] r, int at, int sfAt, int finest, double... values) {
        int sf = scaleFactor(finest, Short.MAX_VALUE, values);
        double scale = Math.pow(10, sf);
        for (int i = 0; i < values.length; i++) {
            r[at + i] = ModbusWords.int16(values[i], scale);
        }
        r[sfAt] = sf & 0xFFFF;
    }

    /**
     * The smallest power of ten from {@code finest} on at which every finite value rounds to at most {@code max} in
     * magnitude (SunSpec allows -10..10).
     */
    static int scaleFactor(int finest, long max, double... values) {
        double largest = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        int sf = finest;
        while (sf < 10 && Math.round(largest / Math.pow(10, sf)) > max) {
            sf++;
        }
        return sf;
    }
}
