package org.dcsuite.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesEachProtocolWithDefaultPorts() {
        assertThat(Endpoint.parse("modbus://10.0.0.5?unit=3")).satisfies(e -> {
            assertThat(e.protocol()).isEqualTo(Protocol.MODBUS);
            assertThat(e.port()).isEqualTo(502);
            assertThat(e.modbusUnit().getAsInt()).isEqualTo(3);
        });
        assertThat(Endpoint.parse("modbus://10.0.0.5:5020").modbusUnit().getAsInt()).isEqualTo(Endpoint.DEFAULT_MODBUS_UNIT);
        assertThat(Endpoint.parse("snmp://pdu.lan").port()).isEqualTo(161);
        assertThat(Endpoint.parse("redfish://[::1]:8443")).satisfies(e -> {
            assertThat(e.host()).isEqualTo("[::1]");
            assertThat(e.port()).isEqualTo(8443);
            assertThat(e.modbusUnit()).isEmpty();
        });
        assertThat(Endpoint.parse("https://meter:443/api/v1?x=1").protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(Endpoint.parse("snmp://10.0.0.5:161")).hasToString("snmp://10.0.0.5:161");
    }

    @Test
    void rejectsWithoutEchoingTheUri() {
        assertThatThrownBy(() -> Endpoint.parse("ftp://x")).hasMessage("unsupported scheme 'ftp': use modbus, snmp, redfish or https");
        assertThatThrownBy(() -> Endpoint.parse("snmp://u:pw@x")).hasMessageNotContaining("pw");
        assertThatThrownBy(() -> Endpoint.parse("snmp://x/path")).hasMessageContaining("no path");
        assertThatThrownBy(() -> Endpoint.parse("modbus://x?unit=a")).hasMessageContaining("0-255");
        assertThatThrownBy(() -> Endpoint.parse("modbus://x?slave=1")).hasMessageContaining("unit=N");
        assertThatThrownBy(() -> Endpoint.parse("snmp:// x")).hasMessageStartingWith("invalid URI");
        assertThatThrownBy(() -> Endpoint.parse("x")).hasMessageStartingWith("missing scheme");
    }

    @org.junit.jupiter.api.Test
    void defaultPortsFollowTheProtocol() {
        assertThat(Endpoint.parse("modbus://10.0.0.1").port()).isEqualTo(502);
        assertThat(Endpoint.parse("snmp://10.0.0.1").port()).isEqualTo(161);
        assertThat(Endpoint.parse("redfish://10.0.0.1").port()).isEqualTo(80);
        assertThat(Endpoint.parse("https://10.0.0.1").port()).isEqualTo(443);
    }
}
