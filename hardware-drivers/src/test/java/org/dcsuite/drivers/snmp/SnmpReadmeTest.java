package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.stream.Stream;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README cannot drift: its sample configuration is the file loaded here, its metric list the profiles'. */
class SnmpReadmeTest {

    private static final Path README = Path.of("src/main/java/org/dcsuite/drivers/snmp/README.md");

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as(begin).isNotNegative();
        assertThat(to).as(end).isGreaterThan(from);
        return text.substring(from + begin.length(), to).strip();
    }

    private static Path sampleConfig() throws URISyntaxException {
        return Path.of(SnmpReadmeTest.class.getResource("sample-config/dcsuite.yaml").toURI()).getParent();
    }

    @Test
    void theSampleConfigurationIsTheFileTheTestLoads(@TempDir Path dir) throws Exception {
        String block = between(Files.readString(README), "<!-- sample-config:begin -->", "<!-- sample-config:end -->");
        assertThat(block).startsWith("```yaml\n").endsWith("\n```");
        String yaml = block.substring("```yaml\n".length(), block.length() - "```".length());
        Path sample = sampleConfig();
        assertThat(yaml).isEqualTo(Files.readString(sample.resolve("sites/snmp-lab.yaml")));

        copy(sample, dir);
        DcsuiteConfig config = ConfigLoader.load(dir);
        SnmpDriver driver = new SnmpDriver();
        var snmpDevices = config.devices().stream().filter(d -> d.endpoint().protocol() == Protocol.SNMP).toList();
        assertThat(snmpDevices).extracting(Device::id).containsExactly("ups-1", "r01-pdu-a", "r01-pdu-b");
        for (Device d : snmpDevices) {
            // Opening validates credentials, options and the profile without any I/O.
            try (DeviceSession s = driver.open(DeviceTarget.of(d, Clock.systemUTC()))) {
                assertThat(s).isInstanceOf(SnmpSession.class);
            }
        }
    }

    @Test
    void theMetricsSectionListsWhatEveryProfileDeclares() throws IOException {
        String section = between(Files.readString(README), "<!-- metrics:begin -->", "<!-- metrics:end -->");
        StringBuilder expected = new StringBuilder();
        SnmpProfiles.all().forEach((name, p) -> {
            expected.append("### ").append(name).append("\n\n| metric | unit | kind | attributes |\n|---|---|---|---|\n");
            p.declaredMetrics().forEach(line -> expected.append(line).append('\n'));
            expected.append('\n');
        });
        assertThat(section).isEqualTo(expected.toString().strip());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
