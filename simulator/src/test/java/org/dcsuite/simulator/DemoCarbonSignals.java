package org.dcsuite.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the demo's grid carbon-intensity files ({@code signals/*.csv}, hourly g CO2/kWh from {@link #FIRST} to
 * {@link #LAST}) from a daily profile per grid in the grid's local time, plus a swing for the weather (wind, sun)
 * that drifts over a day or so, drawn from a fixed seed. {@code DemoSignalFilesTest} checks that the committed
 * files are exactly what this writes, so change the profile here and run
 * {@code java simulator/src/test/java/org/dcsuite/simulator/DemoCarbonSignals.java
 * simulator/src/main/resources/org/dcsuite/simulator/demo}.
 */
public final class DemoCarbonSignals {

    static final Instant FIRST = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant LAST = Instant.parse("2027-01-31T23:00:00Z");
    private static final long SEED = 2026;
    /** Weather holds for about a day: the swing's hour-to-hour correlation is exp(-1/24). */
    private static final double WEATHER_HOURS = 24;

    /**
     * One grid's day: a base, a morning and an evening peak of gas-fired peakers, a midday dip where solar is large,
     * a weekend dip, and a weather swing of the given standard deviation. Values are held within
     * {@code min}..{@code max}, the range seen on the grid in winter.
     */
    enum Grid {
        /**
         * France (RTE eco2mix, winter): nuclear and hydro keep it at 25-40 g/kWh at night; gas and imports lift the
         * 08-10 h and 18-20 h peaks towards 60-80 g/kWh on cold, still days.
         */
        FR("signals/fr-carbon.csv", ZoneId.of("Europe/Paris"), 36, 9, 20, 0, 5, 7, 20, 80),
        /**
         * ERCOT (Texas): gas and coal with much wind and solar: around 400 g/kWh at night, down to the low 300s at
         * midday when solar peaks, up to ~500 g/kWh in the evening ramp after sunset; windy days run lower.
         */
        US_TX("signals/us-tx-carbon.csv", ZoneId.of("America/Chicago"), 400, 25, 60, 70, 8, 28, 300, 500);

        final String file;
        final ZoneId zone;
        final double base;
        final double morningPeak;
        final double eveningPeak;
        final double solarDip;
        final double weekendDip;
        final double weatherSigma;
        final double min;
        final double max;

        Grid(String file, ZoneId zone, double base, double morningPeak, double eveningPeak, double solarDip,
                double weekendDip, double weatherSigma, double min, double max) {
            this.file = file;
            this.zone = zone;
            this.base = base;
            this.morningPeak = morningPeak;
            this.eveningPeak = eveningPeak;
            this.solarDip = solarDip;
            this.weekendDip = weekendDip;
            this.weatherSigma = weatherSigma;
            this.min = min;
            this.max = max;
        }
    }

    private DemoCarbonSignals() {
    }

    /** The file's whole text: a header, then one {@code time,value} line an hour. */
    static String csv(Grid grid) {
        StringBuilder out = new StringBuilder("time,value\n");
        SplittableRandom random = new SplittableRandom(SEED + grid.ordinal());
        double correlation = Math.exp(-1 / WEATHER_HOURS);
        double innovation = grid.weatherSigma * Math.sqrt(1 - correlation * correlation);
        double weather = 0;
        for (Instant t = FIRST; !t.isAfter(LAST); t = t.plus(1, ChronoUnit.HOURS)) {
            ZonedDateTime local = t.atZone(grid.zone);
            weather = correlation * weather + innovation * gaussian(random);
            double hour = local.getHour();
            boolean weekend = local.getDayOfWeek().getValue() >= 6;
            double value = grid.base + grid.morningPeak * bump(hour, 9, 1.5) + grid.eveningPeak * bump(hour, 19, 2)
                    - grid.solarDip * bump(hour, 13, 2.5) - (weekend ? grid.weekendDip : 0) + weather;
            value = Math.max(grid.min, Math.min(grid.max, value));
            out.append(t).append(',').append(String.format(Locale.ROOT, "%.1f", value)).append('\n');
        }
        return out.toString();
    }

    /** A bell around {@code centre} o'clock, 1 there, measured the short way round the clock. */
    private static double bump(double hour, double centre, double width) {
        double d = Math.abs(hour - centre);
        d = Math.min(d, 24 - d);
        return Math.exp(-d * d / (2 * width * width));
    }

    /** A standard normal draw (Box-Muller), so the files do not depend on a JDK's Random internals. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** @param args the demo configuration folder to write {@code signals/} into */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        for (Grid grid : Grid.values()) {
            Path target = folder.resolve(grid.file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, csv(grid));
        }
    }
}
