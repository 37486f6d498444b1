package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;
import org.junit.jupiter.api.Test;

class ModbusCodecTest {

    private static ModbusPoint point(String type, boolean byteSwap, boolean wordSwap, double scale, double offset) {
        return new ModbusPoint("p", ModbusFunction.HOLDING, 0, ModbusType.parse(type).orElseThrow(), byteSwap,
                wordSwap, scale, Optional.empty(), offset, Optional.of("test.value"), Unit.ONE, MetricKind.GAUGE,
                Map.of(), Set.of(0x8000L), true, List.of(), "flag", Optional.empty(), Optional.empty());
    }

    private static double decode(ModbusPoint p, int... registers) {
        return ModbusCodec.raw(p, ModbusCodec.canonicalBytes(p, registers, 0));
    }

    @Test
    void theFourLayoutsOfA32BitValue() {
        // 0x12345678 written as ABCD, CDAB, BADC and DCBA.
        assertThat(decode(point("uint32", false, false, 1, 0), 0x1234, 0x5678)).isEqualTo(0x12345678);
        assertThat(decode(point("uint32", false, true, 1, 0), 0x5678, 0x1234)).isEqualTo(0x12345678);
        assertThat(decode(point("uint32", true, false, 1, 0), 0x3412, 0x7856)).isEqualTo(0x12345678);
        assertThat(decode(point("uint32", true, true, 1, 0), 0x7856, 0x3412)).isEqualTo(0x12345678);
    }

    @Test
    void bitsFromRegistersMatchTheCanonicalBytesInEveryLayoutAndWidth() {
        int[] registers = {0xAAAA, 0x1234, 0x5678, 0x9ABC, 0xDEF0, 0xBBBB};
        for (String type : List.of("uint16", "int32", "float32", "uint64", "float64")) {
            for (boolean b : new boolean[] {false, true}) {
                for (boolean w : new boolean[] {false, true}) {
                    ModbusPoint p = point(type, b, w, 1, 0);
                    assertThat(ModbusCodec.bits(p, registers, 1)).as("%s byteSwap=%s wordSwap=%s", type, b, w)
                            .isEqualTo(ModbusCodec.bits(ModbusCodec.canonicalBytes(p, registers, 1)));
                }
            }
        }
    }

    @Test
    void signedFloatAnd64BitTypes() {
        assertThat(decode(point("int16", false, false, 1, 0), 0xFFFE)).isEqualTo(-2);
        assertThat(decode(point("uint16", false, false, 1, 0), 0xFFFE)).isEqualTo(65534);
        assertThat(decode(point("int32", false, false, 1, 0), 0xFFFF, 0xFFFF)).isEqualTo(-1);
        assertThat(decode(point("float32", false, false, 1, 0), 0x4148, 0x0000)).isEqualTo(12.5);
        assertThat(decode(point("uint64", false, false, 1, 0), 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF))
                .isEqualTo(18446744073709551615.0);
        assertThat(decode(point("float64", false, false, 1, 0), 0x4009, 0x21FB, 0x5444, 0x2D18))
                .isEqualTo(Math.PI);
    }

    @Test
    void scaleScaleFactorAndOffset() {
        ModbusPoint p = point("int16", false, false, 0.1, -40);
        assertThat(ModbusCodec.engineering(p, 650, 0)).isEqualTo(25.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ModbusCodec.engineering(point("int16", false, false, 1, 0), 1234, -2))
                .isEqualTo(12.34, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void encodeIsTheInverseOfDecodeInEveryLayout() {
        for (boolean b : new boolean[] {false, true}) {
            for (boolean w : new boolean[] {false, true}) {
                ModbusPoint p = point("int32", b, w, 0.01, 5);
                int[] regs = ModbusCodec.encode(p, -1234.56, 0);
                assertThat(ModbusCodec.engineering(p, decode(p, regs), 0))
                        .isEqualTo(-1234.56, org.assertj.core.data.Offset.offset(1e-9));
                ModbusPoint f = point("float32", b, w, 1, 0);
                assertThat(decode(f, ModbusCodec.encode(f, 21.5, 0))).isEqualTo(21.5);
            }
        }
    }

    @Test
    void encodeRejectsValuesOutsideTheType() {
        assertThatThrownBy(() -> ModbusCodec.encode(point("int16", false, false, 0.1, 0), 4000, 0))
                .hasMessage("raw value 40000 does not fit int16");
        assertThatThrownBy(() -> ModbusCodec.encode(point("uint16", false, false, 1, 0), -1, 0))
                .hasMessage("raw value -1 does not fit uint16");
    }

    @Test
    void sentinelsAndStrings() {
        ModbusPoint p = point("int16", false, false, 1, 0);
        assertThat(ModbusCodec.notImplemented(p, ModbusCodec.canonicalBytes(p, new int[] {0x8000}, 0))).isTrue();
        assertThat(ModbusCodec.notImplemented(p, ModbusCodec.canonicalBytes(p, new int[] {0x7FFF}, 0))).isFalse();
        ModbusPoint f = point("float32", false, false, 1, 0);
        assertThat(ModbusCodec.notImplemented(f, ModbusCodec.canonicalBytes(f, new int[] {0x7FC0, 0}, 0))).isTrue();
        ModbusPoint s = point("string(4)", false, false, 1, 0);
        assertThat(ModbusCodec.string(ModbusCodec.canonicalBytes(s, new int[] {0x4142, 0x4300, 0, 0}, 0)))
                .isEqualTo("ABC");
    }
}
