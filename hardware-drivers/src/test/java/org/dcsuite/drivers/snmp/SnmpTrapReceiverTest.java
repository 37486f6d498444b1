package org.dcsuite.drivers.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dcsuite.core.config.Secret;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver.Drop;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/** Configuration checks, the SNMPv1 conversion and the README's sample, without a network. */
class SnmpTrapReceiverTest {

    private static final Path README = Path.of("src/main/java/org/dcsuite/drivers/snmp/README.md");
    private static final Path EXAMPLE = Path.of("src/test/java/org/dcsuite/drivers/snmp/SnmpTrapReceiverExample.java");

    @Test
    void theReadmeSampleIsTheCompiledExample() throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf("<!-- trap-receiver:begin -->\n```java\n");
        int to = readme.indexOf("```\n<!-- trap-receiver:end -->");
        assertThat(from).isNotNegative();
        assertThat(to).isGreaterThan(from);
        String sample = readme.substring(from + "<!-- trap-receiver:begin -->\n```java\n".length(), to);
        List<String> lines = Files.readAllLines(EXAMPLE);
        List<String> body = lines.subList(lines.indexOf("        // readme:begin") + 1,
                lines.indexOf("        // readme:end"));
        StringBuilder expected = new StringBuilder();
        body.forEach(line -> expected.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n'));
        assertThat(sample).isEqualTo(expected.toString());
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnceWithoutSecrets() {
        assertThatThrownBy(() -> SnmpTrapReceiver.builder()
                .listen(InetAddress.getLoopbackAddress(), 70000)
                .community(Secret.of(""))
                .user("u", "SHA-1024", Secret.of("short1"), "AES", Secret.of("privpass123"))
                .user("u", "SHA", Secret.of("authpass123"))
                .senderEngineId("0x80zz")
                .senderEngineId("0x0102")
                .device(InetAddress.getLoopbackAddress(), "a")
                .device(InetAddress.getLoopbackAddress(), "b")
                .start(e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 70000 is not 0-65535")
                .hasMessageContaining("a community must not be empty")
                .hasMessageContaining("auth protocol 'SHA-1024' is not one of")
                .hasMessageContaining("at least 8 characters")
                .hasMessageContaining("SNMPv3 user 'u' is configured twice")
                .hasMessageContaining("sender engine id '0x80zz' is not hexadecimal")
                .hasMessageContaining("has 2 octets, not 5-32")
                .hasMessageContaining("is mapped to both 'a' and 'b'")
                .hasMessageNotContaining("short1").hasMessageNotContaining("privpass123")
                .hasMessageNotContaining("authpass123");
    }

    @Test
    void aReceiverThatWouldAcceptNothingIsRefused() {
        assertThatThrownBy(() -> SnmpTrapReceiver.builder().start(e -> { }))
                .hasMessageContaining("no community and no SNMPv3 user");
    }

    @Test
    void v1TrapsBecomeTheirRfc3584NotificationOids() {
        PDUv1 generic = new PDUv1();
        generic.setType(PDU.V1TRAP);
        generic.setGenericTrap(PDUv1.LINKDOWN);
        generic.setEnterprise(new OID("1.3.6.1.4.1.318"));
        assertThat(SnmpTrapReceiver.trapOid(generic)).isEqualTo(SnmpConstants.linkDown);

        PDUv1 specific = new PDUv1();
        specific.setType(PDU.V1TRAP);
        specific.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
        specific.setSpecificTrap(42);
        specific.setEnterprise(new OID("1.3.6.1.4.1.318"));
        specific.setAgentAddress(new IpAddress("10.0.0.5"));
        specific.setTimestamp(1234);
        specific.add(new VariableBinding(new OID("1.3.6.1.4.1.318.1.1"), new OctetString("x")));
        assertThat(SnmpTrapReceiver.notificationVarbinds(specific)).extracting(vb -> vb.getOid().toDottedString())
                .containsExactly("1.3.6.1.2.1.1.3.0", "1.3.6.1.6.3.1.1.4.1.0", "1.3.6.1.4.1.318.1.1",
                        "1.3.6.1.6.3.18.1.3.0", "1.3.6.1.6.3.1.1.4.3.0");
        assertThat(SnmpTrapReceiver.notificationVarbinds(specific).get(1).getVariable())
                .isEqualTo(new OID("1.3.6.1.4.1.318.0.42"));
        assertThat(SnmpTrapReceiver.text(new TimeTicks(1234))).isEqualTo("1234");
    }

    @Test
    void usmResultsMapToDropReasons() {
        assertThat(SnmpTrapReceiver.reason(SnmpConstants.SNMP_MP_OK)).isEmpty();
        // The discovery probe of every v3 inform exchange.
        assertThat(SnmpTrapReceiver.reason(SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID)).isEmpty();
        assertThat(SnmpTrapReceiver.reason(SnmpConstants.SNMPv3_USM_AUTHENTICATION_FAILURE)).contains(Drop.WRONG_DIGEST);
        assertThat(SnmpTrapReceiver.reason(SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR)).contains(Drop.DECRYPTION_ERROR);
        assertThat(SnmpTrapReceiver.reason(SnmpConstants.SNMP_MP_PARSE_ERROR)).contains(Drop.MALFORMED);
        assertThat(Drop.UNKNOWN_COMMUNITY.label()).isEqualTo("unknown_community");
    }
}
