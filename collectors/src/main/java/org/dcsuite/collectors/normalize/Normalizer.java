package org.dcsuite.collectors.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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
 */
public final class Normalizer {

    /** Names the collectors own on every series, whether or not a given device has them. */
    public static final Set<String> TOPOLOGY_ATTRIBUTES = Set.of("site", "room", "rack", "device", "feed");

    private final String deviceId;
    private final Map<String, String> deviceAttributes;
    private final AtomicLong rejected = new AtomicLong();

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
            String clash = clash(r);
            if (clash != null) {
                rejections.add("device '" + deviceId + "': reading " + r.metric() + r.attributes()
                        + " sets attribute '" + clash + "', which the collectors own; reading dropped");
                continue;
            }
            TreeMap<String, String> attributes = new TreeMap<>(r.attributes());
            attributes.putAll(deviceAttributes);
            SeriesKey key;
            try {
                key = SeriesKey.of(r.metric(), attributes);
            } catch (IllegalArgumentException e) {
                rejections.add("device '" + deviceId + "': " + e.getMessage() + "; reading dropped");
                continue;
            }
            samples.add(Sample.of(key, r.time(), r.value()));
            // The first reading of a metric in a poll names its unit; drivers emit one unit per metric.
            descriptors.putIfAbsent(r.metric(), new MetricDescriptor(r.metric(), r.unit(), r.kind(), ""));
        }
        rejected.addAndGet(rejections.size());
        return new NormalizedPoll(samples, List.copyOf(descriptors.values()), rejections);
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
