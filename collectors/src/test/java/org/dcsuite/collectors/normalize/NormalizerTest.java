package org.dcsuite.collectors.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizerTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void addsTopologyAndFeedAndKeepsCountersCounters() throws Exception {
        Normalizer normalizer = new Normalizer(pduA());
        NormalizedPoll poll = normalizer.normalize(new PollResult("r01-pdu-a", List.of(
                Reading.gauge("hw.power", Unit.WATT, 1200, Map.of("hw.id", "inlet"), T),
                new Reading("hw.energy", Unit.JOULE, MetricKind.COUNTER, 5e6, Map.of("hw.id", "inlet"), T)),
                List.of()));

        assertThat(poll.rejections()).isEmpty();
        assertThat(poll.samples()).extracting(s -> s.series()).containsExactly(
                SeriesKey.of("hw.power", "hw.id", "inlet", "site", "site1", "room", "room-1", "rack", "r01",
                        "device", "r01-pdu-a", "feed", "A"),
                SeriesKey.of("hw.energy", "hw.id", "inlet", "site", "site1", "room", "room-1", "rack", "r01",
                        "device", "r01-pdu-a", "feed", "A"));
        assertThat(poll.samples()).extracting(s -> s.value()).containsExactly(1200.0, 5e6);
        assertThat(poll.descriptors()).containsExactly(MetricDescriptor.gauge("hw.power", Unit.WATT),
                MetricDescriptor.counter("hw.energy", Unit.JOULE));
    }

    @Test
    void rejectsAReadingWhoseAttributesCollideWithTheTopology() throws Exception {
        Normalizer normalizer = new Normalizer(pduA());
        NormalizedPoll poll = normalizer.normalize(new PollResult("r01-pdu-a", List.of(
                Reading.gauge("hw.power", Unit.WATT, 1, Map.of("rack", "elsewhere"), T),
                Reading.gauge("hw.power", Unit.WATT, 2, Map.of("hw.id", "ok"), T)), List.of()));

        assertThat(poll.samples()).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(2);
            assertThat(s.series().label("rack")).isEqualTo("r01");
        });
        assertThat(poll.rejections()).singleElement().asString().contains("r01-pdu-a", "'rack'");
        assertThat(normalizer.rejectedReadings()).isEqualTo(1);
    }

    @Test
    void laterPollsReuseEachSeriesKeyAndStillRejectEveryCollidingReading() throws Exception {
        Normalizer normalizer = new Normalizer(pduA());
        List<NormalizedPoll> polls = List.of(T, T.plusSeconds(10)).stream().map(t -> normalizer.normalize(
                new PollResult("r01-pdu-a", List.of(Reading.gauge("hw.power", Unit.WATT, 1, Map.of("hw.id", "a"), t),
                        Reading.gauge("hw.power", Unit.WATT, 2, Map.of("hw.id", "b"), t),
                        Reading.gauge("hw.power", Unit.WATT, 3, Map.of("device", "x"), t)), List.of()))).toList();

        assertThat(polls.get(1).samples()).extracting(s -> s.time()).containsOnly(T.plusSeconds(10));
        for (int i = 0; i < 2; i++) {
            // The same instance: stores resolve a repeated key by identity.
            assertThat(polls.get(1).samples().get(i).series()).isSameAs(polls.get(0).samples().get(i).series());
        }
        assertThat(polls.get(1).samples().get(1).series()).isEqualTo(SeriesKey.of("hw.power", "hw.id", "b", "site",
                "site1", "room", "room-1", "rack", "r01", "device", "r01-pdu-a", "feed", "A"));
        assertThat(polls).allSatisfy(p -> assertThat(p.rejections()).hasSize(1));
        assertThat(normalizer.rejectedReadings()).isEqualTo(2);
    }

    private DeviceLocation pduA() throws Exception {
        Path sites = Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.writeString(sites.resolve("site1.yaml"), """
                version: dcsuite/v1
                site:
                  id: site1
                  time_zone: Europe/Paris
                  rooms:
                    - id: room-1
                      racks:
                        - id: r01
                          devices:
                            - { id: r01-pdu-a, kind: pdu, feed: A, endpoint: "snmp://127.0.0.1:16100", profile: raritan-pdu2,
                                credentials: { community: demo-public } }
                """);
        return ConfigLoader.load(dir).locate("r01-pdu-a").orElseThrow();
    }
}
