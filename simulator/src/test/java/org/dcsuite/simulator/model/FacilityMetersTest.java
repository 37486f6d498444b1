package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DriverSettings;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.Test;

/** The water, heat and PV meters against the rest of the physical model they are derived from. */
class FacilityMetersTest {

    private static final String DRY_WATER = "water-dry";
    private static final String WET_WATER = "water-evaporative";
    private static final String HEAT = "heat";
    private static final String PV = "pv";
    private static final double J_PER_KWH = 3.6e6;

    /** TestSites' site, moved to {@code zone}, with the facility meters besides its incomer. */
    private static Site site(ZoneId zone) {
        Site base = TestSites.site();
        List<Device> devices = new ArrayList<>(base.devices());
        devices.add(meter(DRY_WATER, "generic-water-meter", Map.of("cooling", "dry")));
        devices.add(meter(WET_WATER, "generic-water-meter", Map.of("cooling", "evaporative")));
        devices.add(meter(HEAT, "generic-heat-meter", Map.of()));
        devices.add(meter(PV, "sunspec-meter", Map.of("generation", "pv")));
        return new Site(base.id(), base.name(), zone, base.gridRegion(), base.location(), base.inletEnvelope(),
                base.rooms(), devices);
    }

    private static Device meter(String id, String profile, Map<String, String> attributes) {
        return new Device(id, id, DeviceKind.METER, Endpoint.parse("modbus://127.0.0.1:1502"), Optional.of(profile),
                Optional.empty(), Credentials.NONE, Optional.empty(), Optional.empty(), attributes, List.of(),
                DriverSettings.DEFAULT);
    }

    private static double pduEnergyJ(SimulatedFleet fleet) {
        return TestSites.PDUS.stream().mapToDouble(id -> fleet.pdu(id).energyJ()).sum();
    }

    @Test
    void waterFollowsTheItEnergyAtTheRateOfItsCooling() {
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(List.of(site(ZoneId.of("Europe/Paris"))), 7, clock);
        double itStart = pduEnergyJ(fleet);
        double dryStart = fleet.waterMeter(DRY_WATER).volumeL();
        double wetStart = fleet.waterMeter(WET_WATER).volumeL();

        clock.advance(Duration.ofHours(6));

        // Every server's input passes through a PDU outlet, so the PDUs' counters measure the IT energy.
        double itKwh = (pduEnergyJ(fleet) - itStart) / J_PER_KWH;
        assertThat(itKwh).isPositive();
        double dryL = WaterMeterModel.DRY_L_PER_KWH * itKwh;
        double wetL = WaterMeterModel.EVAPORATIVE_L_PER_KWH * itKwh;
        assertThat(fleet.waterMeter(DRY_WATER).volumeL() - dryStart).isCloseTo(dryL, within(0.001 * dryL));
        assertThat(fleet.waterMeter(WET_WATER).volumeL() - wetStart).isCloseTo(wetL, within(0.001 * wetL));
        double itW = TestSites.PDUS.stream().mapToDouble(id -> fleet.pdu(id).powerW()).sum();
        assertThat(fleet.waterMeter(WET_WATER).flowLPerH())
                .isCloseTo(WaterMeterModel.EVAPORATIVE_L_PER_KWH * itW / 1000, within(1e-9));
    }

