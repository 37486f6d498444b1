package org.dcsuite.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;

class ImportProgressBarTest {

    @Test
    void redrawsInPlaceAtMostFourTimesASecondAndClearsAtTheEnd() {
        StringWriter out = new StringWriter();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        ImportProgressBar bar = new ImportProgressBar(new PrintWriter(out), clock);

        clock.advance(Duration.ofSeconds(1));
        bar.update(500, 1000, 20_000);
        clock.advance(Duration.ofMillis(100));
        bar.update(600, 1000, 30_000);
        clock.advance(Duration.ofMillis(200));
        bar.update(1000, 1000, 39_000);
        bar.finish();

        String first = "[###############---------------]  50%  20000 samples, 20000 samples/s";
        String second = "[##############################] 100%  39000 samples, 30000 samples/s";
        assertThat(out.toString()).isEqualTo("\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r");
    }

    @Test
    void withoutAKnownSizeShowsSamplesOnly() {
        assertThat(ImportProgressBar.render(10, -1, 5000, 2000)).isEqualTo("5000 samples, 2500 samples/s");
    }
}
