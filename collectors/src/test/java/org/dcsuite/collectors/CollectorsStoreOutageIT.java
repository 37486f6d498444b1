package org.dcsuite.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.collectors.schedule.PollScheduler;
import org.dcsuite.collectors.schedule.PollStats;
import org.dcsuite.collectors.spool.DiskSpool;
import org.dcsuite.collectors.testing.CuttableProxy;
import org.dcsuite.collectors.write.BatchWriter;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.storage.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole polling pipeline through a 60 s store outage: a simulated fleet (Modbus, SNMP and Redfish devices)
 * polled every 2 s by the {@link PollScheduler}, written by the {@link BatchWriter} with a {@link DiskSpool} into
 * a real PostgreSQL store reached through a proxy the test cuts for 60 s (connections reset, new ones refused)
 * while polling goes on. Every sample handed to the writer is recorded; afterwards the store must hold exactly
 * those (series, time) pairs, each once.
 */
class CollectorsStoreOutageIT {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration BEFORE = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration AFTER = Duration.ofSeconds(10);
    private static final int PER_PROTOCOL = 24;
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+)(?::(\\d+))?/");

    @TempDir
    Path work;

    @Test
    void aSixtySecondStoreOutageDuringPollingLosesNoSample() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.connectOrSkip()) {
            String directUrl = db.newSchemaUrl();
            Matcher m = HOST_PORT.matcher(directUrl);
            assertThat(m.find()).as("host and port in %s", StoreSettings.redact(directUrl)).isTrue();
            InetSocketAddress postgres = new InetSocketAddress(m.group(1),
                    m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
            DcsuiteConfig config = ConfigLoader.load(writeConfig());
            Clock clock = Clock.systemUTC();

            CountingSink counted;
            Instant cutAt;
            Instant restoredAt;
            Map<String, PollStats> polls = new HashMap<>();
            long spooled;
            long replayed;
            long dropped;
            long written;
            try (CuttableProxy proxy = new CuttableProxy(postgres);
                    Simulator simulator = Simulator.start(config, 11, clock);
                    TelemetryStore store = TelemetryStores.open(StoreSettings.of(proxied(directUrl, m, proxy)));
                    DiskSpool spool = DiskSpool.open(work.resolve("spool"), 512L << 20);
                    BatchWriter writer = BatchWriter.builder(store, spool).build().start()) {
                counted = new CountingSink(writer);
                try (PollScheduler scheduler = PollScheduler.builder(config.locations(), counted).clock(clock)
                        .defaultInterval(INTERVAL).maxBackoff(Duration.ofSeconds(8)).build().start()) {
                    Thread.sleep(BEFORE.toMillis());
                    assertThat(writer.samplesWritten()).as("written before the outage").isPositive();

                    proxy.cut();
                    cutAt = clock.instant();
                    long acceptedAtCut = counted.samples.get();
                    Thread.sleep(OUTAGE.toMillis());
                    assertThat(counted.samples.get()).as("samples accepted during the outage")
                            .isGreaterThan(acceptedAtCut);
                    assertThat(spool.batches()).as("batches waiting in the spool at the end of the outage")
                            .isPositive();
                    proxy.restore();
                    restoredAt = clock.instant();

                    Thread.sleep(AFTER.toMillis());
                    for (DeviceLocation l : config.locations()) {
                        polls.put(l.device().id(), scheduler.stats(l.device().id()).orElseThrow());
                    }
                }
                // Polling has stopped and every poll in flight handed over its samples: flush them all.
                writer.close();
                assertThat(spool.batches()).as("batches left in the spool").isZero();
                spooled = writer.samplesSpooled();
                replayed = writer.samplesReplayed();
                dropped = writer.samplesDropped();
                written = writer.samplesWritten();
            }

            assertThat(spooled).as("samples spooled").isPositive();
            assertThat(replayed).as("samples replayed").isEqualTo(spooled);
            assertThat(dropped).as("samples dropped").isZero();
            assertThat(written).as("samples written").isEqualTo(counted.samples.get());

            List<Pair> stored = storedPairs(directUrl);
            Set<Pair> storedSet = new HashSet<>(stored);
            assertThat(stored).as("samples in the store").hasSize((int) counted.samples.get());
            assertThat(storedSet).as("distinct (series, time) pairs in the store").hasSize(stored.size());
            assertThat(counted.pairs).as("distinct (series, time) pairs accepted").hasSize(stored.size());
            assertThat(difference(counted.pairs, storedSet)).as("accepted but not stored (first 5)").isEmpty();
            assertThat(difference(storedSet, counted.pairs)).as("stored but never accepted (first 5)").isEmpty();

            // Polling went on throughout: every device was read during the outage, and those readings are stored.
            Map<String, Long> readingsDuringOutage = counted.readingsBetween(cutAt, restoredAt);
            for (DeviceLocation l : config.locations()) {
                String id = l.device().id();
                assertThat(polls.get(id).successes()).as("successful polls of %s", id).isPositive();
                assertThat(readingsDuringOutage.getOrDefault(id, 0L)).as("readings of %s during the outage", id)
                        .isPositive();
            }
            long successes = polls.values().stream().mapToLong(PollStats::successes).sum();
            System.out.printf("CollectorsStoreOutageIT: %d devices, %d successful polls, %d samples accepted and "
                    + "stored, %d spooled and replayed, outage %s%n", polls.size(), successes,
                    counted.samples.get(), spooled, OUTAGE);
        }
    }

    private static List<Pair> difference(Set<Pair> a, Set<Pair> b) {
        return a.stream().filter(p -> !b.contains(p)).limit(5).toList();
    }

    /** Every (series, time) pair in the store, one per stored sample. */
    private static List<Pair> storedPairs(String url) throws Exception {
        Map<Long, SeriesKey> series = new HashMap<>();
        List<Pair> pairs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            Map<Long, String> metrics = new HashMap<>();
            Map<Long, Map<String, String>> attributes = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT se.id, se.metric, kv.key, kv.value FROM series se "
                    + "LEFT JOIN LATERAL jsonb_each_text(se.attributes) kv ON true")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    metrics.put(id, rs.getString(2));
                    Map<String, String> a = attributes.computeIfAbsent(id, k -> new TreeMap<>());
                    if (rs.getString(3) != null) {
                        a.put(rs.getString(3), rs.getString(4));
                    }
                }
            }
            metrics.forEach((id, metric) -> series.put(id, SeriesKey.of(metric, attributes.get(id))));
            try (ResultSet rs = st.executeQuery("SELECT series_id, (extract(epoch FROM time) * 1000)::bigint "
                    + "FROM samples")) {
                while (rs.next()) {
                    pairs.add(new Pair(series.get(rs.getLong(1)), rs.getLong(2)));
                }
            }
        }
        return pairs;
    }

    private static String proxied(String directUrl, Matcher m, CuttableProxy proxy) {
        // Timeouts keep a half-open connection from hanging the writer; the proxy resets connections anyway.
        return directUrl.substring(0, m.start()) + "//127.0.0.1:" + proxy.port() + "/"
                + directUrl.substring(m.end()) + "&connectTimeout=3&socketTimeout=10";
    }

    private record Pair(SeriesKey series, long millis) {
    }

    /** Hands everything to the writer, recording each sample's (series, time) and every reading's device. */
    private static final class CountingSink implements SampleSink {

        private final SampleSink delegate;
        final AtomicLong samples = new AtomicLong();
        final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
        private final List<Sample> readings = new ArrayList<>();

        CountingSink(SampleSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void describe(MetricDescriptor metric) {
            delegate.describe(metric);
        }

        @Override
        public void submit(List<Sample> batch) {
            for (Sample s : batch) {
                pairs.add(new Pair(s.series(), s.timeMillis()));
                if (!s.series().metric().startsWith("dcsuite.")) {
                    synchronized (readings) {
                        readings.add(s);
                    }
                }
            }
            samples.addAndGet(batch.size());
            delegate.submit(batch);
        }

        Map<String, Long> readingsBetween(Instant from, Instant to) {
            Map<String, Long> perDevice = new HashMap<>();
            synchronized (readings) {
                for (Sample s : readings) {
                    if (!s.time().isBefore(from) && s.time().isBefore(to)) {
                        perDevice.merge(s.series().label("device"), 1L, Long::sum);
                    }
                }
            }
            return perDevice;
        }
    }

    /** One site: cooling units on Modbus, PDUs on SNMP and servers on Redfish, each on its own loopback port. */
    private Path writeConfig() throws Exception {
        Path dir = Files.createDirectories(work.resolve("config/sites"));
        Files.writeString(dir.getParent().resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        StringBuilder y = new StringBuilder("""
                version: dcsuite/v1
                site:
                  id: site1
                  time_zone: UTC
                  rooms:
                    - id: room-1
                      devices:
                """);
        for (int i = 1; i <= PER_PROTOCOL; i++) {
            y.append("        - { id: crac-%02d, kind: cooling, endpoint: \"modbus://127.0.0.1:%d?unit=1\", "
                    .formatted(i, tcpPort())).append("profile: generic-crac, timeout: 1500ms, retries: 0 }\n");
        }
        y.append("      racks:\n");
        int racks = PER_PROTOCOL / 4;
        for (int r = 1; r <= racks; r++) {
            y.append("        - id: r%02d\n          devices:\n".formatted(r));
            for (int n = 1; n <= 4; n++) {
                y.append(("            - { id: r%02d-pdu-%d, kind: pdu, endpoint: \"snmp://127.0.0.1:%d\", "
                        + "profile: raritan-pdu2, credentials: { community: it }, timeout: 1500ms, retries: 0 }\n")
                        .formatted(r, n, udpPort()));
                y.append(("            - { id: r%02d-srv-%d, kind: server, endpoint: \"redfish://127.0.0.1:%d\", "
                        + "credentials: { username: it, password: it-pw }, timeout: 1500ms, retries: 0 }\n")
                        .formatted(r, n, tcpPort()));
            }
        }
        Files.writeString(dir.resolve("site1.yaml"), y.toString());
        return dir.getParent();
    }

    private static final Set<Integer> USED = ConcurrentHashMap.newKeySet();

    private static int tcpPort() throws Exception {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (USED.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private static int udpPort() throws Exception {
        while (true) {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                if (USED.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
