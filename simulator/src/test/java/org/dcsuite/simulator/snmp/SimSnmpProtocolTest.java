package org.dcsuite.simulator.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.dcsuite.simulator.state.PduState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** The agent's protocol behaviour, checked with a plain SNMP4J manager: RFC 3416 operations and error statuses. */
class SimSnmpProtocolTest {

    private static final OID SWITCH_1 = new OID(SimSnmpPduMib.SWITCHING_OPERATION).append("1.1");

    private final SimSnmpFixtures.Controls controls = new SimSnmpFixtures.Controls(SimSnmpFixtures.pdu());
    private SimSnmpAgent agent;
    private Snmp snmp;

    @BeforeEach
    void start() throws IOException {
        agent = SimSnmpFixtures.withCredentials(SimSnmpAgent.pdu("pdu-1", controls.state::get, controls)).start();
        snmp = new Snmp(new DefaultUdpTransportMapping());
        snmp.listen();
    }

    @AfterEach
    void stop() throws IOException {
        snmp.close();
        agent.close();
    }

    private PDU send(int version, String community, PDU pdu) throws IOException {
        CommunityTarget<UdpAddress> t = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + agent.port()),
                new OctetString(community));
        t.setVersion(version);
        t.setTimeout(500);
        t.setRetries(0);
        return snmp.send(pdu, t).getResponse();
    }

    private PDU v2(int type, VariableBinding... vbs) throws IOException {
        PDU pdu = new PDU(type, List.of(vbs));
        return send(SnmpConstants.version2c, SimSnmpFixtures.WRITE_COMMUNITY, pdu);
    }

    @Test
    void getAnswersValuesAndTellsNoSuchObjectFromNoSuchInstance() throws IOException {
        PDU r = v2(PDU.GET, new VariableBinding(new OID("1.3.6.1.2.1.1.2.0")),
                new VariableBinding(new OID("1.3.6.1.2.1.1.5.0")),
                new VariableBinding(new OID("1.3.6.1.2.1.1.5.1")),
                new VariableBinding(new OID("1.3.6.1.4.1.99999.1.0")));
        assertThat(r.getErrorStatus()).isZero();
        assertThat(r.get(0).getVariable()).isEqualTo(SimSnmpPduMib.SYS_OBJECT_ID);
        assertThat(r.get(1).getVariable().toString()).isEqualTo("r01-pdu-a");
        assertThat(r.get(2).getVariable()).isEqualTo(Null.noSuchInstance);
        assertThat(r.get(3).getVariable()).isEqualTo(Null.noSuchObject);
    }

    @Test
    void getBulkHonoursMaxRepetitionsAndEndsWithEndOfMibView() throws IOException {
        PDU bulk = new PDU(PDU.GETBULK, List.of(new VariableBinding(new OID("1.3.6.1.2.1.1.1")),
                new VariableBinding(SimSnmpPduMib.OUTLET_NAME)));
        bulk.setNonRepeaters(1);
        bulk.setMaxRepetitions(2);
        PDU r = send(SnmpConstants.version2c, SimSnmpFixtures.READ_COMMUNITY, bulk);
        assertThat(r.getVariableBindings()).extracting(VariableBinding::getOid).containsExactly(
                new OID("1.3.6.1.2.1.1.1.0"), new OID(SimSnmpPduMib.OUTLET_NAME).append("1.1"),
                new OID(SimSnmpPduMib.OUTLET_NAME).append("1.2"));

        PDU end = new PDU(PDU.GETBULK, List.of(new VariableBinding(new OID("1.3.6.1.6.3.10.2.1.4.0"))));
        end.setMaxRepetitions(5);
        PDU e = send(SnmpConstants.version2c, SimSnmpFixtures.READ_COMMUNITY, end);
        // The MIB's last instance is snmpEngineMaxMessageSize.0: one endOfMibView and the walk stops.
        assertThat(e.getVariableBindings()).singleElement()
                .satisfies(vb -> assertThat(vb.getVariable()).isEqualTo(Null.endOfMibView));
    }

    @Test
    void largeGetBulkStaysWithinTheMessageSize() throws IOException {
        PDU bulk = new PDU(PDU.GETBULK, List.of(new VariableBinding(new OID("1.3"))));
        bulk.setMaxRepetitions(10_000);
        PDU r = send(SnmpConstants.version2c, SimSnmpFixtures.READ_COMMUNITY, bulk);
        assertThat(r.getErrorStatus()).isZero();
        assertThat(r.size()).isGreaterThan(10);
        assertThat(r.getBERLength()).isLessThan(65_507);
    }

    @Test
    void snmpV1GetNextPastTheEndIsNoSuchName() throws IOException {
        PDUv1 pdu = new PDUv1();
        pdu.setType(PDU.GETNEXT);
        pdu.add(new VariableBinding(new OID("1.3.6.1.6.3.10.2.1.4.0")));
        PDU r = send(SnmpConstants.version1, SimSnmpFixtures.READ_COMMUNITY, pdu);
        assertThat(r.getErrorStatus()).isEqualTo(PDU.noSuchName);
        assertThat(r.getErrorIndex()).isEqualTo(1);
    }

    @Test
    void setChecksTypeWritabilityAndCreationBeforeApplying() throws IOException {
        assertThat(v2(PDU.SET, new VariableBinding(SWITCH_1, new OctetString("off"))).getErrorStatus())
                .isEqualTo(PDU.wrongType);
        assertThat(v2(PDU.SET, new VariableBinding(SWITCH_1, new Integer32(7))).getErrorStatus())
                .isEqualTo(PDU.wrongValue);
        assertThat(v2(PDU.SET, new VariableBinding(new OID("1.3.6.1.2.1.1.5.0"), new OctetString("x")))
                .getErrorStatus()).isEqualTo(PDU.notWritable);
        PDU noCreation = v2(PDU.SET, new VariableBinding(new OID(SimSnmpPduMib.SWITCHING_OPERATION).append("1.99"),
                new Integer32(0)));
        assertThat(noCreation.getErrorStatus()).isEqualTo(PDU.noCreation);
        // All or nothing: a valid varbind before a bad one is not applied.
        PDU mixed = v2(PDU.SET, new VariableBinding(SWITCH_1, new Integer32(0)),
                new VariableBinding(new OID("1.3.6.1.2.1.1.5.0"), new OctetString("x")));
        assertThat(mixed.getErrorStatus()).isEqualTo(PDU.notWritable);
        assertThat(mixed.getErrorIndex()).isEqualTo(2);
        assertThat(controls.calls).isEmpty();

        PDU ok = v2(PDU.SET, new VariableBinding(SWITCH_1, new Integer32(0)));
        assertThat(ok.getErrorStatus()).isZero();
        assertThat(controls.calls).containsExactly("pdu-1/1=off");
        Variable readBack = v2(PDU.GET, new VariableBinding(SWITCH_1)).get(0).getVariable();
        assertThat(readBack.toInt()).isZero();
        assertThat(controls.state.get().outlets().get(0)).extracting(PduState.Outlet::on).isEqualTo(false);
    }

    @Test
    void readCommunitySetIsNoAccessAndUnknownCommunityGetsNoAnswer() throws IOException {
        PDU set = new PDU(PDU.SET, List.of(new VariableBinding(SWITCH_1, new Integer32(0))));
        assertThat(send(SnmpConstants.version2c, SimSnmpFixtures.READ_COMMUNITY, set).getErrorStatus())
                .isEqualTo(PDU.noAccess);
        PDU get = new PDU(PDU.GET, List.of(new VariableBinding(new OID("1.3.6.1.2.1.1.5.0"))));
        assertThat(send(SnmpConstants.version2c, "public", get)).isNull();
        assertThat(controls.calls).isEmpty();
    }
}
