package org.dcsuite.energy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.energy.EnergyStoreFixture;
import org.dcsuite.energy.config.SignalSpec;
import org.dcsuite.energy.config.SignalSpec.PayloadFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP source against a real HTTP server on a free loopback port, its cache, and recording into a store. */
class HttpSignalSourceTest {

    private static final String EM_BODY = "{\"zone\":\"FR\",\"history\":["
            + "{\"datetime\":\"2026-11-24T08:00:00.000Z\",\"carbonIntensity\":52},"
            + "{\"datetime\":\"2026-11-24T09:00:00.000Z\",\"carbonIntensity\":61}]}";

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v3/carbon-intensity/past-range", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            tokens.add(exchange.getRequestHeaders().getFirst("auth-token"));
            byte[] body = (status.get() == 200 ? EM_BODY : "{\"error\":\"nope\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpSignalSource source() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort()
                + "/v3/carbon-intensity/past-range?zone=FR&start={from}&end={to}";
        return new HttpSignalSource(SignalSources.httpClient(), url, PayloadFormat.ELECTRICITYMAPS,
                Map.of("auth-token", Secret.of("em-secret")), SignalKind.CARBON_INTENSITY);
    }

    @Test
    void fetchesTheRangeWithItsCredentials() throws Exception {
        Instant from = Instant.parse("2026-11-24T08:00:00Z");
        Instant to = Instant.parse("2026-11-24T10:00:00Z");

        SignalSeries s = source().read(from, to);

        assertThat(s.points()).extracting(SignalSeries.Point::value).containsExactly(52.0, 61.0);
        assertThat(queries).containsExactly("zone=FR&start=2026-11-24T08%3A00%3A00Z&end=2026-11-24T10%3A00%3A00Z");
        assertThat(tokens).containsExactly("em-secret");
    }

    @Test
    void serverErrorsAreRetryableAndAuthenticationErrorsAreNot() {
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        status.set(503);
        assertThatThrownBy(() -> source().read(t, t)).isInstanceOfSatisfying(SignalException.class,
                e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("HTTP 503")
                .hasMessageNotContaining("zone=FR");
        status.set(401);
        assertThatThrownBy(() -> source().read(t, t)).isInstanceOfSatisfying(SignalException.class,
                e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("credentials")
                .hasMessageNotContaining("em-secret");
    }

    @Test
    void theCacheFetchesAtMostOncePerRefreshForTheSameRange() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        CachedSignalSource cached = new CachedSignalSource(source(), Duration.ofMinutes(15), clock);
        Instant from = Instant.parse("2026-11-24T08:00:00Z");
        Instant to = Instant.parse("2026-11-24T10:00:00Z");

        cached.read(from, to);
        clock.set(clock.instant().plus(Duration.ofMinutes(14)));
        cached.read(from, to);
        cached.read(from.plus(Duration.ofHours(1)), to);
        assertThat(cached.reads()).isEqualTo(1);
        assertThat(queries).hasSize(1);

        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        cached.read(from, to);
        cached.read(from.minus(Duration.ofHours(1)), to);
        assertThat(cached.reads()).isEqualTo(3);
        assertThat(queries).hasSize(3);
    }

    @Test
    void constantsAreRecordedHourlyOverTheReportedRange() throws Exception {
        try (EnergyStoreFixture fx = new EnergyStoreFixture(dir)) {
            SignalRecorder recorder = new SignalRecorder(fx.store());
            SeriesKey key = SignalRecorder.carbonKey("edge-oslo");

            // 07:30 to 10:00 holds the whole hours 08:00, 09:00 and 10:00; a later range adds only what is new.
            int first = recorder.recordConstant(key, SignalRecorder.CARBON_UNIT, 24,
                    Instant.parse("2026-11-24T07:30:00Z"), Instant.parse("2026-11-24T10:00:00Z"));
            int later = recorder.recordConstant(key, SignalRecorder.CARBON_UNIT, 24,
                    Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T11:15:00Z"));

            assertThat(first).isEqualTo(3);
            assertThat(later).isEqualTo(1);
            var stored = fx.store().query(RangeQuery.of(SeriesSelector.parse("grid.carbon_intensity{site=\"edge-oslo\"}"),
                    Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T11:00:00Z"), Duration.ofHours(1),
                    Aggregation.LAST));
            assertThat(stored).singleElement().satisfies(rs -> assertThat(rs.points())
                    .extracting(p -> p.timeMillis() / 3_600_000 % 24, p -> p.value())
                    .containsExactly(tuple(8L, 24.0), tuple(9L, 24.0), tuple(10L, 24.0), tuple(11L, 24.0)));
        }
    }

    @Test
    void signalsAreRecordedAsSeriesWithoutDuplicates() throws Exception {
        try (EnergyStoreFixture fx = new EnergyStoreFixture(dir)) {
            SignalRecorder recorder = new SignalRecorder(fx.store());
            SignalSeries s = source().read(Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T10:00:00Z"));

            int first = recorder.record(SignalRecorder.carbonKey("edge-lyon"), SignalRecorder.CARBON_UNIT, s);
            int again = recorder.record(SignalRecorder.carbonKey("edge-lyon"), SignalRecorder.CARBON_UNIT, s);

            assertThat(first).isEqualTo(2);
            assertThat(again).isZero();
            var stored = fx.store().query(RangeQuery.of(SeriesSelector.parse("grid.carbon_intensity{site=\"edge-lyon\"}"),
                    Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T09:00:00Z"), Duration.ofHours(1),
                    Aggregation.COUNT));
            assertThat(stored).singleElement().satisfies(rs -> {
                assertThat(rs.unit().code()).isEqualTo("g/kW.h");
                assertThat(rs.points()).extracting(p -> p.value()).containsExactly(1.0, 1.0);
            });
        }
    }

    @Test
    void aConstantSpecNeedsNoSource() throws Exception {
        SignalSeries s = SignalSources.create(SignalSpec.constant(56), SignalKind.CARBON_INTENSITY,
                SignalSources.httpClient(), java.time.Clock.systemUTC()).read(Instant.EPOCH, Instant.EPOCH);
        assertThat(s.valueAt(Instant.parse("2030-01-01T00:00:00Z"), Duration.ZERO).orElseThrow())
                .isCloseTo(56, within(0.0));
    }
}
