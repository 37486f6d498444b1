package org.dcsuite.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ModelTest {

    private static Device device(String id) {
        return Device.of(id, DeviceKind.PDU, Endpoint.parse("snmp://10.0.0.1"), "raritan-pdu2");
    }

    private static Rack rack(String id, Device... devices) {
        return new Rack(id, id, OptionalDouble.empty(), List.of(devices));
    }

    @Test
    void idsAreLowercaseSlugs() {
        assertThat(Ids.isValid("r01-pdu_a")).isTrue();
        assertThat(Ids.isValid("R01")).isFalse();
        assertThat(Ids.isValid("-r01")).isFalse();
        assertThat(Ids.isValid("")).isFalse();
        assertThatThrownBy(() -> device("Bad Id")).hasMessageContaining("invalid device id 'Bad Id'");
        assertThat(Ids.slugify("Fan.Embedded.1A")).isEqualTo("fan-embedded-1a");
        assertThat(Ids.slugify("PSU 1")).isEqualTo("psu-1");
        assertThat(Ids.slugify("***")).isEqualTo("unnamed");
    }

    @Test
    void siteListsDevicesWithTheirPlace() {
        Room room = new Room("room-1", "Room", List.of(rack("r01", device("pdu-a")), rack("r02", device("pdu-b"))),
                List.of(device("ups")));
        Site site = new Site("lyon", "Lyon", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(room), List.of(device("meter")));

        assertThat(site.locations()).extracting(l -> l.labels().toString()).containsExactly(
                "{site=lyon, device=meter}",
                "{site=lyon, room=room-1, device=ups}",
                "{site=lyon, room=room-1, rack=r01, device=pdu-a}",
                "{site=lyon, room=room-1, rack=r02, device=pdu-b}");
    }

    @Test
    void rejectsDuplicatesWithinTheirScope() {
        Room a = new Room("a", "a", List.of(rack("r01", device("d1"))), List.of());
        Room b = new Room("b", "b", List.of(rack("r01", device("d2"))), List.of());
        assertThatThrownBy(() -> new Site("s", "s", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(a, b), List.of()))
                .hasMessage("site 's': duplicate rack id 'r01'");
        assertThatThrownBy(() -> new Site("s", "s", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(a), List.of(device("d1"))))
                .hasMessage("site 's': duplicate device id 'd1'");
        assertThatThrownBy(() -> rack("r", device("d"), device("d"))).hasMessageContaining("duplicate device id 'd'");
    }

    @Test
    void checksValuesAtConstruction() {
        assertThatThrownBy(() -> new Rack("r", "r", OptionalDouble.of(-1), List.of()))
                .hasMessageContaining("power budget must be greater than zero");
        Endpoint e = Endpoint.parse("snmp://x");
        assertThatThrownBy(() -> new Device("d", "d", DeviceKind.PDU, e, Optional.of("p"), Optional.of(Duration.ZERO),
                Credentials.NONE, Optional.empty(), Optional.empty(), Map.of(), List.of(), DriverSettings.DEFAULT))
                .hasMessageContaining("poll interval");
        assertThatThrownBy(() -> new Device("d", "d", DeviceKind.PDU, e, Optional.of("p"), Optional.empty(), Credentials.NONE,
                Optional.empty(), Optional.empty(), Map.of(),
                List.of(new Component("fan", HwType.FAN, "fan", Optional.of("psu"))), DriverSettings.DEFAULT))
                .hasMessageContaining("unknown parent 'psu'");
        assertThatThrownBy(() -> new DriverSettings(Optional.empty(), java.util.OptionalInt.of(11), Map.of()))
                .hasMessageContaining("retries must be 0-10");
        assertThatThrownBy(() -> new DriverSettings(Optional.empty(), java.util.OptionalInt.empty(), Map.of("Version", "3")))
                .hasMessageContaining("invalid option key 'Version'");
        assertThatThrownBy(() -> new Component("c", HwType.CPU, "c", Optional.of("c"))).hasMessageContaining("own parent");
        assertThat(DeviceKind.fromConfigName("cooling")).contains(DeviceKind.COOLING);
        assertThat(HwType.POWER_SUPPLY.attributeValue()).isEqualTo("power_supply");
    }

    @Test
    void ratedPowerFollowsTheVoltageConvention() {
        // 16 A on a 230/400 V wye supply: the line-to-neutral and line-to-line forms agree.
        assertThat(new PowerRating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 3).watts()).isEqualTo(11040.0);
        assertThat(new PowerRating(16, 230 * Math.sqrt(3), VoltageConvention.LINE_TO_LINE, 3).watts())
                .isCloseTo(11040.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(new PowerRating(16, 400, VoltageConvention.LINE_TO_LINE, 3).watts())
                .isCloseTo(11085.1, org.assertj.core.data.Offset.offset(0.1));
        // Single phase is V x A whichever voltage is named (208 V between two legs in North America).
        assertThat(new PowerRating(32, 230, VoltageConvention.LINE_TO_NEUTRAL, 1).watts()).isEqualTo(7360.0);
        assertThat(new PowerRating(30, 208, VoltageConvention.LINE_TO_LINE, 1).watts()).isEqualTo(6240.0);
    }

    @Test
    void ratingsAndEnvelopesAreCheckedAtConstruction() {
        assertThatThrownBy(() -> new PowerRating(0, 230, VoltageConvention.LINE_TO_NEUTRAL, 1))
                .hasMessage("rating: current must be greater than zero, got 0.0 A");
        assertThatThrownBy(() -> new PowerRating(16, Double.NaN, VoltageConvention.LINE_TO_NEUTRAL, 1))
                .hasMessageContaining("voltage must be greater than zero");
        assertThatThrownBy(() -> new PowerRating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 2))
                .hasMessage("rating: phases must be 1 or 3, got 2");
        Optional<PowerRating> rating = Optional.of(new PowerRating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 3));
        assertThatThrownBy(() -> new Device("srv", "srv", DeviceKind.SERVER, Endpoint.parse("redfish://x"),
                Optional.empty(), Optional.empty(), Credentials.NONE, Optional.empty(), rating, Map.of(), List.of(),
                DriverSettings.DEFAULT))
                .hasMessage("device 'srv': a rating applies only to pdu and ups devices, not server");
        assertThat(new Device("ups", "ups", DeviceKind.UPS, Endpoint.parse("snmp://x"), Optional.empty(),
                Optional.empty(), Credentials.NONE, Optional.empty(), rating, Map.of(), List.of(),
                DriverSettings.DEFAULT).rating()).isEqualTo(rating);
        assertThat(TemperatureEnvelope.ASHRAE_RECOMMENDED).isEqualTo(new TemperatureEnvelope(18, 27));
        assertThatThrownBy(() -> new TemperatureEnvelope(27, 27)).hasMessageContaining("must be below maximum");
        assertThat(VoltageConvention.fromConfigName("line_to_line")).contains(VoltageConvention.LINE_TO_LINE);
    }
}
