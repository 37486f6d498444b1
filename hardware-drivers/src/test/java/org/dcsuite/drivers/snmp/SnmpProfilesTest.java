package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;

/** Shipped profiles load; broken ones are reported with file and entry; detection by sysObjectID. */
class SnmpProfilesTest {

    @Test
    void everyShippedFileIsListedAndLoads() throws Exception {
        Path dir = Path.of("src/main/resources/org/dcsuite/drivers/snmp/profiles");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", "")).sorted())
                    .containsExactlyElementsOf(SnmpProfiles.SHIPPED.stream().sorted().toList());
        }
        assertThat(SnmpProfiles.names()).containsExactlyInAnyOrderElementsOf(SnmpProfiles.SHIPPED);
        assertThat(SnmpProfiles.all().values()).allSatisfy(p -> assertThat(p.mibs()).isNotEmpty());
    }

    @Test
    void problemsNameTheFileAndTheEntryAllAtOnce() {
        String yaml = """
                version: dcsuite/snmp-profile/v1
                name: broken
                mibs: ["X-MIB"]
                scalars:
                  - object: a
                    oid: 1.3.6.x
                    metric: hw.power
                    unit: W
                tables:
                  - name: t
                    index: [integer, float]
                    columns: {v: 1.3.6.1.2.1.99.1.1.1.4}
                    metrics:
                      - value: w
                        metric: hw.power
                        unit: W
                        kind: rate
                        attributes: {hw.type: outlet, hw.name: "{nope}"}
                """;
        assertThatThrownBy(() -> SnmpProfileLoader.load("broken.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("broken.yaml: scalars[0].oid: invalid OID '1.3.6.x'")
                .hasMessageContaining("broken.yaml: tables[0].index[1]: unknown index part 'float'")
                .hasMessageContaining("broken.yaml: tables[0].metrics[0].value: unknown column 'w'")
                .hasMessageContaining("broken.yaml: tables[0].metrics[0].kind: unknown kind 'rate'")
                .hasMessageContaining("broken.yaml: tables[0].metrics[0].attributes.hw.type: unknown hw.type 'outlet'")
                .hasMessageContaining("tables[0].metrics[0].attributes.hw.name: unknown placeholder {nope}")
                .extracting(e -> ((DriverException) e).kind()).isEqualTo(DriverErrorKind.CONFIG);
    }

    @Test
    void nameMustMatchTheFile() {
        String yaml = "version: dcsuite/snmp-profile/v1\nname: other\nmibs: [X]\nscalars:\n"
                + "  - {object: a, oid: 1.3.6.1.2.1.1.3.0, metric: system.uptime, unit: s}\n";
        assertThatThrownBy(() -> SnmpProfileLoader.load("mine.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("mine.yaml: name: 'other' must match the file name 'mine'");
    }

    @Test
    void sysObjectIdPrefixesChooseVendorProfiles() {
        var all = SnmpProfiles.all().values();
        assertThat(SnmpProfileDetector.bySysObjectId(new OID("1.3.6.1.4.1.318.1.3.4.5"), all))
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("apc-rpdu2"));
        assertThat(SnmpProfileDetector.bySysObjectId(new OID("1.3.6.1.4.1.13742.6"), all))
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("raritan-pdu2"));
        assertThat(SnmpProfileDetector.bySysObjectId(new OID("1.3.6.1.4.1.8072.3.2.10"), all)).isEmpty();
        assertThat(List.of("ups-mib", "entity-sensor", "host-resources", "if-mib"))
                .allSatisfy(n -> assertThat(SnmpProfiles.get(n).orElseThrow().detect().probe()).isPresent());
    }
}
