package org.dcsuite.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The demo configuration bundled in the jar (3 sites, 152 devices on 127.0.0.1, and the simulated applications of
 * {@code traffic.yaml}), written out to a folder so that the ordinary configuration loader reads it and users can
 * copy it as a starting point.
 */
public final class DemoConfiguration {

    private static final String ROOT = "/org/dcsuite/simulator/demo/";
    /** The files of the demo configuration, relative to its folder. */
    private static final Pattern ENDPOINT = Pattern.compile("(modbus|snmp|redfish)://(127\\.[0-9.]+):([0-9]+)");
    static final List<String> FILES = List.of("dcsuite.yaml", "sites/edge-lyon.yaml", "sites/edge-oslo.yaml",
            "sites/edge-dallas.yaml", "energy/edge-lyon.yaml", "energy/edge-oslo.yaml", "energy/edge-dallas.yaml",
            "signals/fr-carbon.csv", "signals/us-tx-carbon.csv", "slos/facilities.yaml", "slos/applications.yaml",
            "traffic.yaml");

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

    /**
     * Moves every device of the written demo to a free port on its own loopback address, so a second demo (a test
     * run, a second user) runs beside one that holds the documented ports. Each probe socket stays open until all
     * ports are chosen, so no port is handed out twice.
     */
    public static void moveToFreePorts(Path directory) {
        List<Closeable> probes = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory.resolve("sites"))) {
            for (Path file : files.toList()) {
                Matcher m = ENDPOINT.matcher(Files.readString(file));
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    InetAddress address = InetAddress.getByName(m.group(2));
                    int port;
                    if (m.group(1).equals("snmp")) {
                        DatagramSocket probe = new DatagramSocket(0, address);
                        probes.add(probe);
                        port = probe.getLocalPort();
                    } else {
                        ServerSocket probe = new ServerSocket(0, 1, address);
                        probes.add(probe);
                        port = probe.getLocalPort();
                    }
                    m.appendReplacement(out, m.group(1) + "://" + m.group(2) + ":" + port);
                }
                m.appendTail(out);
                Files.writeString(file, out.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the demo in " + directory + " to free ports", e);
        } finally {
            for (Closeable probe : probes) {
                try {
                    probe.close();
                } catch (IOException ignored) {
                    // A probe that fails to close only keeps its port until the process ends.
                }
            }
        }
    }
}
