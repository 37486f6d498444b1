package org.dcsuite.energy.signal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a signal from CSV: one {@code time,value} row per line, the time in ISO-8601 with a UTC offset
 * ({@code 2026-11-24T10:00:00Z}, {@code 2026-11-24T11:00:00+01:00}). A first line whose time does not parse
 * is a header; blank lines and lines starting with {@code #} are skipped. Any other bad line is an error naming
 * the file and line.
 */
public final class CsvSignalParser {

    private CsvSignalParser() {
    }

    public static SignalSeries parse(String name, String text) throws SignalException {
        List<SignalSeries.Point> points = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean seenRow = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + ":" + (i + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new SignalException(where + ": expected 'time,value', got " + cells.length + " columns", false);
            }
            Instant time;
            try {
                time = OffsetDateTime.parse(cells[0].strip()).toInstant();
            } catch (DateTimeParseException e) {
                if (!seenRow) {
                    seenRow = true;
                    continue;
                }
                throw new SignalException(where + ": time '" + cells[0].strip()
                        + "' is not ISO-8601 with an offset, such as 2026-11-24T10:00:00Z", false);
            }
            seenRow = true;
            double value;
            try {
                value = Double.parseDouble(cells[1].strip());
            } catch (NumberFormatException e) {
                throw new SignalException(where + ": value '" + cells[1].strip() + "' is not a number", false);
            }
            if (!Double.isFinite(value)) {
                throw new SignalException(where + ": value '" + cells[1].strip() + "' is not finite", false);
            }
            points.add(new SignalSeries.Point(time, value));
        }
        if (points.isEmpty()) {
            throw new SignalException(name + ": no 'time,value' rows", false);
        }
        return SignalSeries.of(points);
    }
}
