package org.dcsuite.energy.signal;

import java.net.http.HttpClient;
import java.time.Clock;
import org.dcsuite.energy.config.SignalSpec;

/** Builds the cached source a {@link SignalSpec} describes. */
public final class SignalSources {

    private SignalSources() {
    }

    public static CachedSignalSource create(SignalSpec spec, SignalKind kind, HttpClient http, Clock clock) {
        SignalSource source = switch (spec.source()) {
            case CONSTANT -> new ConstantSignalSource(spec.value().orElseThrow());
            case CSV -> new FileSignalSource(spec.file().orElseThrow(), java.util.Optional.empty(), kind);
            case JSON -> new FileSignalSource(spec.file().orElseThrow(), spec.format(), kind);
            case HTTP -> new HttpSignalSource(http, spec.url().orElseThrow(), spec.format().orElseThrow(),
                    spec.headers(), kind);
        };
        return new CachedSignalSource(source, spec.refresh(), clock);
    }

    /** A client for signal services: follows redirects within HTTPS, connects within the request timeout. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(HttpSignalSource.TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }
}
