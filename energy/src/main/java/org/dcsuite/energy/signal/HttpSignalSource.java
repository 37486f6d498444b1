package org.dcsuite.energy.signal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dcsuite.core.config.Secret;
import org.dcsuite.energy.config.SignalSpec.PayloadFormat;

/**
 * An HTTP JSON service (Electricity Maps, WattTime, or anything answering in their shapes). {@code {from}} and
 * {@code {to}} in the URL become the requested range in RFC 3339 UTC; headers carry the credentials (Electricity
 * Maps: {@code auth-token}; WattTime: {@code Authorization: Bearer ...}). 2xx is read; 429 and 5xx are
 * retryable; other statuses are not.
 */
final class HttpSignalSource implements SignalSource {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final String template;
    private final PayloadFormat format;
    private final Map<String, Secret> headers;
    private final SignalKind kind;

    HttpSignalSource(HttpClient client, String template, PayloadFormat format, Map<String, Secret> headers,
            SignalKind kind) {
        this.client = client;
        this.template = template;
        this.format = format;
        this.headers = Map.copyOf(headers);
        this.kind = kind;
    }

    @Override
    public SignalSeries read(Instant from, Instant to) throws SignalException {
        URI uri = URI.create(template.replace("{from}", encode(from)).replace("{to}", encode(to)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                .header("Accept", "application/json");
        headers.forEach((name, value) -> request.header(name, value.reveal()));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SignalException(describe() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalException(describe() + ": interrupted", true, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 429 || status >= 500;
            throw new SignalException(describe() + ": HTTP " + status
                    + (retryable ? " (will retry)" : status == 401 || status == 403
                            ? ": check the credentials in headers" : ""), retryable);
        }
        return JsonSignalParser.parse(describe(), response.body(), format, kind);
    }

    private static String encode(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean rangeDependent() {
        return template.contains("{from}") || template.contains("{to}");
    }

    /** The URL without its query, which may hold an API key. */
    @Override
    public String describe() {
        int query = template.indexOf('?');
        return query < 0 ? template : template.substring(0, query);
    }
}
