package org.dcsuite.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removes the temporary copies of the bundled demo configuration that {@code run} and {@code simulate} write. */
final class TemporaryFolders {

    private TemporaryFolders() {
    }

    /** Deletes the folder and everything in it; {@code null} is ignored, failures too (the OS cleans temp folders). */
    static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Public demo files only; nothing to report.
        }
    }
}
