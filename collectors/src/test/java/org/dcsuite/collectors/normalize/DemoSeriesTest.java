package org.dcsuite.collectors.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dcsuite.collectors.otlp.OtlpHttpReceiver;
import org.dcsuite.collectors.write.SampleSink;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.simulator.DemoConfiguration;
import org.dcsuite.simulator.Simulator;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.traffic.TrafficGenerator;
import org.dcsuite.simulator.traffic.TrafficPlanReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo as the engines will see it: the whole simulated fleet polled once through the real drivers and
 * normalised into series, and a minute of its simulated applications' traffic through the OTLP receiver, against
 * every selector of the demo's {@code energy/*.yaml} and {@code slos/*.yaml} files, and the water, heat and PV
 * meters' readings against the physics they model.
 */
class DemoSeriesTest {

    /**
     * 05:00 UTC on a November day: 06:00 in Lyon and Oslo, before sunrise, and 23:00 the evening before in Dallas.
     */
    private static final Instant NIGHT = Instant.parse("2026-11-24T05:00:00Z");
    /** Three hours later it is 09:00 in Lyon, daylight, and 02:00 in Dallas, still night. */
    private static final Duration LATER = Duration.ofHours(3);
    private static final Set<Unit> ENERGY_UNITS = Set.of(Unit.WATT, Unit.JOULE, new Unit("Wh"), Unit.KILOWATT_HOUR);
    /** The documented make-up water per kWh of IT energy, in the site files' comments. */
    private static final Map<String, Double> LITRES_PER_KWH = Map.of("edge-lyon", 0.2, "edge-oslo", 0.2,
            "edge-dallas", 1.8);
    /** The share of rejected heat the Oslo heat meter is documented to count. */
    private static final double RECOVERED_SHARE = 0.6;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Where the native SLO form names series: ratio inputs, threshold gauges and latency histograms. */
    private static final Set<String> SLO_QUERY_KEYS = Set.of("good", "bad", "total", "query", "histogram");

    @TempDir
    Path work;

    private final MutableClock clock = new MutableClock(NIGHT);
    private DcsuiteConfig config;
    private Simulator simulator;

