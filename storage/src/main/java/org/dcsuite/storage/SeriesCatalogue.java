package org.dcsuite.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;

/**
 * The in-memory map between series keys and their database ids. Appends look keys up here on every sample
 * (the key's hash is cached), and selectors are matched here in Java so every store has the same regex
 * semantics.
 */
final class SeriesCatalogue {

    /** One known series. */
    record Entry(long id, SeriesKey key, Unit unit) {
    }

    private final Map<SeriesKey, Entry> byKey = new ConcurrentHashMap<>();
    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    /** Selectors almost always name their metric: matching then looks at that metric's series only. */
    private final Map<String, Set<Entry>> byMetric = new ConcurrentHashMap<>();
    private volatile long refreshedUpTo;

    Entry get(SeriesKey key) {
        return byKey.get(key);
    }

    Entry byId(long id) {
        return byId.get(id);
    }

    /** Adds a series this process just created; the refresh marker stays, see {@link #addLoaded}. */
    synchronized void add(Entry entry) {
        if (byKey.putIfAbsent(entry.key(), entry) == null) {
            byId.putIfAbsent(entry.id(), entry);
            byMetric.computeIfAbsent(entry.key().metric(), m -> ConcurrentHashMap.newKeySet()).add(entry);
        }
    }

    /**
     * Adds a series read by a catalogue refresh and moves the refresh marker. Ids this process created itself
     * do not move it: another process may hold lower ids that are not visible yet.
     */
    synchronized void addLoaded(Entry entry) {
        add(entry);
        if (entry.id() > refreshedUpTo) {
            refreshedUpTo = entry.id();
        }
    }

    /** The highest id a refresh has read; series above it may exist without being known here yet. */
    long refreshedUpTo() {
        return refreshedUpTo;
    }

    int size() {
        return byId.size();
    }

    Collection<Entry> entries() {
        return byId.values();
    }

    /** Series matched by any selector; every series when there are none. */
    List<Entry> matching(List<SeriesSelector> selectors) {
        if (selectors.isEmpty()) {
            return new ArrayList<>(byId.values());
        }
        if (selectors.stream().allMatch(s -> s.metricName().isPresent())) {
            Set<Entry> out = new LinkedHashSet<>();
            for (SeriesSelector s : selectors) {
                for (Entry e : byMetric.getOrDefault(s.metricName().get(), Set.of())) {
                    if (s.matches(e.key())) {
                        out.add(e);
                    }
                }
            }
            return new ArrayList<>(out);
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : byId.values()) {
            for (SeriesSelector s : selectors) {
                if (s.matches(e.key())) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }
}
