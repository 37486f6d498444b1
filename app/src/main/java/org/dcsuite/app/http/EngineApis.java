package org.dcsuite.app.http;

import java.util.Objects;

/**
 * The engines' endpoints a server answers besides the store's: {@code /api/v1/energy} and {@code /api/v1/slos}.
 * Each answers "not configured" when the configuration has no files for it.
 */
public record EngineApis(EnergyApi energy, SloApi slos) {

    public EngineApis {
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(slos, "slos");
    }

    /** A server with neither energy nor SLO configuration. */
    public static EngineApis none() {
        return new EngineApis(EnergyApi.unconfigured(), SloApi.unconfigured());
    }
}