    /** One series as the collectors write it, with the unit and kind its driver gave. */
    private record Series(Sample sample, MetricDescriptor descriptor) {
        String label(String name) {
            return sample.series().label(name);
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path demo = DemoConfiguration.writeTo(work.resolve("demo"));
        // The demo listens on fixed ports, which a demo run elsewhere on the machine may hold.
        DemoConfiguration.moveToFreePorts(demo);
        config = ConfigLoader.load(demo);
        simulator = Simulator.start(config, 7, clock);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void everyEnergySelectorMatchesSeriesOfAnEnergyOrWaterUnit() throws Exception {
        List<Series> series = pollAll();
        List<Path> files;
        try (Stream<Path> list = Files.list(work.resolve("demo/energy"))) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(config.sites().size());

        int selectors = 0;
        for (Path file : files) {
            JsonNode energy = YAML.readTree(file.toFile()).path("energy");
            String site = energy.path("site").asText();
            for (Map.Entry<String, JsonNode> section : energy.properties()) {
                for (String selector : selectors(section.getValue())) {
                    selectors++;
                    List<Series> matched = series.stream()
                            .filter(s -> SeriesSelector.parse(selector).matches(s.sample().series())).toList();
                    String what = file.getFileName() + " " + section.getKey() + " " + selector;
                    assertThat(matched).as(what).isNotEmpty()
                            .allSatisfy(s -> assertThat(s.label("site")).as(what).isEqualTo(site));
                    for (Series s : matched) {
                        Unit unit = s.descriptor().unit();
                        if (section.getKey().equals("water")) {
                            assertThat(unit).as(what).isEqualTo(Unit.LITER);
                        } else {
                            assertThat(unit).as(what).isIn(ENERGY_UNITS);
                        }
                        // Power is integrated, energy and volume counters are read as increases.
                        assertThat(s.descriptor().kind()).as(what)
                                .isEqualTo(unit.equals(Unit.WATT) ? MetricKind.GAUGE : MetricKind.COUNTER);
                    }
                }
            }
        }
        assertThat(selectors).isGreaterThanOrEqualTo(3 * 6);
    }

    @Test
    void everyDemoSloQueryMatchesSeriesOfItsSite() throws Exception {
        List<Series> series = new ArrayList<>(pollAll());
        series.addAll(playDemoTraffic());
        Set<String> sites = config.sites().stream().map(Site::id).collect(Collectors.toSet());
        List<Path> files;
        try (Stream<Path> list = Files.list(work.resolve("demo/slos"))) {
            files = list.sorted().toList();
        }
        int checked = 0;
        for (Path file : files) {
            for (JsonNode slo : YAML.readTree(file.toFile()).path("slos")) {
                String name = slo.path("name").asText();
                // Facility SLOs are named by their site as service; application SLOs start with their site's id.
                String service = slo.path("service").asText();
                String site = sites.contains(service) ? service
                        : sites.stream().filter(s -> name.startsWith(s + "-")).findFirst().orElseThrow(
                                () -> new AssertionError(file.getFileName() + " " + name + " names no site"));
                for (String selector : values(slo.path("sli"), SLO_QUERY_KEYS)) {
                    // The health series come from the scheduler, not from a poll's readings: nothing to match here.
                    if (selector.startsWith(DeviceHealthMetrics.UP.name())) {
                        continue;
                    }
                    checked++;
                    List<Series> matched = series.stream()
                            .filter(s -> SeriesSelector.parse(selector).matches(s.sample().series())).toList();
                    assertThat(matched).as(file.getFileName() + " " + name + " " + selector).isNotEmpty()
                            .allSatisfy(s -> assertThat(s.label("site")).isEqualTo(site));
                }
            }
        }
        // Three inlet thresholds; per site, an availability ratio (bad and total) and a latency histogram.
        assertThat(checked).isEqualTo(3 + 3 * 3);
    }

    @Test
    void waterHeatAndPvReadingsFollowTheModel() throws Exception {
        List<Series> night = pollAll();
        clock.advance(LATER);
        List<Series> day = pollAll();

        // PV: dark at 06:00 in Lyon and 23:00 in Dallas; producing at 09:00 in Lyon, still dark at 02:00 in Dallas.
        assertThat(value(night, "hw.power", "lyon-pv")).isZero();
        assertThat(value(night, "hw.power", "dallas-pv")).isZero();
        assertThat(value(day, "hw.power", "lyon-pv")).isPositive();
        assertThat(value(day, "hw.power", "dallas-pv")).isZero();

        // The incomer and the PV meter together supply what the UPS, the cooling and the building draw.
        SimulatedFleet fleet = simulator.fleet();
        double consumedW = value(day, "hw.power", "lyon-ups", "hw.id", "input")
                + value(day, "hw.power", "lyon-crac-1", "hw.id", "cooling")
                + value(day, "hw.power", "lyon-crac-2", "hw.id", "cooling") + fleet.otherPowerW("edge-lyon");
        assertThat(value(day, "hw.power", "lyon-meter") + value(day, "hw.power", "lyon-pv"))
                .isCloseTo(consumedW, within(0.005 * consumedW));

        // Water: the documented litres per kWh of the IT energy the PDUs' inlets counted meanwhile.
        for (Map.Entry<String, Double> site : LITRES_PER_KWH.entrySet()) {
            String prefix = site.getKey().substring("edge-".length());
            double itKwh = (pduInletEnergyJ(day, site.getKey()) - pduInletEnergyJ(night, site.getKey())) / 3.6e6;
            double litres = value(day, "facility.water", prefix + "-water")
                    - value(night, "facility.water", prefix + "-water");
            // The totaliser counts whole decilitres: one may be still uncounted at either end.
            assertThat(litres).as(site.getKey()).isCloseTo(site.getValue() * itKwh,
                    within(0.1 + 0.005 * site.getValue() * itKwh));
        }

        // Heat: the documented share of what Oslo's cooling units reject, in whole watts.
        double rejectedW = 0;
        for (String crac : List.of("oslo-crac-1", "oslo-crac-2")) {
            CoolingState c = fleet.cooling(crac);
            rejectedW += c.heatRemovedW() + c.coolingPowerW();
        }
        assertThat(value(day, "facility.heat.power", "oslo-heat")).isCloseTo(RECOVERED_SHARE * rejectedW, within(0.5));
        assertThat(value(day, "facility.heat.energy", "oslo-heat"))
                .isGreaterThan(value(night, "facility.heat.energy", "oslo-heat"));
    }

    /** Every device of the demo polled once at the clock's instant and normalised as the collectors do. */
    private List<Series> pollAll() {
        List<Series> out = new ArrayList<>();
        for (DeviceLocation l : config.locations()) {
            DeviceTarget target = DeviceTarget.of(l.device(), clock);
            try (DeviceSession session = DeviceDrivers.forProtocol(l.device().endpoint().protocol()).open(target)) {
                NormalizedPoll poll = new Normalizer(l).normalize(session.poll());
                assertThat(poll.rejections()).as(l.device().id()).isEmpty();
                for (Sample s : poll.samples()) {
                    MetricDescriptor d = poll.descriptors().stream()
                            .filter(x -> x.name().equals(s.series().metric())).findFirst().orElseThrow();
                    out.add(new Series(s, d));
                }
            }
        }
        return out;
    }

    /**
     * A minute of the demo's simulated applications (traffic.yaml) exported over OTLP/HTTP to a real receiver on a
     * loopback port, as {@code dcsuite run} does, and the SLI series the receiver derived from them.
     */
    private List<Series> playDemoTraffic() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<Series> out = new CopyOnWriteArrayList<>();
            Map<String, MetricDescriptor> described = new ConcurrentHashMap<>();
            SampleSink sink = new SampleSink() {
                @Override
                public void describe(MetricDescriptor metric) {
                    described.put(metric.name(), metric);
                }

                @Override
                public void submit(List<Sample> samples) {
                    samples.forEach(s -> out.add(new Series(s, described.get(s.series().metric()))));
                }
            };
            OtlpHttpReceiver receiver = OtlpHttpReceiver.builder(vertx, new OtlpReceiverConfig(true, 0, List.of()),
                    sink).bindAddress("127.0.0.1").clock(clock).flushInterval(Duration.ofHours(1)).start()
                    .await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<String, ZoneId> zones = config.sites().stream().collect(Collectors.toMap(Site::id, Site::timeZone));
            try (TrafficGenerator traffic = TrafficGenerator.exportingTo(
                    URI.create("http://127.0.0.1:" + receiver.port() + OtlpHttpReceiver.TRACES_PATH),
                    TrafficPlanReader.load(work.resolve("demo"), zones.keySet()), zones, 7, clock.instant())) {
                traffic.playUntil(clock.instant().plus(Duration.ofMinutes(1)));
                assertThat(traffic.flush(TIMEOUT)).as("demo traffic exported to the receiver").isTrue();
            }
            // Past the receiver's breakdown delay, so the segment series are there too.
            clock.advance(OtlpHttpReceiver.DEFAULT_FLUSH_INTERVAL);
            receiver.close().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return out;
        } finally {
            vertx.close().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The values of {@code series:} keys anywhere under a node. */
    private static List<String> selectors(JsonNode node) {
        return values(node, Set.of("series"));
    }

    /** The values of the given keys anywhere under a node. */
    private static List<String> values(JsonNode node, Set<String> keys) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (keys.contains(e.getKey()) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    out.addAll(values(e.getValue(), keys));
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(values(n, keys)));
        }
        return out;
    }

    /** The device's one series of the metric without a phase, optionally with one more label. */
    private static double value(List<Series> series, String metric, String device, String... label) {
        List<Series> matched = series.stream()
                .filter(s -> s.sample().series().metric().equals(metric) && device.equals(s.label("device"))
                        && s.label("phase").isEmpty() && (label.length == 0 || label[1].equals(s.label(label[0]))))
                .toList();
        assertThat(matched).as("%s of %s %s", metric, device, List.of(label)).hasSize(1);
        return matched.get(0).sample().value();
    }

    private static double pduInletEnergyJ(List<Series> series, String site) {
        return series.stream()
                .filter(s -> s.sample().series().metric().equals("hw.energy") && site.equals(s.label("site"))
                        && "inlet-1".equals(s.label("hw.id")))
                .mapToDouble(s -> s.sample().value()).sum();
    }
}
