package org.dcsuite.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;

/**
 * How many simulated devices one machine serves at a 10 s poll interval: runs {@code dcsuite simulate} as a
 * child process on a generated fleet and polls every device through the real drivers from this JVM, each on
 * its own schedule with start times spread over the interval, as the collectors will. The simulator's CPU and
 * memory are read from /proc for the child alone.
 *
 * <p>Usage: {@code java -jar benchmarks/target/dcsuite-benchmarks.jar simulator [SITES...] [--seconds N]
 * [--jar app/target/dcsuite.jar]}; each site has 4 racks of 16 servers, 8 PDUs, a UPS, 2 cooling units and a
 * meter (76 devices).
 */
public final class SimulatorBenchmark {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int RACKS = 4;
    private static final int SERVERS = 16;
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        List<Integer> sites = new ArrayList<>();
        int seconds = 60;
        Path jar = Path.of("app/target/dcsuite.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                default -> sites.add(Integer.parseInt(args[i]));
            }
        }
        if (sites.isEmpty()) {
            sites = List.of(1, 4, 8);
        }
        System.out.println("| devices | polls | failed | poll p50 | poll p99 | simulator CPU | CPU per poll | simulator RSS |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sites) {
            System.out.println(run(n, seconds, jar));
        }
    }

    private static String run(int siteCount, int seconds, Path jar) throws Exception {
        Path dir = Files.createTempDirectory("dcsuite-simbench");
        writeConfig(dir, siteCount);
        DcsuiteConfig config = ConfigLoader.load(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process sim = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-jar", jar.toString(),
                "simulate", "--config", dir.toString(), "--seed", "1")
                .redirectErrorStream(true).start();
        try {
            awaitRunning(sim);
            List<Device> devices = config.devices();
            List<DeviceSession> sessions = new ArrayList<>();
            for (Device d : devices) {
                sessions.add(DeviceDrivers.forProtocol(d.endpoint().protocol()).open(DeviceTarget.of(d, Clock.systemUTC())));
            }
            // One warm-up round so that JIT and Redfish session logins are not measured.
            try (ExecutorService warm = Executors.newVirtualThreadPerTaskExecutor()) {
                for (DeviceSession s : sessions) {
                    warm.submit(() -> safePoll(s));
                }
            }
            long cpuBefore = cpuTicks(sim.pid());
            long start = System.nanoTime();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong failures = new AtomicLong();
            try (var scheduler = Executors.newScheduledThreadPool(2);
                    ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < sessions.size(); i++) {
                    DeviceSession s = sessions.get(i);
                    long offset = INTERVAL.toMillis() * i / sessions.size();
                    scheduler.scheduleAtFixedRate(() -> pollers.submit(() -> {
                        long t = System.nanoTime();
                        if (!safePoll(s)) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t);
                    }), offset, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                }
                Thread.sleep(seconds * 1000L);
                scheduler.shutdownNow();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            long cpu = cpuTicks(sim.pid()) - cpuBefore;
            long rss = rssKb(sim.pid());
            sessions.forEach(DeviceSession::close);
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double cpuSeconds = cpu / (double) CLOCK_TICKS;
            return String.format(Locale.ROOT, "| %d | %d | %d | %.1f ms | %.1f ms | %.0f %% of one core | %.2f ms | %d MiB |",
                    devices.size(), l.length, failures.get(), pct(l, 0.5) / 1e6, pct(l, 0.99) / 1e6,
                    100 * cpuSeconds / wall, 1000 * cpuSeconds / Math.max(1, l.length), rss / 1024);
        } finally {
            sim.destroy();
            sim.waitFor(20, TimeUnit.SECONDS);
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean safePoll(DeviceSession s) {
        try {
            return !s.poll().readings().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static void awaitRunning(Process sim) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("dcsuite simulator running")) {
                // Keep draining the child's output so it never blocks on a full pipe.
                Thread.ofVirtual().start(() -> {
                    try {
                        r.lines().forEach(x -> { });
                    } catch (java.io.UncheckedIOException e) {
                        // The child was stopped: nothing left to drain.
                    }
                });
                return;
            }
        }
        throw new IllegalStateException("dcsuite simulate exited before it was running");
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    private static void writeConfig(Path dir, int siteCount) throws Exception {
        Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        for (int s = 1; s <= siteCount; s++) {
            StringBuilder y = new StringBuilder();
            y.append("version: dcsuite/v1\nsite:\n  id: s").append(s).append("\n  time_zone: UTC\n  devices:\n");
            y.append("    - { id: s").append(s).append("-meter, kind: meter, endpoint: \"modbus://127.0.0.1:")
                    .append(tcp()).append("?unit=1\", profile: sunspec-meter }\n");
            y.append("  rooms:\n    - id: room\n      devices:\n");
            y.append("        - { id: s").append(s).append("-ups, kind: ups, endpoint: \"snmp://127.0.0.1:").append(udp())
                    .append("\", profile: ups-mib, credentials: { community: bench } }\n");
            for (int c = 1; c <= 2; c++) {
                y.append("        - { id: s").append(s).append("-crac-").append(c)
                        .append(", kind: cooling, endpoint: \"modbus://127.0.0.1:").append(tcp())
                        .append("?unit=1\", profile: generic-crac }\n");
            }
            y.append("      racks:\n");
            for (int r = 1; r <= RACKS; r++) {
                y.append("        - id: r").append(r).append("\n          devices:\n");
                for (String feed : new String[] {"A", "B"}) {
                    y.append("            - { id: s").append(s).append("-r").append(r).append("-pdu-").append(feed.toLowerCase(Locale.ROOT))
                            .append(", kind: pdu, feed: ").append(feed).append(", endpoint: \"snmp://127.0.0.1:").append(udp())
                            .append("\", profile: raritan-pdu2, credentials: { community: bench } }\n");
                }
                for (int n = 1; n <= SERVERS; n++) {
                    y.append("            - { id: s").append(s).append("-r").append(r).append("-srv-").append(n)
                            .append(", kind: server, endpoint: \"redfish://127.0.0.1:").append(tcp())
                            .append("\", credentials: { username: bench, password: bench-pw } }\n");
                }
            }
            Files.writeString(dir.resolve("sites/s" + s + ".yaml"), y.toString());
        }
    }

    private static final java.util.Set<Integer> USED = new java.util.HashSet<>();

    /** A free TCP port not handed out before in this run (the probe socket closes before the simulator binds). */
    private static int tcp() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (USED.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private static int udp() throws IOException {
        while (true) {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                if (USED.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
