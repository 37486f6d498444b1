package org.dcsuite.benchmarks.collectors;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dcsuite.collectors.normalize.NormalizedPoll;
import org.dcsuite.collectors.normalize.Normalizer;
import org.dcsuite.collectors.schedule.PollScheduler;
import org.dcsuite.collectors.spool.DiskSpool;
import org.dcsuite.collectors.write.BatchWriter;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;

/**
 * The collectors' polling pipeline on this machine, in two parts.
 *
 * <p><b>Capacity.</b> For growing fleets (sites of 76 devices, see {@link FleetConfig}) served by a simulator in
 * a child JVM ({@link FleetSimulatorMain}), this JVM polls every device at 10 s through the {@link PollScheduler},
 * the drivers and the {@link BatchWriter} into a DuckDB store; after a warm-up (first polls, Redfish logins, JIT)
 * it measures poll lateness (actual start minus scheduled slot, from the scheduler's own
 * {@code dcsuite.collector.poll.lateness} timer), failed polls and overruns, this process's CPU, heap after GC per
 * device and samples/s reaching the store. Steps stop once p99 lateness passes 1 s, polls fail, or the time
 * budget is spent. The simulator shares the machine's cores, so its CPU is printed beside.
 *
 * <p><b>Pipeline cost.</b> Real poll results of one site, recorded once, replicated over device copies and
 * rounds (times shifted by the interval), go through {@link Normalizer} then {@link BatchWriter} into a fresh
 * DuckDB store, beside the raw baseline measured in the same run: {@link TelemetryStore#append} of the same
 * samples, already normalised, in batches of the writer's size. Rounds alternate.
 *
 * <p>Usage: {@code java -jar benchmarks/target/dcsuite-benchmarks.jar collectors [--sites 7,13,26,40,66]
 * [--warmup S] [--measure S] [--budget S] [--pipeline-samples N] [--no-capacity] [--no-pipeline]}.
 */
public final class CollectorsBenchmark {

    private static final Duration INTERVAL = PollScheduler.DEFAULT_INTERVAL;
    private static final Duration LATENESS_BOUND = Duration.ofSeconds(1);
    private static final String LATENESS = "dcsuite.collector.poll.lateness";
    private static final int ROUNDS = 4;

    private final Path jar;
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private CollectorsBenchmark(Path jar) {
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sites = List.of(7, 13, 26, 40, 53, 66);
        int warmup = 15;
        int measure = 30;
        int budget = 240;
        long pipelineSamples = 1_000_000;
        boolean capacity = true;
        boolean pipeline = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sites" -> sites = Stream.of(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--budget" -> budget = Integer.parseInt(args[++i]);
                case "--pipeline-samples" -> pipelineSamples = Long.parseLong(args[++i]);
                case "--no-capacity" -> capacity = false;
                case "--no-pipeline" -> pipeline = false;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        Path jar = Path.of(CollectorsBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CollectorsBenchmark b = new CollectorsBenchmark(jar);
        System.out.printf(Locale.ROOT, "collectors benchmark: %d cores, max heap %d MiB, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        if (capacity) {
            b.capacity(sites, warmup, measure, budget);
        }
        if (pipeline) {
            b.pipelineCost(pipelineSamples);
        }
    }

    // ---- capacity

    private void capacity(List<Integer> sites, int warmup, int measure, int budget) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "Capacity at a %d s interval: warm-up %d s, measured %d s per step%n%n",
                INTERVAL.toSeconds(), warmup, measure);
        System.out.println("| devices | points/device | polls | failed | overruns | lateness p50 | lateness p99 "
                + "| lateness max | collector CPU | CPU per poll | heap/device | samples/s to store "
                + "| simulator CPU |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(budget);
        for (int n : sites) {
            if (System.nanoTime() > deadline) {
                System.out.println("(time budget of " + budget + " s spent; larger fleets not run)");
                break;
            }
            Step step = capacityStep(n, warmup, measure);
            System.out.println(step.row());
            if (step.p99Millis() > LATENESS_BOUND.toMillis() || step.failed() > 0) {
                System.out.println("(stopped: p99 lateness over " + LATENESS_BOUND.toMillis()
                        + " ms or failed polls)");
                break;
            }
        }
    }

