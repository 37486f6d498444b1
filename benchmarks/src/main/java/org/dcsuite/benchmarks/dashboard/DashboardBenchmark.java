package org.dcsuite.benchmarks.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.dashboard.data.DeviceHealthService;
import org.dcsuite.dashboard.data.FleetService;
import org.dcsuite.dashboard.data.SiteService;
import org.dcsuite.dashboard.data.SiteSummary;

/**
 * How long the server takes to build the Fleet view's data (and the Devices view's rows) for a large synthetic
 * fleet in a real DuckDB store: {@code dashboard [SITES [RACKS_PER_SITE [SERVERS_PER_RACK [RUNS]]]]}, default 50
 * sites x 20 racks x 16 servers, 30 timed runs after 3 warm-up runs. Every PDU writes its inlet total, three phases
 * and 24 outlets, every server five power and two temperature series, every device the collectors' health series,
 * so the queries have to skip what a real fleet makes them skip; three polls 10 s apart (the collectors' default
 * interval) lie inside the views' look-back. Target: p95 below 300 ms for the Fleet and Site views.
 */
public final class DashboardBenchmark {

    private static final int WARM_UP = 3;
    private static final int OUTLETS = 24;
    private static final String[] ERROR_KINDS = {"timeout", "refused", "auth", "protocol", "decode", "config",
        "unsupported"};

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sites = arg(args, 0, 50);
        int racks = arg(args, 1, 20);
        int servers = arg(args, 2, 16);
        int runs = arg(args, 3, 30);
        Path dir = Files.createTempDirectory("dcsuite-dashboard-bench");
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        Clock clock = Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC);
        List<Site> fleet = fleet(sites, racks, servers);
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("bench.duckdb")))) {
            long written = 0;
            long t0 = System.nanoTime();
            for (Instant t : List.of(now.minusSeconds(20), now.minusSeconds(10), now)) {
                for (Site site : fleet) {
                    List<Sample> batch = samples(site, t);
                    store.append(batch);
                    written += batch.size();
                }
            }
            System.out.printf(Locale.ROOT, "fleet: %d sites x %d racks x (2 PDUs + %d servers) = %d devices; "
                    + "%d samples written in %.1f s%n", sites, racks, servers,
                    fleet.stream().mapToLong(s -> s.locations().size()).sum(), written,
                    (System.nanoTime() - t0) / 1e9);
            FleetService fleetService = new FleetService(fleet, store, clock);
            List<SiteSummary> check = fleetService.summaries();
            System.out.printf(Locale.ROOT, "first site: IT %.1f kW from %d inlets, facility %.1f kW, worst inlet "
                    + "%.1f °C, %d up / %d down%n", check.get(0).itKw().orElse(Double.NaN), check.get(0).itSources(),
                    check.get(0).facilityKw().orElse(Double.NaN), check.get(0).worstInletC().orElse(Double.NaN),
                    check.get(0).devicesUp(), check.get(0).devicesDown());
            report("fleet view data", runs, fleetService::build);
            SiteService siteService = new SiteService(fleet, store, clock);
            report("site view data (every site's racks)", runs, siteService::build);
            report("devices view rows", runs, new DeviceHealthService(fleet, store, clock)::build);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String what, int runs, Supplier<?> build) {
        for (int i = 0; i < WARM_UP; i++) {
            build.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            build.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d runs%n", what,
                percentile(ms, 0.50), percentile(ms, 0.95), ms[ms.length - 1], runs);
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static List<Site> fleet(int sites, int racks, int servers) {
        List<Site> out = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            String site = String.format(Locale.ROOT, "site-%02d", s);
            List<Rack> rackList = new ArrayList<>();
            for (int r = 0; r < racks; r++) {
                String rack = String.format(Locale.ROOT, "r%02d", r);
                List<Device> devices = new ArrayList<>();
                devices.add(device(site + "-" + rack + "-pdu-a", DeviceKind.PDU, "snmp://127.0.0.1:161"));
                devices.add(device(site + "-" + rack + "-pdu-b", DeviceKind.PDU, "snmp://127.0.0.1:161"));
                for (int v = 0; v < servers; v++) {
                    devices.add(device(String.format(Locale.ROOT, "%s-%s-srv-%02d", site, rack, v), DeviceKind.SERVER,
                            "redfish://127.0.0.1:8000"));
                }
                rackList.add(new Rack(rack, rack, OptionalDouble.empty(), devices));
            }
            Room room = new Room("room-1", "Hall", rackList,
                    List.of(device(site + "-ups", DeviceKind.UPS, "snmp://127.0.0.1:161"),
                            device(site + "-crac-1", DeviceKind.COOLING, "modbus://127.0.0.1:502")));
            out.add(new Site(site, site, ZoneId.of("UTC"), Optional.empty(), Optional.empty(),
                    TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(room),
                    List.of(device(site + "-meter", DeviceKind.METER, "modbus://127.0.0.1:502"))));
        }
        return out;
    }

    private static List<Sample> samples(Site site, Instant t) {
        long ms = t.toEpochMilli();
        List<Sample> out = new ArrayList<>();
        site.locations().forEach(l -> {
            String d = l.device().id();
            String rack = l.rack().map(Rack::id).orElse("");
            switch (l.device().kind()) {
                case PDU -> {
                    out.add(sample("hw.power", site.id(), rack, d, ms, 2400, "hw.id", "inlet-1"));
                    for (int p = 1; p <= 3; p++) {
                        out.add(sample("hw.power", site.id(), rack, d, ms, 800, "hw.id", "inlet-1-phase-" + p,
                                "phase", Integer.toString(p)));
                    }
                    for (int o = 1; o <= OUTLETS; o++) {
                        out.add(sample("hw.power", site.id(), rack, d, ms, 100, "hw.id", "outlet-" + o,
                                "outlet", Integer.toString(o)));
                    }
                }
                case SERVER -> {
                    for (String id : List.of("TotalPower", "psu-1InputPower", "psu-1OutputPower", "psu-2InputPower",
                            "psu-2OutputPower")) {
                        out.add(sample("hw.power", site.id(), rack, d, ms, 300, "hw.id", "Chassis/1/Sensors/" + id,
                                "hw.parent", "Chassis/1"));
                    }
                    out.add(sample("hw.temperature", site.id(), rack, d, ms, 24 + (d.hashCode() & 7),
                            "hw.id", "Chassis/1/Sensors/InletTemp", "hw.name", "Inlet Temperature"));
                    out.add(sample("hw.temperature", site.id(), rack, d, ms, 65, "hw.id", "Chassis/1/Sensors/CPUTemp",
                            "hw.name", "CPU Temperature"));
                }
                case METER -> {
                    out.add(sample("hw.power", site.id(), rack, d, ms, 120_000));
                    for (String p : List.of("L1", "L2", "L3")) {
                        out.add(sample("hw.power", site.id(), rack, d, ms, 40_000, "phase", p));
                    }
                }
                default -> out.add(sample("hw.power", site.id(), rack, d, ms, 5000, "hw.id", "output"));
            }
            out.add(sample("dcsuite.device.up", site.id(), rack, d, ms, 1));
            out.add(sample("dcsuite.device.poll.duration", site.id(), rack, d, ms, 0.05));
            out.add(sample("dcsuite.device.last_success", site.id(), rack, d, ms, ms / 1000.0));
            for (String kind : ERROR_KINDS) {
                out.add(sample("dcsuite.device.errors", site.id(), rack, d, ms, 0, "kind", kind));
            }
        });
        return out;
    }

    private static Sample sample(String metric, String site, String rack, String device, long ms, double value,
            String... attrs) {
        String[] all = Arrays.copyOf(new String[] {"site", site, "rack", rack, "device", device}, 6 + attrs.length);
        System.arraycopy(attrs, 0, all, 6, attrs.length);
        return new Sample(SeriesKey.of(metric, all), ms, value);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static Device device(String id, DeviceKind kind, String endpoint) {
        return Device.of(id, kind, Endpoint.parse(endpoint), "bench");
    }
}
