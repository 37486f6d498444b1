package org.dcsuite.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo configuration bundled in the jar (3 sites, 152 devices on 127.0.0.1), written out to a folder so
 * that the ordinary configuration loader reads it and users can copy it as a starting point.
 */
public final class DemoConfiguration {

    private static final String ROOT = "/org/dcsuite/simulator/demo/";
    /** The files of the demo configuration, relative to its folder. */
    static final List<String> FILES = List.of("dcsuite.yaml", "sites/edge-lyon.yaml", "sites/edge-oslo.yaml",
            "sites/edge-dallas.yaml", "energy/edge-lyon.yaml", "energy/edge-oslo.yaml", "energy/edge-dallas.yaml",
            "signals/fr-carbon.csv", "signals/us-tx-carbon.csv", "slos/facilities.yaml");

    private DemoConfiguration() {
    }

    /** Writes the demo configuration into {@code directory} (created if needed) and returns it. */
    public static Path writeTo(Path directory) {
        try {
            for (String name : FILES) {
                Path target = directory.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = DemoConfiguration.class.getResourceAsStream(ROOT + name)) {
                    if (in == null) {
                        throw new IllegalStateException("demo configuration file " + name + " missing from the jar");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo configuration to " + directory, e);
        }
    }
}
