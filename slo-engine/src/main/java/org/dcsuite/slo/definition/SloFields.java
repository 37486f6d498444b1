package org.dcsuite.slo.definition;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.config.Fields;
import org.dcsuite.core.select.SeriesSelector;

/** Typed values both SLO forms share, reported through {@link Fields} so every problem has a position. */
final class SloFields {

    private SloFields() {
    }

    static Optional<SeriesSelector> selector(Fields fields, String key, boolean required) {
        Optional<String> text = required ? fields.requiredText(key, "a dcsuite series selector such as "
                + "'trace.requests{service=\"checkout\"}'") : fields.text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SeriesSelector.parse(text.get()));
        } catch (IllegalArgumentException e) {
            fields.problem(key, "invalid selector: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A share strictly between 0 and 1, such as 0.999. */
    static OptionalDouble fraction(Fields fields, String key) {
        OptionalDouble v = fields.number(key);
        if (v.isPresent() && !(v.getAsDouble() > 0 && v.getAsDouble() < 1)) {
            fields.problem(key, "must be between 0 and 1 exclusive (0.999 for 99.9%), got " + v.getAsDouble());
            return OptionalDouble.empty();
        }
        return v;
    }

    /** A share in (0, 1], such as a time slice's target, where 1 means "every event in the slice". */
    static OptionalDouble share(Fields fields, String key) {
        OptionalDouble v = fields.number(key);
        if (v.isPresent() && !(v.getAsDouble() > 0 && v.getAsDouble() <= 1)) {
            fields.problem(key, "must be above 0 and at most 1, got " + v.getAsDouble());
            return OptionalDouble.empty();
        }
        return v;
    }

    /** A time slice: whole minutes dividing an hour, so slices never straddle the hourly state. */
    static Duration timeSlice(Fields fields, String key) {
        Optional<Duration> d = fields.duration(key);
        if (d.isEmpty()) {
            return Duration.ofMinutes(1);
        }
        long minutes = d.get().toMinutes();
        if (d.get().toMillis() % 60_000 != 0 || 60 % minutes != 0) {
            fields.problem(key, "must be whole minutes dividing an hour (1m, 2m, 5m, 10m, 15m, 30m, 1h), got "
                    + org.dcsuite.core.time.Durations.format(d.get()));
            return Duration.ofMinutes(1);
        }
        return d.get();
    }

    static Optional<Instant> instant(Fields fields, String key) {
        Optional<String> text = fields.requiredText(key, "an RFC 3339 time such as 2026-11-20T02:00:00Z");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            fields.problem(key, "expected an RFC 3339 time such as 2026-11-20T02:00:00Z, got '" + text.get() + "'");
            return Optional.empty();
        }
    }
}
