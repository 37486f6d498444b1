package org.dcsuite.core.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;

/**
 * A loaded and validated configuration folder.
 *
 * @param directory the folder it was loaded from (absolute)
 * @param store     store settings
 * @param http      HTTP settings
 * @param receivers OTLP, SNMP trap and Redfish event receivers
 * @param tracing   dcsuite's own spans
 * @param dashboard the web UI and its users
 * @param collectors default poll intervals
 * @param sites     sites in file-name order; site and device ids are unique across them
 */
public record DcsuiteConfig(Path directory, StoreConfig store, HttpConfig http, ReceiversConfig receivers,
        TracingConfig tracing, DashboardConfig dashboard, CollectorsConfig collectors, List<Site> sites) {

    public DcsuiteConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(receivers, "receivers");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(dashboard, "dashboard");
        Objects.requireNonNull(collectors, "collectors");
        sites = List.copyOf(sites);
        Set<String> siteIds = new HashSet<>();
        Set<String> deviceIds = new HashSet<>();
        for (Site site : sites) {
            if (!siteIds.add(site.id())) {
                throw new IllegalArgumentException("duplicate site id '" + site.id() + "'");
            }
            for (DeviceLocation l : site.locations()) {
                if (!deviceIds.add(l.device().id())) {
                    throw new IllegalArgumentException("duplicate device id '" + l.device().id() + "'");
                }
            }
        }
    }

    /** The configuration used when no folder is given: every default, no sites. */
    public static DcsuiteConfig defaults() {
        return new DcsuiteConfig(Path.of("").toAbsolutePath(), StoreConfig.DEFAULT, HttpConfig.DEFAULT,
                ReceiversConfig.DEFAULT, TracingConfig.DEFAULT, DashboardConfig.DEFAULT, CollectorsConfig.DEFAULT,
                List.of());
    }

    /** All devices across sites. */
    public List<Device> devices() {
        return locations().stream().map(DeviceLocation::device).toList();
    }

    /** All devices across sites with their site, room and rack. */
    public List<DeviceLocation> locations() {
        return sites.stream().flatMap(s -> s.locations().stream()).toList();
    }

    /** Finds a device by id. */
    public Optional<DeviceLocation> locate(String deviceId) {
        return locations().stream().filter(l -> l.device().id().equals(deviceId)).findFirst();
    }

    /** One line for logs and {@code dcsuite validate}, e.g. {@code 1 site, 1 room, 2 racks, 4 devices}. */
    public String summary() {
        List<Room> rooms = sites.stream().flatMap(s -> s.rooms().stream()).toList();
        long racks = rooms.stream().mapToLong(r -> r.racks().size()).sum();
        return count(sites.size(), "site") + ", " + count(rooms.size(), "room") + ", " + count(racks, "rack") + ", "
                + count(locations().size(), "device");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
