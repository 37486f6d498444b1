package org.dcsuite.simulator.model;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.simulator.state.Feed;

/**
 * One site's physical chain: IT load -> PSUs -> PDUs -> UPS -> heat -> cooling -> facility power, less what its PV
 * array gives, at the incomer meter; cooling water follows the IT load and recovered heat the cooling.
 * {@link #compute} evaluates every power and temperature at one step's instant; {@link #step} integrates energy,
 * battery charge, room air and load noise over the following step using those values.
 */
final class SiteModel {

    /** Line-to-neutral voltage of a 400 V three-phase supply, 230 V, with a seeded offset of up to 2 V. */
    private static final double NOMINAL_VOLTAGE_V = 230;
    private static final double VOLTAGE_OFFSET_MAX_V = 2;
    private static final double FREQUENCY_HZ = 50;
    /** Lighting, security and building management: 3% of the site's peak IT power, at least 300 W. */
    private static final double OTHER_SHARE_OF_PEAK_IT = 0.03;
    private static final double MIN_OTHER_W = 300;
    /** UPS ratings are 1.25x the site's peak IT power rounded up to 5 kW, at least 10 kW: each UPS carries all. */
    private static final double UPS_MARGIN = 1.25;
    private static final double UPS_RATING_STEP_W = 5000;
    private static final double MIN_UPS_RATING_W = 10_000;

    final Site site;
    final double voltageV;
    final double otherPowerW;
    private final Climate climate;
    final List<RoomModel> rooms = new ArrayList<>();
    final List<ServerModel> servers = new ArrayList<>();
    final List<PduModel> pdus = new ArrayList<>();
    final List<UpsModel> upses = new ArrayList<>();
    final List<CoolingModel> coolers = new ArrayList<>();
    final List<MeterModel> meters = new ArrayList<>();
    final List<WaterMeterModel> waterMeters = new ArrayList<>();
    final List<HeatMeterModel> heatMeters = new ArrayList<>();
    /** The array its PV meters measure, sized once the IT load is known; null without a PV meter. */
    private PvArrayModel pvArray;
    private long pvMeters;
    final List<BatchJob> jobs = new ArrayList<>();
    private final double dynamicRangeW;

    // The snapshot at the last step.
    double outsideC;
    /** What the site consumes, from the grid and its PV array together. */
    double facilityPowerW;

    SiteModel(Site site, long seed) {
        this.site = site;
        this.climate = new Climate(seed, site.gridRegion().orElse(site.id()));
        this.voltageV = NOMINAL_VOLTAGE_V
                + VOLTAGE_OFFSET_MAX_V * (2 * Seeds.random(seed, "site:" + site.id()).nextDouble() - 1);
        List<Device> siteCooling = new ArrayList<>();
        for (Device d : site.devices()) {
            switch (d.kind()) {
                case UPS -> upses.add(new UpsModel(d, feed(d), null));
                case METER -> addMeter(d, seed);
                case COOLING -> siteCooling.add(d);
                default -> { } // Site-level servers and PDUs have no rack or room to live in; OTHER is not modelled.
            }
        }
        List<Room> siteRooms = site.rooms();
        List<RackParts> racks = new ArrayList<>();
        for (int r = 0; r < siteRooms.size(); r++) {
            Room room = siteRooms.get(r);
            RoomModel rm = new RoomModel(room.id());
            rooms.add(rm);
            // A site-level cooling unit (a chiller plant, say) serves the first room.
            List<Device> roomCooling = new ArrayList<>(r == 0 ? siteCooling : List.of());
            List<Device> loose = new ArrayList<>();
            for (Device d : room.devices()) {
                switch (d.kind()) {
                    case COOLING -> roomCooling.add(d);
                    case UPS -> {
                        UpsModel ups = new UpsModel(d, feed(d), rm);
                        upses.add(ups);
                        rm.upses.add(ups);
                    }
                    case METER -> addMeter(d, seed);
                    case SERVER, PDU -> loose.add(d);
                    default -> { }
                }
            }
            roomCooling.forEach(d -> {
                CoolingModel c = new CoolingModel(d);
                rm.coolers.add(c);
                coolers.add(c);
            });
            // Servers and PDUs standing in a room outside any rack are wired as one rack of their own.
            if (!loose.isEmpty()) {
                racks.add(new RackParts(rm, loose));
            }
            for (Rack rack : room.racks()) {
                racks.add(new RackParts(rm, rack.devices()));
            }
        }
        for (RackParts rack : racks) {
            wire(rack, seed);
        }
        double peakItW = servers.stream().mapToDouble(ServerModel::peakInputW).sum();
        double upsRating = Math.max(MIN_UPS_RATING_W,
                Math.ceil(UPS_MARGIN * peakItW / UPS_RATING_STEP_W) * UPS_RATING_STEP_W);
        for (UpsModel u : upses) {
            u.size(upsRating);
            u.voltageV = voltageV;
            u.frequencyHz = FREQUENCY_HZ;
        }
        for (RoomModel rm : rooms) {
            rm.peakHeatW = rm.servers.stream().mapToDouble(ServerModel::peakInputW).sum()
                    + rm.upses.stream().mapToDouble(u -> 0.01 * u.ratingW + 0.03 * peakItW).sum();
            rm.size();
        }
        for (MeterModel m : meters) {
            m.voltageV = voltageV;
            m.frequencyHz = FREQUENCY_HZ;
        }
        pvMeters = meters.stream().filter(m -> m.generation).count();
        if (pvMeters > 0) {
            pvArray = new PvArrayModel(PvArrayModel.SHARE_OF_PEAK_IT * peakItW, site.timeZone());
        }
        this.otherPowerW = Math.max(MIN_OTHER_W, OTHER_SHARE_OF_PEAK_IT * peakItW);
        this.dynamicRangeW = servers.stream().mapToDouble(s -> s.maxW - s.idleW).sum();
    }

