package org.dcsuite.app.importer;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * A one-line progress bar for a terminal: percent of bytes read and samples per second, redrawn in place at
 * most {@link #REDRAW_INTERVAL_MILLIS} apart so that drawing never slows the import down.
 */
public final class ImportProgressBar implements ImportProgress {

    /** Four redraws a second read smoothly and cost nothing. */
    public static final long REDRAW_INTERVAL_MILLIS = 250;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final Clock clock;
    private final long startMillis;
    private long lastDrawMillis = Long.MIN_VALUE;
    private int lastLength;

    public ImportProgressBar(PrintWriter out, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startMillis = clock.millis();
    }

    @Override
    public void update(long bytesRead, long totalBytes, long samplesStored) {
        long now = clock.millis();
        if (lastDrawMillis != Long.MIN_VALUE && now - lastDrawMillis < REDRAW_INTERVAL_MILLIS) {
            return;
        }
        lastDrawMillis = now;
        String text = render(bytesRead, totalBytes, samplesStored, now - startMillis);
        // Pad over the previous text: the new one may be shorter.
        out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        out.flush();
        lastLength = text.length();
    }

    static String render(long bytesRead, long totalBytes, long samples, long elapsedMillis) {
        long rate = elapsedMillis <= 0 ? 0 : samples * 1000 / elapsedMillis;
        if (totalBytes <= 0) {
            return String.format(Locale.ROOT, "%d samples, %d samples/s", samples, rate);
        }
        int percent = (int) Math.min(100, bytesRead * 100 / totalBytes);
        int filled = percent * WIDTH / 100;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %d samples, %d samples/s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), percent, samples, rate);
    }

    @Override
    public void finish() {
        if (lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }
}