    private record Step(int devices, double pointsPerDevice, long polls, long failed, long overruns, double p50Millis,
            double p99Millis, double maxMillis, double cores, double cpuPerPollMillis, double heapPerDeviceKib,
            double samplesPerSecond, double simulatorCores) {

        String row() {
            return String.format(Locale.ROOT, "| %,d | %.0f | %,d | %d | %d | %.0f ms | %.0f ms | %.0f ms "
                    + "| %.2f cores | %.2f ms | %.1f KiB | %,.0f | %.2f cores |", devices, pointsPerDevice, polls,
                    failed, overruns, p50Millis, p99Millis, maxMillis, cores, cpuPerPollMillis,
                    heapPerDeviceKib, samplesPerSecond, simulatorCores);
        }
    }

    private Step capacityStep(int sites, int warmup, int measure) throws Exception {
        for (int attempt = 1;; attempt++) {
            Path dir = Files.createTempDirectory("dcsuite-collbench");
            try {
                new FleetConfig().write(dir.resolve("config"), sites);
                DcsuiteConfig config = ConfigLoader.load(dir.resolve("config"));
                return capacityStep(dir, config, SimulatorProcess.start(jar, dir.resolve("config"),
                        config.locations().size()), warmup, measure);
            } catch (PortTakenException e) {
                // A port probed free was taken (by another process) before the simulator bound it: new ports.
                if (attempt == 3) {
                    throw e;
                }
            } finally {
                deleteTree(dir);
            }
        }
    }