    private void addMeter(Device d, long seed) {
        switch (MeterType.of(d)) {
            case ELECTRICITY -> meters.add(new MeterModel(d, seed, MeterType.isPv(d)));
            case WATER -> waterMeters.add(new WaterMeterModel(d));
            case HEAT -> heatMeters.add(new HeatMeterModel(d));
        }
    }

    private record RackParts(RoomModel room, List<Device> devices) {
    }

    private static Feed feed(Device d) {
        return d.feed().map(f -> f == org.dcsuite.core.model.Feed.A ? Feed.A : Feed.B).orElse(null);
    }

    /**
     * Server n of the rack plugs PSU 1 into outlet n of the rack's first feed-A PDU and PSU 2 into outlet n of its
     * first feed-B PDU. PDUs without a configured feed take the feed the rack still lacks, A first.
     */
    private void wire(RackParts rack, long seed) {
        List<Device> serverDevices = rack.devices.stream().filter(d -> d.kind() == DeviceKind.SERVER).toList();
        List<Device> pduDevices = rack.devices.stream().filter(d -> d.kind() == DeviceKind.PDU).toList();
        PduModel[] byFeed = new PduModel[2];
        boolean[] taken = new boolean[2];
        pduDevices.forEach(d -> Optional.ofNullable(feed(d)).ifPresent(f -> taken[f.ordinal()] = true));
        for (Device d : pduDevices) {
            Feed f = feed(d);
            if (f == null) {
                f = !taken[0] ? Feed.A : !taken[1] ? Feed.B : Feed.values()[pdus.size() % 2];
                taken[f.ordinal()] = true;
            }
            PduModel pdu = new PduModel(d, f, rack.room, serverDevices.size(), seed);
            pdu.ups = upsFor(f);
            pdu.voltageV = voltageV;
            pdus.add(pdu);
            if (byFeed[f.ordinal()] == null) {
                byFeed[f.ordinal()] = pdu;
            }
        }
        double[] worstPhaseW = new double[3];
        for (int n = 1; n <= serverDevices.size(); n++) {
            ServerModel s = new ServerModel(serverDevices.get(n - 1), n - 1, seed);
            s.outlet = n;
            s.pdu[0] = byFeed[0];
            s.pdu[1] = byFeed[1];
            s.whip = pduDevices.isEmpty();
            s.whipUps[0] = upsFor(Feed.A);
            s.whipUps[1] = upsFor(Feed.B);
            servers.add(s);
            rack.room.servers.add(s);
            worstPhaseW[PduModel.phaseIndex(n)] += s.peakInputW();
        }
        for (PduModel pdu : pdus) {
            if (pdu.breakerRatingA == 0) {
                pdu.sizeBreaker(worstPhaseW, voltageV);
            }
        }
    }

    /** The UPS on the feed's side if there is one, else a UPS without a feed, else any UPS; null without UPS. */
    private UpsModel upsFor(Feed f) {
        return upses.stream().filter(u -> u.feed == f).findFirst()
                .or(() -> upses.stream().filter(u -> u.feed == null).findFirst())
                .or(() -> upses.stream().findFirst())
                .orElse(null);
    }

