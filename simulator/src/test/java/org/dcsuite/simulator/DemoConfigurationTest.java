package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DashboardUser;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.PowerRating;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.core.model.VoltageConvention;
import org.dcsuite.core.security.Role;
import org.dcsuite.simulator.model.MeterType;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.dcsuite.simulator.state.PduState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigurationTest {

    private static final Path RESOURCES = Path.of("src/main/resources/org/dcsuite/simulator/demo");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void theDemoHasOneDashboardUserPerRoleWithTheDocumentedPassword() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));

        assertThat(demo.dashboard().users()).extracting(DashboardUser::role).containsExactlyInAnyOrder(Role.values());
        for (DashboardUser user : demo.dashboard().users()) {
            assertThat(user.name()).isEqualTo(user.role().id());
            assertThat(user.passwordHash().matches(("demo-" + user.role().id() + "-pass").toCharArray()))
                    .as(user.name()).isTrue();
        }
    }

    @Test
    void everySnmpDeviceHasItsOwnLoopbackAddressSoItsTrapsAreMatchedToIt() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));

        var snmpHosts = demo.devices().stream().filter(d -> d.endpoint().protocol() == Protocol.SNMP)
                .map(d -> d.endpoint().host()).toList();
        assertThat(snmpHosts).isNotEmpty().doesNotHaveDuplicates().allMatch(h -> h.startsWith("127."));
    }

    @Test
    void everyDemoPduIsRatedAsTheSimulatorModelsIt() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));
        SimulatedFleet fleet = new SimulatedFleet(demo, 1, Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"),
                ZoneOffset.UTC));

        List<Device> pdus = demo.devices().stream().filter(d -> d.kind() == DeviceKind.PDU).toList();
        assertThat(pdus).isNotEmpty();
        for (Device d : pdus) {
            PowerRating rating = d.rating().orElseThrow(() -> new AssertionError(d.id() + " has no rating"));
            PduState.Phase phase = fleet.pdu(d.id()).phases().get(0);
            assertThat(rating.currentA()).as(d.id()).isEqualTo(phase.breakerRatingA());
            assertThat(rating.phases()).as(d.id()).isEqualTo(fleet.pdu(d.id()).phases().size());
            assertThat(rating.convention()).as(d.id()).isEqualTo(VoltageConvention.LINE_TO_NEUTRAL);
            assertThat(rating.voltageV()).as(d.id()).isCloseTo(phase.voltageV(), within(2.0));
        }
    }

    @Test
    void everyFileOfTheDemoFolderIsWrittenOut() throws Exception {
        // Files.list cannot list a jar, so FILES names them; this catches a file added without its entry.
        List<String> inFolder;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            inFolder = files.filter(Files::isRegularFile)
                    .map(f -> RESOURCES.relativize(f).toString().replace('\\', '/')).toList();
        }
        assertThat(DemoConfiguration.FILES).containsExactlyInAnyOrderElementsOf(inFolder);
    }

    @Test
    void everySiteHasMetersForEveryEnergyKpiSomewhereInTheFleet() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));
        SimulatedFleet fleet = new SimulatedFleet(demo, 1, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"),
                ZoneOffset.UTC));

        Map<String, List<MeterType>> metersBySite = demo.locations().stream()
                .filter(l -> l.device().kind() == DeviceKind.METER)
                .collect(Collectors.groupingBy(l -> l.site().id(),
                        Collectors.mapping(l -> MeterType.of(l.device()), Collectors.toList())));
        assertThat(metersBySite).hasSize(demo.sites().size()).allSatisfy((site, types) ->
                assertThat(types).as(site).contains(MeterType.ELECTRICITY, MeterType.WATER));
        assertThat(metersBySite.values().stream().flatMap(List::stream)).contains(MeterType.HEAT);
        List<Device> pv = demo.devices().stream()
                .filter(d -> MeterType.PV.equals(d.attributes().get(MeterType.GENERATION_ATTRIBUTE))).toList();
        assertThat(pv).isNotEmpty().allSatisfy(d -> assertThat(MeterType.of(d)).isEqualTo(MeterType.ELECTRICITY));
        // The simulator serves each of them from the model of its type.
        for (DeviceLocation l : demo.locations()) {
            if (l.device().kind() == DeviceKind.METER) {
                String id = l.device().id();
                switch (MeterType.of(l.device())) {
                    case ELECTRICITY -> assertThat(fleet.meter(id).id()).isEqualTo(id);
                    case WATER -> assertThat(fleet.waterMeter(id).id()).isEqualTo(id);
                    case HEAT -> assertThat(fleet.heatMeter(id).id()).isEqualTo(id);
                }
            }
        }
    }

    @Test
    void everySiteHasAnEnergyFileNamedAfterItWhoseSignalFilesAreWrittenOut() throws Exception {
        DcsuiteConfig demo = ConfigLoader.load(DemoConfiguration.writeTo(dir));

        for (var site : demo.sites()) {
            Path file = dir.resolve("energy/" + site.id() + ".yaml");
            assertThat(file).as("energy file of %s", site.id()).exists();
            JsonNode energy = YAML.readTree(file.toFile());
            assertThat(energy.path("version").asText()).isEqualTo("dcsuite/v1");
            assertThat(energy.path("energy").path("site").asText()).isEqualTo(site.id());
            for (JsonNode signal : List.of(energy.path("energy").path("carbon").path("grid"),
                    energy.path("energy").path("price"))) {
                if (signal.path("source").asText().equals("csv")) {
                    assertThat(dir.resolve(signal.path("file").asText())).as("%s: %s", site.id(), signal).exists();
                }
            }
        }
    }
}