    private Step capacityStep(Path dir, DcsuiteConfig config, SimulatorProcess simulator, int warmup, int measure)
            throws Exception {
        int devices = config.locations().size();
        CompositeMeterRegistry meters = new CompositeMeterRegistry();
        SimpleMeterRegistry window = windowRegistry();
        try (SimulatorProcess sim = simulator;
                TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir + "/c.duckdb"));
                DiskSpool spool = DiskSpool.open(dir.resolve("spool"), 1L << 30);
                BatchWriter writer = BatchWriter.builder(store, spool).meterRegistry(meters).build().start()) {
            long heapBefore = heapAfterGc();
            ReadingCounter counter = new ReadingCounter(writer);
            try (PollScheduler scheduler = PollScheduler.builder(config.locations(), counter).meterRegistry(meters)
                    .build().start()) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                // The window's registry joins after the warm-up, so its meters count the measured window only.
                meters.add(window);
                counter.reset();
                long written0 = writer.samplesWritten();
                long simCpu0 = sim.cpuNanos();
                long cpu0 = os.getProcessCpuTime();
                long start = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(measure));
                long wall = System.nanoTime() - start;
                long cpu = os.getProcessCpuTime() - cpu0;
                long simCpu = sim.cpuNanos() - simCpu0;
                long written = writer.samplesWritten() - written0;
                HistogramSnapshot late = window.get(LATENESS).timer().takeSnapshot();
                long successes = count(window, "success");
                long failures = count(window, "failure");
                long overruns = count(window, "overrun");
                long readings = counter.readings.get();
                // Last, since collecting the garbage takes a while and polling goes on meanwhile.
                double heapPerDevice = (heapAfterGc() - heapBefore) / 1024.0 / devices;
                return new Step(devices, successes == 0 ? 0 : (double) readings / successes,
                        successes + failures, failures, overruns, percentile(late, 0.5),
                        percentile(late, 0.99), late.max(TimeUnit.MILLISECONDS), cpu / (double) wall,
                        cpu / 1e6 / Math.max(1, successes + failures), heapPerDevice,
                        written / (wall / 1e9), simCpu / (double) wall);
            }
        }
    }

    /** Percentiles of the lateness timer over the measured window only (the registry joins after warm-up). */
    private static SimpleMeterRegistry windowRegistry() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        r.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(LATENESS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).percentilePrecision(2)
                        .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config);
            }
        });
        return r;
    }

    private static long count(SimpleMeterRegistry r, String outcome) {
        return (long) r.get("dcsuite.collector.polls").tag("outcome", outcome).counter().count();
    }

    private static double percentile(HistogramSnapshot s, double p) {
        for (ValueAtPercentile v : s.percentileValues()) {
            if (v.percentile() == p) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Counts reading samples (health series left out) on their way to the writer. */
    private static final class ReadingCounter implements SampleSink {
        private final SampleSink delegate;
        final AtomicLong readings = new AtomicLong();

        ReadingCounter(SampleSink delegate) {
            this.delegate = delegate;
        }

        void reset() {
            readings.set(0);
        }

        @Override
        public void describe(MetricDescriptor metric) {
            delegate.describe(metric);
        }

        @Override
        public void submit(List<Sample> samples) {
            long n = 0;
            for (Sample s : samples) {
                if (!s.series().metric().startsWith("dcsuite.")) {
                    n++;
                }
            }
            readings.addAndGet(n);
            delegate.submit(samples);
        }
    }

    // ---- pipeline cost

    private void pipelineCost(long targetSamples) throws Exception {
        Path dir = Files.createTempDirectory("dcsuite-collbench-pipe");
        try {
            new FleetConfig().write(dir.resolve("config"), 1);
            DcsuiteConfig config = ConfigLoader.load(dir.resolve("config"));
            Map<DeviceLocation, PollResult> recorded = record(config, dir.resolve("config"));
            long perRound = recorded.values().stream().mapToLong(r -> r.readings().size()).sum();
            // Many rounds over few series, as a fleet polled for hours: series creation is not what is measured.
            int copies = (int) Math.max(1, Math.min(50, targetSamples / perRound / 100));
            int rounds = (int) Math.max(1, targetSamples / (perRound * copies));
            List<Normalizer> normalizers = new ArrayList<>();
            List<PollResult> results = new ArrayList<>();
            for (int c = 0; c < copies; c++) {
                for (var e : recorded.entrySet()) {
                    normalizers.add(new Normalizer(copy(e.getKey(), c)));
                    results.add(e.getValue());
                }
            }
            List<List<PollResult>> workload = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Duration shift = INTERVAL.multipliedBy(r);
                workload.add(results.stream().map(p -> shifted(p, shift)).toList());
            }
            long samples = (long) rounds * copies * perRound;
            // The raw side gets exactly what the pipeline would produce, normalised before its clock starts.
            List<Sample> normalised = new ArrayList<>((int) samples);
            Map<String, MetricDescriptor> descriptors = new LinkedHashMap<>();
            for (List<PollResult> round : workload) {
                for (int i = 0; i < round.size(); i++) {
                    NormalizedPoll p = normalizers.get(i).normalize(round.get(i));
                    normalised.addAll(p.samples());
                    p.descriptors().forEach(d -> descriptors.putIfAbsent(d.name(), d));
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "Pipeline cost: %,d samples (%d devices x %d copies x %d rounds, %.0f "
                    + "points/device) into DuckDB%n%n", normalised.size(), recorded.size(), copies, rounds,
                    perRound / (double) recorded.size());
            System.out.println("| round | raw TelemetryStore.append | Normalizer -> BatchWriter -> store "
                    + "| pipeline / raw | CPU per sample, raw | CPU per sample, pipeline | CPU pipeline / raw |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
            for (int round = 1; round <= ROUNDS + 1; round++) {
                boolean rawFirst = round % 2 == 1;
                Rate raw = null;
                Rate pipe = null;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == rawFirst) {
                        raw = raw(dir.resolve("raw-" + round + ".duckdb"), normalised, descriptors.values());
                    } else {
                        pipe = pipeline(dir, round, normalizers, workload, normalised.size());
                    }
                }
                // Round 1 warms the JIT on both sides and is left out.
                if (round > 1) {
                    System.out.printf(Locale.ROOT, "| %d (%s first) | %,.0f samples/s | %,.0f samples/s | %.2f x "
                            + "| %.2f us | %.2f us | %.2f x |%n", round - 1, rawFirst ? "raw" : "pipeline",
                            raw.perSecond(), pipe.perSecond(), pipe.perSecond() / raw.perSecond(),
                            raw.cpuMicrosPerSample(), pipe.cpuMicrosPerSample(),
                            pipe.cpuMicrosPerSample() / raw.cpuMicrosPerSample());
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Throughput and this process's CPU (all threads, DuckDB's included) per sample. */
    private record Rate(double perSecond, double cpuMicrosPerSample) {
    }

    private Rate rate(long samples, long startNanos, long startCpu) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new Rate(samples / seconds, (os.getProcessCpuTime() - startCpu) / 1e3 / samples);
    }

    private Rate raw(Path file, List<Sample> samples, Iterable<MetricDescriptor> descriptors) {
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + file))) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            descriptors.forEach(store::describe);
            for (int i = 0; i < samples.size(); i += BatchWriter.DEFAULT_MAX_BATCH_SAMPLES) {
                store.append(samples.subList(i, Math.min(samples.size(), i + BatchWriter.DEFAULT_MAX_BATCH_SAMPLES)));
            }
            return rate(samples.size(), start, cpu);
        }
    }

    private Rate pipeline(Path dir, int round, List<Normalizer> normalizers, List<List<PollResult>> workload,
            long expected) throws InterruptedException {
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir + "/pipe-" + round
                + ".duckdb")); DiskSpool spool = DiskSpool.open(dir.resolve("spool-" + round), 1L << 30)) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            BatchWriter writer = BatchWriter.builder(store, spool).build().start();
            for (List<PollResult> polls : workload) {
                for (int i = 0; i < polls.size(); i++) {
                    NormalizedPoll p = normalizers.get(i).normalize(polls.get(i));
                    p.descriptors().forEach(writer::describe);
                    writer.submit(p.samples());
                }
                // Polls arrive at the pace the store takes them; a producer far ahead would only fill the queue.
                while (writer.queueDepth() > 2 * BatchWriter.DEFAULT_MAX_BATCH_SAMPLES) {
                    Thread.sleep(1);
                }
            }
            writer.close();
            Rate rate = rate(expected, start, cpu);
            if (writer.samplesWritten() != expected || writer.samplesDropped() != 0) {
                throw new IllegalStateException("pipeline wrote " + writer.samplesWritten() + " of " + expected
                        + " samples, dropped " + writer.samplesDropped());
            }
            return rate;
        }
    }

    /** Polls every device of the configuration once through the real drivers, after one warm-up poll. */
    private Map<DeviceLocation, PollResult> record(DcsuiteConfig config, Path configDir) throws Exception {
        Map<DeviceLocation, PollResult> recorded = new LinkedHashMap<>();
        try (SimulatorProcess sim = SimulatorProcess.start(jar, configDir, config.locations().size())) {
            for (DeviceLocation l : config.locations()) {
                Device d = l.device();
                try (DeviceSession s = DeviceDrivers.forProtocol(d.endpoint().protocol())
                        .open(DeviceTarget.of(d, Clock.systemUTC()))) {
                    s.poll();
                    recorded.put(l, s.poll());
                }
            }
        }
        return recorded;
    }

    private static DeviceLocation copy(DeviceLocation l, int c) {
        Device d = l.device();
        Device copy = new Device(d.id() + "-c" + c, d.name(), d.kind(), d.endpoint(), d.profile(), d.pollInterval(),
                d.credentials(), d.feed(), d.rating(), d.attributes(), d.components(), d.driver());
        return new DeviceLocation(l.site(), l.room(), l.rack(), copy);
    }

    private static PollResult shifted(PollResult p, Duration shift) {
        List<Reading> readings = p.readings().stream().map(r -> new Reading(r.metric(), r.unit(), r.kind(),
                r.value(), r.attributes(), r.time().plus(shift))).toList();
        return new PollResult(p.deviceId(), readings, p.errors());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The simulator could not bind a port of its configuration. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String output) {
            super("fleet simulator could not bind a port:\n" + output);
        }
    }

    /** {@link FleetSimulatorMain} as a child process, stopped by closing its standard input. */
    private static final class SimulatorProcess implements AutoCloseable {
        private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

        private final Process process;

        private SimulatorProcess(Process process) {
            this.process = process;
        }

        static SimulatorProcess start(Path jar, Path config, int devices) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            long heapMib = Math.max(1024, 512 + devices);
            Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx" + heapMib + "m",
                    "-cp", jar.toString(), FleetSimulatorMain.class.getName(), config.toString())
                    .redirectErrorStream(true).start();
            SimulatorProcess sim = new SimulatorProcess(p);
            try {
                sim.awaitReady();
            } catch (IOException | RuntimeException e) {
                sim.close();
                throw e;
            }
            return sim;
        }

        private void awaitReady() throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> last = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(FleetSimulatorMain.READY)) {
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
                last.add(line);
                if (last.size() > 20) {
                    last.removeFirst();
                }
            }
            String output = String.join("\n", last);
            if (output.contains("Address already in use")) {
                throw new PortTakenException(output);
            }
            throw new IllegalStateException("fleet simulator exited before it was running:\n" + output);
        }

        /** utime + stime of the child, from /proc. */
        long cpuNanos() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // Already gone.
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
