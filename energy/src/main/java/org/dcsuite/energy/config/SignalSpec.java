package org.dcsuite.energy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.config.Secret;

/**
 * Where a time-varying signal (grid carbon intensity in g CO2/kWh, electricity price per kWh) comes from.
 *
 * @param source   {@code constant}, {@code csv}, {@code json} or {@code http}
 * @param value    the constant, for {@code constant}
 * @param file     absolute, for {@code csv} and {@code json}
 * @param url      for {@code http}; {@code {from}} and {@code {to}} are replaced by the requested range
 * @param format   for {@code json} and {@code http}: {@code electricitymaps} or {@code watttime}
 * @param headers  for {@code http}, values resolved from secrets and never logged
 * @param refresh  a source is read or fetched again at most this often
 * @param maxAge   a value holds from its time until the next value, at most this long
 */
public record SignalSpec(Source source, OptionalDouble value, Optional<Path> file, Optional<String> url,
        Optional<PayloadFormat> format, Map<String, Secret> headers, Duration refresh, Duration maxAge) {

    /** Read again at most every 15 minutes: providers publish hourly or every 5 minutes. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(15);
    /** Hourly signals with one missing hour still cover the day; longer silences are unmeasured. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(2);

    public SignalSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    public static SignalSpec constant(double value) {
        return new SignalSpec(Source.CONSTANT, OptionalDouble.of(value), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), DEFAULT_REFRESH, DEFAULT_MAX_AGE);
    }

    /** Where a signal is read from; the lower-case name is the configuration value. */
    public enum Source {
        CONSTANT, CSV, JSON, HTTP;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The JSON payload shapes understood, named after the services that return them. */
    public enum PayloadFormat {
        /** Electricity Maps history: {@code [{"datetime": ..., "carbonIntensity": ...}]}, or wrapped in {@code history}. */
        ELECTRICITYMAPS,
        /** WattTime v3: {@code {"data": [{"point_time": ..., "value": ...}], "meta": {"units": ...}}}. */
        WATTTIME;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
