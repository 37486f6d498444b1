package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Unit;
import org.junit.jupiter.api.Test;

class ModbusRequestPlannerTest {

    static ModbusPoint point(String name, ModbusFunction f, int address, String type) {
        return new ModbusPoint(name, f, address, ModbusType.parse(type).orElseThrow(), false, false, 1,
                Optional.empty(), 0, Optional.of("test.value"), Unit.ONE, MetricKind.GAUGE, Map.of(), Set.of(),
                false, List.of(), "flag", Optional.empty(), Optional.empty());
    }

    private static String describe(List<ModbusRequestPlanner.ModbusRead> reads) {
        return reads.stream().map(r -> r.function().yamlName() + " " + r.address() + "+" + r.count()).toList()
                .toString();
    }

    @Test
    void adjacentPointsBecomeOneRead() {
        var reads = ModbusRequestPlanner.plan(List.of(point("a", ModbusFunction.HOLDING, 0, "int16"),
                point("b", ModbusFunction.HOLDING, 1, "float32"), point("c", ModbusFunction.HOLDING, 3, "int64")),
                10, 125);
        assertThat(describe(reads)).isEqualTo("[holding 0+7]");
        assertThat(reads.get(0).points()).hasSize(3);
    }

    @Test
    void gapsUpToTheGapFillAreReadThroughLargerOnesSplit() {
        var points = List.of(point("a", ModbusFunction.HOLDING, 0, "int16"),
                point("b", ModbusFunction.HOLDING, 11, "int16"), point("c", ModbusFunction.HOLDING, 23, "int16"));
        assertThat(describe(ModbusRequestPlanner.plan(points, 10, 125))).isEqualTo("[holding 0+12, holding 23+1]");
        assertThat(describe(ModbusRequestPlanner.plan(points, 11, 125))).isEqualTo("[holding 0+24]");
        assertThat(describe(ModbusRequestPlanner.plan(points, 0, 125)))
                .isEqualTo("[holding 0+1, holding 11+1, holding 23+1]");
    }

    @Test
    void readsNeverExceedTheRegisterLimit() {
        List<ModbusPoint> points = new ArrayList<>();
        for (int i = 0; i < 300; i += 2) {
            points.add(point("p" + i, ModbusFunction.INPUT, i, "uint32"));
        }
        var reads = ModbusRequestPlanner.plan(points, 10, 125);
        assertThat(describe(reads)).isEqualTo("[input 0+124, input 124+124, input 248+52]");
        assertThat(describe(ModbusRequestPlanner.plan(points, 10, 50))).startsWith("[input 0+50, input 50+50,");
    }

    @Test
    void functionsAreNeverMixedAndBitsMayReach2000() {
        List<ModbusPoint> points = new ArrayList<>();
        for (int i = 0; i < 2100; i += 5) {
            points.add(point("c" + i, ModbusFunction.COIL, i, "bool"));
        }
        points.add(point("h", ModbusFunction.HOLDING, 0, "int16"));
        points.add(point("d", ModbusFunction.DISCRETE, 0, "bool"));
        var reads = ModbusRequestPlanner.plan(points, 10, 125);
        assertThat(describe(reads)).isEqualTo("[holding 0+1, coil 0+1996, coil 2000+96, discrete 0+1]");
    }

    @Test
    void overlappingPointsShareTheirRegisters() {
        var reads = ModbusRequestPlanner.plan(List.of(point("whole", ModbusFunction.HOLDING, 10, "uint32"),
                point("high", ModbusFunction.HOLDING, 10, "uint16")), 0, 125);
        assertThat(describe(reads)).isEqualTo("[holding 10+2]");
    }
}
