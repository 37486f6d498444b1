package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.drivers.snmp.SnmpReadings.error;
import static org.dcsuite.drivers.snmp.SnmpReadings.none;
import static org.dcsuite.drivers.snmp.SnmpReadings.one;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.DriverErrorKind;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Replays the vendor fixture walks through the decoder, offline. Expected values are computed here from the raw
 * fixture values with each MIB's documented units, independently of the profiles.
 */
class SnmpDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private static SnmpDecoder.Result decode(String profile, String fixture) {
        SnmpDecoder d = new SnmpDecoder(SnmpProfiles.get(profile).orElseThrow());
        SnmpWalkFixture f = SnmpWalkFixture.load(fixture);
        Map<OID, Variable> scalars = new LinkedHashMap<>();
        Map<OID, SnmpClient.Failure> failures = new LinkedHashMap<>();
        for (OID o : d.scalarOids()) {
            Variable v = f.values().get(o);
            if (v == null) {
                failures.put(o, new SnmpClient.Failure(DriverErrorKind.UNSUPPORTED, o + ": noSuchObject"));
            } else {
                scalars.put(o, v);
            }
        }
        return d.decode(scalars, failures, f.walk(d.columns()), NOW);
    }

    @Test
    void upsMibUsesTheMibUnitsAndSumsOutputPower() {
        SnmpWalkFixture f = SnmpWalkFixture.load("ups-mib");
        SnmpDecoder.Result r = decode("ups-mib", "ups-mib");
        String u = "1.3.6.1.2.1.33.1.";
        assertThat(one(r.readings(), "hw.battery.charge").value()).isEqualTo(f.integer(u + "2.4.0"));
        assertThat(one(r.readings(), "hw.temperature", "hw.id", "battery").value()).isEqualTo(f.integer(u + "2.7.0"));
        assertThat(one(r.readings(), "hw.voltage", "hw.id", "battery").value())
                .isCloseTo(f.integer(u + "2.5.0") / 10.0, within(1e-9));
        assertThat(one(r.readings(), "hw.battery.time_left").value()).isEqualTo(f.integer(u + "2.3.0") * 60.0);
        assertThat(one(r.readings(), "hw.status", "hw.state", "on_battery").value()).isEqualTo(1.0);
        assertThat(one(r.readings(), "hw.status", "hw.id", "battery").value()).isEqualTo(1.0);
        double sum = 0;
        for (int line = 1; line <= 3; line++) {
            String id = "output-" + line;
            assertThat(one(r.readings(), "hw.current", "hw.id", id).value())
                    .isCloseTo(f.integer(u + "4.4.1.3." + line) / 10.0, within(1e-9));
            assertThat(one(r.readings(), "hw.voltage", "hw.id", id, "phase", "" + line).value())
                    .isEqualTo(f.integer(u + "4.4.1.2." + line));
            sum += f.integer(u + "4.4.1.4." + line);
        }
        assertThat(one(r.readings(), "hw.power", "hw.id", "output").value()).isEqualTo(sum);
        assertThat(one(r.readings(), "hw.power", "hw.id", "output").unit()).isEqualTo(Unit.WATT);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void entitySensorAppliesScaleAndPrecisionAndSkipsSensorsThatAreNotOk() {
        SnmpDecoder.Result r = decode("entity-sensor", "entity-sensor");
        // celsius(8), units(9), precision 1, raw 235
        assertThat(one(r.readings(), "hw.temperature", "hw.id", "sensor-1").value()).isCloseTo(23.5, within(1e-9));
        assertThat(one(r.readings(), "hw.temperature", "hw.id", "sensor-1").attributes())
                .containsEntry("hw.name", "Inlet Temp").containsEntry("hw.type", "temperature");
        // voltsDC(4), milli(8), precision 0, raw 12050
        assertThat(one(r.readings(), "hw.voltage", "hw.id", "sensor-2").value()).isCloseTo(12.05, within(1e-9));
        assertThat(one(r.readings(), "hw.fan.speed", "hw.id", "sensor-3").value()).isEqualTo(5400.0);
        // watts(6), kilo(10), precision 2, raw 123
        assertThat(one(r.readings(), "hw.power", "hw.id", "sensor-4").value()).isCloseTo(1230.0, within(1e-9));
        // amperes(5), milli(8): no entPhysicalName for index 6, so no hw.name
        assertThat(one(r.readings(), "hw.current", "hw.id", "sensor-6").value()).isCloseTo(1.5, within(1e-9));
        assertThat(one(r.readings(), "hw.current", "hw.id", "sensor-6").attributes()).doesNotContainKey("hw.name");
        // sensor 5 is unavailable(2): skipped and reported; sensor 7 is a truthvalue: not a metric
        assertThat(none(r.readings(), "hw.temperature", "hw.id", "sensor-5")).isTrue();
        assertThat(error(r.errors(), "entPhySensorTable[5]").message()).contains("Outlet Temp", "unavailable(2)");
        assertThat(r.readings().stream().noneMatch(x -> x.attributes().get("hw.id").equals("sensor-7"))).isTrue();
        assertThat(r.errors()).hasSize(1);
    }

    @Test
    void apcRpdu2JoinsOutletTablesSumsPhasesAndReportsMinusOne() {
        SnmpWalkFixture f = SnmpWalkFixture.load("apc-rpdu2");
        SnmpDecoder.Result r = decode("apc-rpdu2", "apc-rpdu2");
        String a = "1.3.6.1.4.1.318.1.1.26.";
        double total = 0;
        for (int phase = 1; phase <= 2; phase++) {
            double watts = f.integer(a + "6.3.1.7." + phase) * 10.0; // hundredths of kW
            assertThat(one(r.readings(), "hw.power", "phase", "" + phase).value()).isCloseTo(watts, within(1e-9));
            assertThat(one(r.readings(), "hw.current", "phase", "" + phase).value())
                    .isCloseTo(f.integer(a + "6.3.1.5." + phase) / 10.0, within(1e-9));
            total += watts;
        }
        assertThat(one(r.readings(), "hw.power", "hw.id", "pdu").value()).isCloseTo(total, within(1e-9));
        for (int outlet = 1; outlet <= 7; outlet++) {
            assertThat(one(r.readings(), "hw.power", "outlet", "" + outlet).value())
                    .isEqualTo(f.integer(a + "9.4.3.1.7." + outlet));
            assertThat(one(r.readings(), "hw.power", "outlet", "" + outlet).attributes())
                    .containsEntry("hw.name", "srv-" + outlet);
            assertThat(one(r.readings(), "hw.status", "outlet", "" + outlet).value()).isEqualTo(outlet == 5 ? 0 : 1);
        }
        Map<String, String> energy = one(r.readings(), "hw.energy", "outlet", "2").attributes();
        assertThat(energy).containsEntry("hw.id", "outlet-2");
        assertThat(one(r.readings(), "hw.energy", "outlet", "2").kind()).isEqualTo(MetricKind.COUNTER);
        assertThat(one(r.readings(), "hw.energy", "outlet", "2").value())
                .isCloseTo(f.integer(a + "9.4.3.1.11.2") * 0.1 * 3_600_000, within(1e-6));
        assertThat(none(r.readings(), "hw.power", "outlet", "8")).isTrue();
        assertThat(error(r.errors(), "rPDU2OutletMeteredStatusTable.power[8]").kind()).isEqualTo(DriverErrorKind.DECODE);
    }

    @Test
    void raritanPdu2ScalesByDecimalDigitsAndJoinsOutletNamesByIndexPrefix() {
        SnmpWalkFixture f = SnmpWalkFixture.load("raritan-pdu2");
        SnmpDecoder.Result r = decode("raritan-pdu2", "raritan-pdu2");
        String v = "1.3.6.1.4.1.13742.6.5.4.3.1.4.1.";
        String d = "1.3.6.1.4.1.13742.6.3.5.4.1.7.1.";
        for (int outlet = 1; outlet <= 8; outlet++) {
            double amps = f.integer(v + outlet + ".1") / Math.pow(10, f.integer(d + outlet + ".1"));
            assertThat(one(r.readings(), "hw.current", "outlet", "" + outlet).value()).isCloseTo(amps, within(1e-9));
            assertThat(one(r.readings(), "hw.current", "outlet", "" + outlet).attributes())
                    .containsEntry("hw.name", "srv-" + outlet);
            double pf = f.integer(v + outlet + ".7") / Math.pow(10, f.integer(d + outlet + ".7"));
            assertThat(one(r.readings(), "hw.power_factor", "outlet", "" + outlet).value()).isCloseTo(pf, within(1e-9));
            assertThat(one(r.readings(), "hw.status", "outlet", "" + outlet).value()).isEqualTo(outlet == 6 ? 0 : 1);
        }
        assertThat(one(r.readings(), "hw.energy", "outlet", "3").value())
                .isCloseTo(f.integer(v + "3.8") * 3600.0, within(1e-6));
        assertThat(none(r.readings(), "hw.power", "outlet", "8")).isTrue();
        assertThat(error(r.errors(), "outletSensorMeasurementsTable[1.8.5]").message()).contains("srv-8", "false(2)");
        // Poles take the inlet's decimal digits for the same sensor type.
        double poleAmps = f.integer("1.3.6.1.4.1.13742.6.5.2.4.1.4.1.1.2.1")
                / Math.pow(10, f.integer("1.3.6.1.4.1.13742.6.3.3.4.1.7.1.1.1"));
        assertThat(one(r.readings(), "hw.current", "phase", "2").value()).isCloseTo(poleAmps, within(1e-9));
        assertThat(one(r.readings(), "hw.power", "hw.id", "inlet-1").value())
                .isEqualTo(f.integer("1.3.6.1.4.1.13742.6.5.2.3.1.4.1.1.5"));
        assertThat(r.errors()).hasSize(1);
    }

    @Test
    void missingScalarsBecomePointErrorsBesideTheRest() {
        SnmpDecoder d = new SnmpDecoder(SnmpProfiles.get("ups-mib").orElseThrow());
        SnmpWalkFixture f = SnmpWalkFixture.load("ups-mib");
        Map<OID, Variable> scalars = new LinkedHashMap<>();
        Map<OID, SnmpClient.Failure> failures = new LinkedHashMap<>();
        for (OID o : d.scalarOids()) {
            if (o.equals(new OID("1.3.6.1.2.1.33.1.2.7.0"))) {
                failures.put(o, new SnmpClient.Failure(DriverErrorKind.UNSUPPORTED, o + ": noSuchInstance"));
            } else {
                scalars.put(o, f.values().get(o));
            }
        }
        SnmpDecoder.Result r = d.decode(scalars, failures, f.walk(d.columns()), NOW);
        assertThat(error(r.errors(), "upsBatteryTemperature").kind()).isEqualTo(DriverErrorKind.UNSUPPORTED);
        assertThat(one(r.readings(), "hw.battery.charge").value()).isEqualTo(87.0);
    }

    @Test
    void indexesDecodeIntegersStringsAndMultiPartIndexes() {
        var parts = java.util.List.of(SnmpIndex.Part.INTEGER, SnmpIndex.Part.STRING, SnmpIndex.Part.IMPLIED_STRING);
        var decoded = SnmpIndex.decode(new OID("7.3.97.98.99.120.121"), parts).orElseThrow();
        assertThat(decoded.display()).containsExactly("7", "abc", "xy");
        assertThat(decoded.raw()).containsExactly("7", "3.97.98.99", "120.121");
        assertThat(SnmpIndex.decode(new OID("7.5.97"), parts)).isEmpty();
        assertThat(SnmpIndex.decode(new OID("10.0.0.5.2"), java.util.List.of(SnmpIndex.Part.IPV4,
                SnmpIndex.Part.INTEGER)).orElseThrow().display()).containsExactly("10.0.0.5", "2");
    }
}
