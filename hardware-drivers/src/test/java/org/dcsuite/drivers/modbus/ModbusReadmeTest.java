package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README cannot drift: its sample is the file the config loader reads, its metrics are the profiles'. */
class ModbusReadmeTest {

    private static final Path README = Path.of("src/main/java/org/dcsuite/drivers/modbus/README.md");
    private static final Path SAMPLE = Path.of("src/test/resources/org/dcsuite/drivers/modbus/sample-site.yaml");

    @Test
    void sampleConfigurationIsTheTestedFileAndLoads(@TempDir Path dir) throws Exception {
        String readme = Files.readString(README);
        String sample = Files.readString(SAMPLE);
        assertThat(readme).contains("```yaml\n" + sample + "```\n");

        Files.writeString(dir.resolve(ConfigLoader.MAIN_FILE), "version: dcsuite/v1\n");
        Files.createDirectories(dir.resolve(ConfigLoader.SITES_FOLDER));
        Files.writeString(dir.resolve(ConfigLoader.SITES_FOLDER).resolve("edge-lyon.yaml"), sample);
        DcsuiteConfig config = ConfigLoader.load(dir);
        List<Device> devices = config.devices();
        assertThat(devices).extracting(Device::id).containsExactlyInAnyOrder("facility-meter", "crac-1", "ups-1");
        for (Device d : devices) {
            assertThat(d.endpoint().protocol()).isEqualTo(Protocol.MODBUS);
            // Opening does no I/O: this checks the profile and options are valid.
            new ModbusDriver().open(DeviceTarget.of(d, ModbusTestSupport.CLOCK)).close();
        }
    }

    @Test
    void metricsSectionListsExactlyWhatTheProfilesEmit() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("| profile | metric |");
        assertThat(start).as("README has a metrics table").isNotNegative();
        List<String> documented = readme.substring(start).lines().takeWhile(l -> l.startsWith("|")).skip(2).toList();
        List<String> expected = expectedRows();
        if (!documented.equals(expected)) {
            Path out = Path.of("target/modbus-metrics.md");
            Files.writeString(out, String.join("\n", expected) + "\n");
            assertThat(documented).as("README metrics table; the expected rows are in " + out.toAbsolutePath())
                    .containsExactlyElementsOf(expected);
        }
    }

    private static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        for (String name : ModbusProfileLoader.SHIPPED) {
            ModbusProfile profile = ModbusProfileLoader.shipped(name);
            List<ModbusPoint> points = new ArrayList<>(profile.points());
            profile.sunSpecModels().forEach(m -> points.addAll(m.points()));
            for (ModbusPoint p : points) {
                if (p.metric().isEmpty()) {
                    continue;
                }
                Map<String, String> attributes = new TreeMap<>(p.attributes());
                if (p.type().bitfield()) {
                    attributes.put(p.flagAttribute(), String.join(" / ",
                            p.flags().stream().map(ModbusPoint.Flag::name).toList()));
                }
                String attrs = String.join(", ", attributes.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
                rows.add("| " + name + " | " + p.metric().get() + " | " + p.unit().code().replace("|", "\\|") + " | "
                        + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " | " + attrs + " |");
            }
        }
        return rows;
    }
}