    void compute(Instant t, PhysicalFaults faults, double dtS) {
        ZonedDateTime local = t.atZone(site.timeZone());
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        outsideC = climate.outsideC(hour);
        double jobW = 0;
        for (BatchJob j : jobs) {
            if (j.runningAt(t)) {
                jobW += j.powerW();
            }
        }
        double utilisation = Climate.utilisation(hour) + (dynamicRangeW > 0 ? jobW / dynamicRangeW : 0);

        // Supply side first: which UPSes, feeds, PDUs and breakers are live.
        for (UpsModel u : upses) {
            u.computeSupply(faults.active(PhysicalFaults.Kind.UPS_ON_BATTERY, u.id, t));
        }
        boolean[] feedLive = {!faults.feedLost(site.id(), Feed.A, t), !faults.feedLost(site.id(), Feed.B, t)};
        for (PduModel p : pdus) {
            p.alive = feedLive[p.feed.ordinal()] && (p.ups == null || p.ups.alive);
            for (int k = 0; k < 3; k++) {
                p.phaseTripped[k] = faults.breakerTripped(p.id, PduModel.PHASES[k], t);
            }
            p.clearOutlets();
        }

        // Load side: servers draw through their live PSUs; PDUs and UPSes add up what flows through them.
        double[] upsOutW = new double[upses.size()];
        rooms.forEach(rm -> rm.extraHeatW = 0);
        double unprotectedW = 0;
        for (ServerModel s : servers) {
            for (int i = 0; i < 2; i++) {
                s.psuPowered[i] = s.pdu[i] != null ? s.pdu[i].outletLive(s.outlet)
                        : s.whip && feedLive[i] && (s.whipUps[i] == null || s.whipUps[i].alive);
            }
            s.fanFailed = faults.active(PhysicalFaults.Kind.FAN_FAILED, s.id, t);
            s.computePower(t, utilisation, voltageV);
            for (int i = 0; i < 2; i++) {
                if (s.pdu[i] != null) {
                    s.pdu[i].load(s.outlet, s.psuInW[i]);
                } else if (s.whip && s.whipUps[i] != null) {
                    upsOutW[upses.indexOf(s.whipUps[i])] += s.psuInW[i];
                } else {
                    unprotectedW += s.psuInW[i];
                }
            }
        }
        for (PduModel p : pdus) {
            boolean[] overloaded = new boolean[3];
            for (int k = 0; k < 3; k++) {
                overloaded[k] = faults.overloaded(p.id, PduModel.PHASES[k], t);
            }
            p.applyOverload(overloaded);
            p.room.extraHeatW += p.overloadW[0] + p.overloadW[1] + p.overloadW[2];
        }
        for (PduModel p : pdus) {
            if (p.ups != null) {
                upsOutW[upses.indexOf(p.ups)] += p.powerW();
            } else {
                unprotectedW += p.powerW();
            }
        }
        double gridW = unprotectedW + otherPowerW;
        for (int i = 0; i < upses.size(); i++) {
            UpsModel u = upses.get(i);
            u.computeLoad(upsOutW[i], dtS);
            gridW += u.inputW();
        }

        // Heat and cooling, room by room.
        double rejectedHeatW = 0;
        for (RoomModel rm : rooms) {
            boolean[] running = new boolean[rm.coolers.size()];
            for (int i = 0; i < running.length; i++) {
                running[i] = !faults.active(PhysicalFaults.Kind.COOLING_FAILED, rm.coolers.get(i).id, t);
            }
            rm.computeCooling(outsideC, running);
            for (CoolingModel c : rm.coolers) {
                gridW += c.powerW;
                rejectedHeatW += c.heatRemovedW + c.powerW;
                c.applyStuck(faults.active(PhysicalFaults.Kind.STUCK_SENSOR, c.id, t));
            }
            for (ServerModel s : rm.servers) {
                s.computeTemperatures(rm.airC, faults.active(PhysicalFaults.Kind.STUCK_SENSOR, s.id, t));
            }
        }
        for (PduModel p : pdus) {
            // The PDU's sensor hangs mid-rack at the cold-aisle door: room air plus half the top-of-rack offset.
            p.computeSensor(p.room.airC + 0.75, faults.active(PhysicalFaults.Kind.STUCK_SENSOR, p.id, t));
        }
        for (UpsModel u : upses) {
            u.computeBatteryTemperature(u.room == null ? 0 : u.room.airC,
                    faults.active(PhysicalFaults.Kind.STUCK_SENSOR, u.id, t));
        }
        facilityPowerW = gridW;
        // The inverter never exports (zero-export control, as sites without an export agreement run): it gives at
        // most what the site draws, and the incomer sees the rest.
        double pvPowerW = pvArray == null ? 0 : Math.min(pvArray.outputW(t), facilityPowerW);
        for (MeterModel m : meters) {
            m.powerW = m.generation ? pvPowerW / pvMeters : facilityPowerW - pvPowerW;
        }
        double itW = servers.stream().mapToDouble(ServerModel::inputW).sum();
        for (WaterMeterModel w : waterMeters) {
            w.compute(itW);
        }
        for (HeatMeterModel h : heatMeters) {
            h.compute(rejectedHeatW);
        }
    }

    void step(double dtS) {
        servers.forEach(s -> s.step(dtS));
        pdus.forEach(p -> p.step(dtS));
        upses.forEach(u -> u.step(dtS));
        meters.forEach(m -> m.step(dtS));
        waterMeters.forEach(w -> w.step(dtS));
        heatMeters.forEach(h -> h.step(dtS));
        rooms.forEach(r -> r.step(dtS));
    }
}
