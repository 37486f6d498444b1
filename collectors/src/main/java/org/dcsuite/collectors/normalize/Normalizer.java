package org.dcsuite.collectors.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;

/**
 * Turns one device's poll results into samples. Every sample carries the reading's attributes plus the device's
 * topology ({@code site}, {@code room}, {@code rack}, {@code device}, {@code feed}) and the device's configured
 * attributes. A reading that uses one of those names itself is rejected rather than overwritten, because a silently
 * replaced {@code rack} would put a series in the wrong place. Thread-safe.
 *
 * <p>A device reads the same series on every poll, so each series key is built once (sorting and validating its
 * attributes) and reused: later polls cost a lookup, and stores resolving the same key instance again compare by
 * identity.
 */
public final class Normalizer {

    /** Names the collectors own on every series, whether or not a given device has them. */
    public static final Set<String> TOPOLOGY_ATTRIBUTES = Set.of("site", "room", "rack", "device", "feed");

    private final String deviceId;
    private final Map<String, String> deviceAttributes;
    /** Series keys kept per device; a device naming more series than this has its cache started afresh. */
    static final int MAX_CACHED_KEYS = 10_000;

    private final AtomicLong rejected = new AtomicLong();
    private final Map<ReadingKey, SeriesKey> keys = new ConcurrentHashMap<>();

    /** What identifies a reading's series before the topology is added. */
    private record ReadingKey(String metric, Map<String, String> attributes) {
    }

    public Normalizer(DeviceLocation location) {
        Objects.requireNonNull(location, "location");
        this.deviceId = location.device().id();
        Map<String, String> attributes = new TreeMap<>(location.device().attributes());
        // Topology wins over free-form configured labels; configuration validation is where such clashes belong.
        attributes.putAll(location.labels());
        location.device().feed().ifPresent(f -> attributes.put("feed", f.name()));
        this.deviceAttributes = Collections.unmodifiableMap(attributes);
    }

    /** The attributes added to every sample of this device, sorted by name. */
    public Map<String, String> deviceAttributes() {
        return deviceAttributes;
    }

    /** Readings rejected so far. */
    public long rejectedReadings() {
        return rejected.get();
    }

    /** Normalises one poll; a rejected reading never loses the others. */
    public NormalizedPoll normalize(PollResult result) {
        Objects.requireNonNull(result, "result");
        List<Sample> samples = new ArrayList<>(result.readings().size());
        Map<String, MetricDescriptor> descriptors = new LinkedHashMap<>();
        List<String> rejections = new ArrayList<>();
        for (Reading r : result.readings()) {
            ReadingKey readingKey = new ReadingKey(r.metric(), r.attributes());
            SeriesKey key = keys.get(readingKey);
            if (key == null) {
                key = seriesKey(r, rejections);
                if (key == null) {
                    continue;
                }
                if (keys.size() >= MAX_CACHED_KEYS) {
                    keys.clear();
                }
                keys.put(readingKey, key);
            }
            samples.add(Sample.of(key, r.time(), r.value()));
            // The first reading of a metric in a poll names its unit; drivers emit one unit per metric.
            if (!descriptors.containsKey(r.metric())) {
                descriptors.put(r.metric(), new MetricDescriptor(r.metric(), r.unit(), r.kind(), ""));
            }
        }
        rejected.addAndGet(rejections.size());
        return new NormalizedPoll(samples, List.copyOf(descriptors.values()), rejections);
    }

    /** The reading's series key with the topology added; null, with a rejection noted, when it cannot have one. */
    private SeriesKey seriesKey(Reading r, List<String> rejections) {
        String clash = clash(r);
        if (clash != null) {
            rejections.add("device '" + deviceId + "': reading " + r.metric() + r.attributes()
                    + " sets attribute '" + clash + "', which the collectors own; reading dropped");
            return null;
        }
        TreeMap<String, String> attributes = new TreeMap<>(r.attributes());
        attributes.putAll(deviceAttributes);
        try {
            return SeriesKey.of(r.metric(), attributes);
        } catch (IllegalArgumentException e) {
            rejections.add("device '" + deviceId + "': " + e.getMessage() + "; reading dropped");
            return null;
        }
    }

    private String clash(Reading r) {
        for (String name : r.attributes().keySet()) {
            if (TOPOLOGY_ATTRIBUTES.contains(name) || deviceAttributes.containsKey(name)) {
                return name;
            }
        }
        return null;
    }
}
