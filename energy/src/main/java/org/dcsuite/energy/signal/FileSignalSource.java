package org.dcsuite.energy.signal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.dcsuite.energy.config.SignalSpec.PayloadFormat;

/** A CSV file, or a JSON file in one of the provider formats, read whole. */
final class FileSignalSource implements SignalSource {

    private final Path file;
    private final Optional<PayloadFormat> json;
    private final SignalKind kind;

    /** @param json the JSON format, or empty for CSV */
    FileSignalSource(Path file, Optional<PayloadFormat> json, SignalKind kind) {
        this.file = file;
        this.json = json;
        this.kind = kind;
    }

    @Override
    public SignalSeries read(Instant from, Instant to) throws SignalException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SignalException(file + ": cannot read: " + e.getClass().getSimpleName(), true, e);
        }
        String name = file.getFileName().toString();
        return json.isPresent() ? JsonSignalParser.parse(name, text, json.get(), kind)
                : CsvSignalParser.parse(name, text);
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
