package org.dcsuite.simulator.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DriverSettings;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Feed;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;

/**
 * A small site for the model tests: a meter at the incomer, one room with a UPS and two cooling units, two racks
 * each with an A and a B PDU and four servers, plus a device of kind other.
 */
final class TestSites {

    static final String SITE = "lyon";
    /** 2024-06-03 00:00 in Europe/Paris (UTC+2): tests start at local midnight. */
    static final Instant MIDNIGHT = Instant.parse("2024-06-02T22:00:00Z");
    static final List<String> PDUS = List.of("r01-pdu-a", "r01-pdu-b", "r02-pdu-a", "r02-pdu-b");
    static final List<String> COOLERS = List.of("crac-1", "crac-2");
    static final String UPS = "ups-1";
    static final String METER = "meter-1";

    private TestSites() {
    }

    static Site site() {
        return site(COOLERS.size());
    }

    static Site site(int coolingUnits) {
        List<Device> roomDevices = new ArrayList<>();
        roomDevices.add(device(UPS, DeviceKind.UPS, null));
        for (int i = 0; i < coolingUnits; i++) {
            roomDevices.add(device(COOLERS.get(i), DeviceKind.COOLING, null));
        }
        Room room = new Room("room-1", "Room 1", List.of(rack("r01"), rack("r02")), roomDevices);
        return new Site(SITE, "Lyon", ZoneId.of("Europe/Paris"), Optional.of("FR"), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(room),
                List.of(device(METER, DeviceKind.METER, null), device("door-sensor", DeviceKind.OTHER, null)));
    }

    static List<String> servers() {
        List<String> ids = new ArrayList<>();
        for (String rack : List.of("r01", "r02")) {
            for (int n = 1; n <= 4; n++) {
                ids.add(rack + "-srv-" + n);
            }
        }
        return ids;
    }

    private static Rack rack(String id) {
        List<Device> devices = new ArrayList<>();
        devices.add(device(id + "-pdu-a", DeviceKind.PDU, Feed.A));
        devices.add(device(id + "-pdu-b", DeviceKind.PDU, Feed.B));
        for (int n = 1; n <= 4; n++) {
            devices.add(device(id + "-srv-" + n, DeviceKind.SERVER, null));
        }
        return new Rack(id, id, OptionalDouble.empty(), devices);
    }

    private static Device device(String id, DeviceKind kind, Feed feed) {
        return new Device(id, id, kind, Endpoint.parse("snmp://127.0.0.1:1161"), Optional.empty(), Optional.empty(),
                Credentials.NONE, Optional.ofNullable(feed), Optional.empty(), Map.of(), List.of(),
                DriverSettings.DEFAULT);
    }
}