    @Test
    void theHeatMeterCountsItsShareOfWhatTheCoolingRejects() {
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(List.of(site(ZoneId.of("Europe/Oslo"))), 7, clock);
        double start = fleet.heatMeter(HEAT).energyJ();
        double rejectedJ = 0;
        for (int minute = 0; minute < 6 * 60; minute++) {
            double rejectedW = 0;
            for (String id : TestSites.COOLERS) {
                CoolingState c = fleet.cooling(id);
                rejectedW += c.heatRemovedW() + c.coolingPowerW();
            }
            assertThat(fleet.heatMeter(HEAT).powerW())
                    .isCloseTo(HeatMeterModel.RECOVERED_SHARE * rejectedW, within(1e-6 * rejectedW));
            rejectedJ += rejectedW * 60;
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(fleet.heatMeter(HEAT).energyJ() - start)
                .isCloseTo(HeatMeterModel.RECOVERED_SHARE * rejectedJ, within(0.01 * rejectedJ));
    }

    @Test
    void pvGivesNothingAtNightInTheSitesTimeZoneAndSomethingAtNoon() {
        for (String zone : List.of("Europe/Paris", "America/Chicago")) {
            ZoneId z = ZoneId.of(zone);
            LocalDate day = LocalDate.of(2026, 11, 24);
            Instant midnight = day.atStartOfDay(z).toInstant();
            MutableClock clock = new MutableClock(midnight);
            SimulatedFleet fleet = new SimulatedFleet(List.of(site(z)), 7, clock);
            for (int hour = 0; hour < 24; hour++) {
                double pv = fleet.meter(PV).powerW();
                if (hour < 6 || hour >= 18) {
                    assertThat(pv).as("%s at %02d:00", zone, hour).isZero();
                } else if (hour == 12) {
                    assertThat(pv).as("%s at noon", zone).isPositive();
                }
                clock.advance(Duration.ofHours(1));
            }
        }
    }

    @Test
    void theIncomerAndThePvTogetherSupplyWhatTheSiteConsumes() {
        ZoneId zone = ZoneId.of("Europe/Paris");
        // A June day, when the array gives most.
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(List.of(site(zone)), 7, clock);
        double gridStart = fleet.meter(TestSites.METER).energyImportedJ();
        double pvStart = fleet.meter(PV).energyImportedJ();
        double other = fleet.otherPowerW(TestSites.SITE);
        double consumedJ = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            UpsState ups = fleet.ups(TestSites.UPS);
            double cooling = TestSites.COOLERS.stream().mapToDouble(id -> fleet.cooling(id).coolingPowerW()).sum();
            double consumedW = ups.outputPowerW() + ups.lossesW() + cooling + other;
            assertThat(fleet.meter(TestSites.METER).powerW() + fleet.meter(PV).powerW())
                    .isCloseTo(consumedW, within(1e-6 * consumedW));
            assertThat(fleet.meter(TestSites.METER).powerW()).as("the incomer never exports").isPositive();
            consumedJ += consumedW * 60;
            clock.advance(Duration.ofMinutes(1));
        }
        double gridJ = fleet.meter(TestSites.METER).energyImportedJ() - gridStart;
        double pvJ = fleet.meter(PV).energyImportedJ() - pvStart;

        assertThat(gridJ + pvJ).isCloseTo(consumedJ, within(0.01 * consumedJ));
        assertThat(pvJ / consumedJ).as("renewable share").isBetween(0.02, 0.5);
    }

    @Test
    void countersOfWaterAndHeatMetersRestartOnAReset() {
        MutableClock clock = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet fleet = new SimulatedFleet(List.of(site(ZoneId.of("Europe/Paris"))), 7, clock);
        clock.advance(Duration.ofHours(2));
        double water = fleet.waterMeter(WET_WATER).volumeL();
        double heat = fleet.heatMeter(HEAT).energyJ();

        fleet.resetCounters(WET_WATER, Optional.empty());
        fleet.resetCounters(HEAT, Optional.empty());
        clock.advance(Duration.ofMinutes(10));

        assertThat(fleet.waterMeter(WET_WATER).volumeL()).isPositive().isLessThan(water / 6);
        assertThat(fleet.heatMeter(HEAT).energyJ()).isPositive().isLessThan(heat / 6);
    }

    @Test
    void aWaterMeterOfUnknownCoolingIsRefusedNamingIt() {
        Site base = TestSites.site();
        List<Device> devices = new ArrayList<>(base.devices());
        devices.add(meter("odd-water", "generic-water-meter", Map.of("cooling", "seawater")));
        Site odd = new Site(base.id(), base.name(), base.timeZone(), base.gridRegion(), base.location(),
                base.inletEnvelope(), base.rooms(), devices);

        assertThatThrownBy(() -> new SimulatedFleet(List.of(odd), 7, new MutableClock(TestSites.MIDNIGHT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("water meter 'odd-water': attribute cooling must be dry or evaporative, got 'seawater'");
    }
}
