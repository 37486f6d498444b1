package org.dcsuite.app.http;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.time.Durations;
import org.dcsuite.energy.config.EnergyConfigReader;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.report.EnergyReportJson;
import org.dcsuite.energy.report.EnergyService;

/**
 * {@code GET /api/v1/energy?site=ID&start=T&end=T&step=D}: a site's energy report, or without {@code site} the
 * fleet comparison, in the JSON of {@code dcsuite energy report --format json} inside the usual
 * {@code {"status":"success","data":...}} envelope. {@code end} defaults to now; {@code step} is optional.
 */
public final class EnergyApi {

    private final Optional<EnergyService> service;

    private EnergyApi(Optional<EnergyService> service) {
        this.service = service;
    }

    public static EnergyApi of(EnergyService service) {
        return new EnergyApi(Optional.of(Objects.requireNonNull(service, "service")));
    }

    /**
     * The API for a loaded configuration: reads its {@code energy/*.yaml} (checked against its sites); unconfigured
     * when the folder has none.
     *
     * @throws ConfigException naming file, line and field of every problem in {@code energy/*.yaml}
     */
    public static EnergyApi load(DcsuiteConfig config, TelemetryStore store, Clock clock) throws ConfigException {
        List<EnergySiteConfig> sites = EnergyConfigReader.load(config.directory(),
                Optional.of(config.sites().stream().map(Site::id).collect(Collectors.toSet())));
        return sites.isEmpty() ? unconfigured() : of(new EnergyService(sites, config.sites(), store, clock));
    }

    /** For servers started without an energy configuration: every call says so. */
    public static EnergyApi unconfigured() {
        return new EnergyApi(Optional.empty());
    }

    /** What a request asks for, checked on the event loop. */
    record Request(Optional<String> site, Instant start, Instant end, Optional<Duration> step) {
    }

    Request parse(MultiMap params, Clock clock) {
        if (service.isEmpty()) {
            throw new ApiException(ErrorType.NOT_FOUND, "energy is not configured: start dcsuite with a "
                    + "configuration folder holding energy/*.yaml");
        }
        Instant end = params.get("end") == null ? clock.instant() : ApiParams.time("end", params.get("end"), clock);
        Instant start = ApiParams.time("start", params.get("start"), clock);
        if (!end.isAfter(start)) {
            throw ApiException.badData("end timestamp must be after start time");
        }
        Optional<Duration> step = Optional.empty();
        if (params.get("step") != null) {
            try {
                step = Optional.of(Durations.parsePositive(params.get("step")));
            } catch (IllegalArgumentException e) {
                throw ApiException.badData("invalid parameter \"step\": " + e.getMessage());
            }
        }
        Optional<String> site = Optional.ofNullable(params.get("site"));
        if (site.isPresent() && !service.get().siteIds().contains(site.get())) {
            throw new ApiException(ErrorType.NOT_FOUND, "no energy configuration for site '" + site.get()
                    + "': configured sites are " + String.join(", ", service.get().siteIds()));
        }
        return new Request(site, start, end, step);
    }

    /** Builds the report; blocking (reads the store and signal sources). */
    String answer(Request r) {
        EnergyService s = service.orElseThrow();
        String data = r.site().isPresent()
                ? EnergyReportJson.write(s.site(r.site().get(), r.start(), r.end(), r.step()))
                : EnergyReportJson.write(s.fleet(r.start(), r.end(), r.step()));
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }
}
