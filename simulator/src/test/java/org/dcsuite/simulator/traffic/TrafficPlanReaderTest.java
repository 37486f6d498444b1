package org.dcsuite.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Site;
import org.dcsuite.simulator.DemoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficPlanReaderTest {

    private static final Set<String> SITES = Set.of("edge-lyon", "edge-oslo", "edge-dallas");

    @TempDir
    Path dir;

    @Test
    void theDemoPlanHasCheckoutAndOneMoreServiceAtEverySite() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));

        TrafficPlan plan = TrafficPlanReader.load(dir, demo.sites().stream().map(Site::id).collect(Collectors.toSet()));

        assertThat(plan.sites()).extracting(SiteTraffic::site)
                .containsExactlyInAnyOrderElementsOf(demo.sites().stream().map(Site::id).toList());
        assertThat(plan.sites()).allSatisfy(site -> assertThat(site.services()).hasSize(2)
                .extracting(ServiceTraffic::name).contains("checkout"));
        assertThat(plan.dailySwing()).isEqualTo(0.5);
        assertThat(plan.incidents())
                .contains(new TrafficIncidents(Duration.ofHours(12), Duration.ofMinutes(4), 0.05, 3));
        ServiceTraffic checkout = plan.sites().getFirst().services().getFirst();
        assertThat(checkout.routes()).contains(new TrafficRoute("POST", "/checkout", 2),
                new TrafficRoute("GET", "/orders/{id}", 3));
        assertThat(checkout.segments()).containsEntry(TrafficSegment.STORAGE,
                new SegmentLatency(Duration.ofMillis(12), Duration.ofMillis(60)));
        // Rates stay modest: 5 to 20 requests a second per service, and errors rare outside incidents.
        assertThat(plan.sites()).flatExtracting(SiteTraffic::services).allSatisfy(s -> {
            assertThat(s.requestsPerSecond()).isBetween(5.0, 20.0);
            assertThat(s.errorRatio()).isLessThanOrEqualTo(0.001);
        });
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileAndField() throws Exception {
        Files.writeString(dir.resolve("traffic.yaml"), """
                version: dcsuite/v1
                traffic:
                  daily_swing: 1.5
                  incidents: { mean_interval: 8h, error_ratio: 0.05 }
                  sites:
                    - site: edge-paris
                      services:
                        - name: checkout
                          rate: 0
                          routes:
                            - { route: cart, method: get }
                          segments:
                            storage: { median: 50ms, p99: 20ms }
                            cache: { median: 1ms, p99: 2ms }
                    - site: edge-lyon
                      services:
                        - name: checkout
                          rate: 5
                          routes: []
                          segments: {}
                        - name: checkout
                          rate: 5
                          erorr_ratio: 0.1
                          routes: [{ route: /a }]
                          segments: { app: { median: 1ms, p99: 2ms } }
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> TrafficPlanReader.load(dir, SITES));

        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(Path.of("traffic.yaml"));
            assertThat(p.line()).isPositive();
        });
        assertThat(e.problems()).map(p -> p.field() + ": " + p.message()).containsExactlyInAnyOrder(
                "traffic.daily_swing: must be a share from 0 to below 1, got 1.5",
                "traffic.incidents.duration: missing required field: how long an incident lasts, e.g. 5m",
                "traffic.sites[0].site: unknown site 'edge-paris': expected one of edge-dallas, edge-lyon, edge-oslo",
                "traffic.sites[0].services[0].rate: must be greater than zero, got 0",
                "traffic.sites[0].services[0].routes[0].route: a route starts with '/', got 'cart'",
                "traffic.sites[0].services[0].routes[0].method: an HTTP method in capitals (GET, POST, ...), got 'get'",
                "traffic.sites[0].services[0].segments.storage.p99: must be greater than median (50 ms)",
                "traffic.sites[0].services[0].segments.cache: unknown field; expected one of: dns, connect, auth, "
                        + "storage, render, downstream, app",
                "traffic.sites[1].services[0].routes: must list at least one item: one item per route, e.g. "
                        + "{route: /orders/{id}, weight: 3}",
                "traffic.sites[1].services[0].segments: give at least one of dns, connect, auth, storage, render, "
                        + "downstream, app",
                "traffic.sites[1].services[1].name: service 'checkout' is listed twice at this site",
                "traffic.sites[1].services[1].erorr_ratio: unknown field; did you mean 'error_ratio'?");
        assertThat(e.getMessage()).contains("traffic.yaml:3:16: traffic.daily_swing: must be a share");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> TrafficPlanReader.load(dir, SITES)).isInstanceOf(ConfigException.class)
                .hasMessage("traffic.yaml: not found: the simulated applications are declared in traffic.yaml");
    }

    @Test
    void aFileWithoutTrafficSaysWhereServicesGo() throws Exception {
        Files.writeString(dir.resolve("traffic.yaml"), "version: dcsuite/v1\n");

        assertThatThrownBy(() -> TrafficPlanReader.load(dir, SITES)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("traffic: missing required field: the simulated services go under "
                        + "'traffic: sites:'");
    }
}
