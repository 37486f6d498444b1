package org.dcsuite.drivers.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Consumer;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;

/** The receiver configuration shown in the README, compiled so it cannot drift (see SnmpTrapReceiverTest). */
final class SnmpTrapReceiverExample {

    private SnmpTrapReceiverExample() {
    }

    static SnmpTrapReceiver start(Consumer<DeviceEvent> events) throws IOException {
        // readme:begin
        SnmpTrapReceiver receiver = SnmpTrapReceiver.builder()
                .listen(InetAddress.getByName("0.0.0.0"), 0)              // 162 in production; 0 = any free port
                .community(Secret.of(System.getenv("DCSUITE_TRAP_COMMUNITY")))
                .user("dcsuite", "SHA", Secret.of(System.getenv("DCSUITE_TRAP_AUTH")),
                        "AES", Secret.of(System.getenv("DCSUITE_TRAP_PRIV")))
                .senderEngineId("0x80001f8880c71100000a000014")           // ups-1's snmpEngineID
                .device(InetAddress.getByName("10.0.0.20"), "ups-1")
                .device(InetAddress.getByName("10.0.0.5"), "r01-pdu-a")
                .start(events);                                            // on SNMP4J's thread: hand it on
        // readme:end
        return receiver;
    }
}
