package org.dcsuite.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README cannot drift: its sample config is the tested file, its metric table is the mapping data. */
class RedfishReadmeTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("src/main/java/org/dcsuite/drivers/redfish/README.md"));
    }

    @Test
    void sampleConfigIsTheLoadedFile(@TempDir Path dir) throws Exception {
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme());
        assertThat(block.find()).isTrue();
        String sample = new String(RedfishReadmeTest.class.getResourceAsStream("sample-site.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(block.group(1)).isEqualTo(sample);

        Files.writeString(dir.resolve(ConfigLoader.MAIN_FILE), "version: dcsuite/v1\n");
        Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("sites/lab-redfish.yaml"), sample);
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/bmc-user"), "dcsuite");
        Files.writeString(dir.resolve("secrets/bmc-password"), "example");
        DcsuiteConfig config = ConfigLoader.load(dir);
        assertThat(config.sites()).hasSize(1);
        assertThat(new RedfishDriver().profileNames()).contains("redfish-generic");
    }

    @Test
    void metricsSectionMatchesTheMappingData() throws Exception {
        String section = readme().split("## Metrics\n", 2)[1];
        TreeMap<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("^\\| (hw\\.[a-z_.]+) \\| (\\S+) \\| (\\w+) \\| ([^|]+) \\|$", Pattern.MULTILINE)
                .matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " " + row.group(3) + " " + row.group(4).trim());
        }
        TreeMap<String, String> mapped = new TreeMap<>();
        RedfishMapping.load(RedfishMapping.GENERIC).orElseThrow().metrics().forEach((metric, info) ->
                mapped.put(metric, info.unit() + " " + info.kind() + " " + String.join(", ",
                        new TreeSet<>(info.attributes()))));
        assertThat(documented).isEqualTo(mapped);
    }
}
