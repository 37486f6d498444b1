package org.dcsuite.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/metrics.md repeats each driver README's Metrics section (which the drivers' own tests keep equal to the
 * profiles), so the page cannot drift from what the drivers emit.
 */
class MetricsDocTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"modbus", "snmp", "redfish"})
    void docsRepeatTheDriverReadme(String protocol) throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/metrics.md"));
        Matcher m = Pattern.compile("<!-- " + protocol + ":begin -->\n(.*?)\n<!-- " + protocol + ":end -->",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/metrics.md has a %s section", protocol).isTrue();

        String readme = Files.readString(ROOT.resolve("hardware-drivers/src/main/java/org/dcsuite/drivers/" + protocol
                + "/README.md"));
        int start = readme.indexOf("## Metrics\n");
        assertThat(start).as("the %s README has a Metrics section", protocol).isNotNegative();
        String rest = readme.substring(start + "## Metrics\n".length());
        Matcher next = Pattern.compile("^## ", Pattern.MULTILINE).matcher(rest);
        String section = (next.find() ? rest.substring(0, next.start()) : rest).strip();

        assertThat(m.group(1).strip())
                .as("docs/metrics.md's %s section equals the README's; copy the README's Metrics section over", protocol)
                .isEqualTo(section);
    }
}
