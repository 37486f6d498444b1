package org.dcsuite.drivers.modbus;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated device profile. Either a fixed register map ({@link #points()}) or, for SunSpec devices, point
 * lists per model ({@link #sunSpecModels()}) placed where discovery finds each model.
 *
 * @param name          the file name without {@code .yaml}, as given in {@code profile:}
 * @param file          the file name, for error messages
 * @param source        the documentation the register map follows
 * @param points        fixed points with absolute addresses
 * @param sunSpecModels model point lists with addresses relative to each model's first data register
 */
record ModbusProfile(String name, String file, String source, List<ModbusPoint> points,
        List<SunSpecModel> sunSpecModels) {

    /**
     * The points of one or more SunSpec models sharing a layout (the meter models 201-204 do).
     *
     * @param ids    the model ids this layout applies to
     * @param points addresses relative to the model's first register after ID and L
     */
    record SunSpecModel(Set<Integer> ids, List<ModbusPoint> points) {
        SunSpecModel {
            ids = Set.copyOf(ids);
            points = List.copyOf(points);
        }
    }

    ModbusProfile {
        points = List.copyOf(points);
        sunSpecModels = List.copyOf(sunSpecModels);
    }

    boolean sunSpec() {
        return !sunSpecModels.isEmpty();
    }

    Optional<SunSpecModel> model(int id) {
        return sunSpecModels.stream().filter(m -> m.ids().contains(id)).findFirst();
    }
}
