package org.dcsuite.core.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rule for identifiers of sites, rooms, racks, devices and components: lowercase slugs, so they work
 * unchanged as series attributes, URL segments and file names.
 */
public final class Ids {

    /** Lowercase letters and digits, then also {@code -} and {@code _}. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /**
     * @param what what the id names ("device id"), for the message
     * @return the id
     * @throws IllegalArgumentException naming the id and the accepted form
     */
    public static String require(String id, String what) {
        Objects.requireNonNull(id, what);
        if (!isValid(id)) {
            throw new IllegalArgumentException("invalid " + what + " '" + id
                    + "': use lowercase letters, digits, '-' and '_', starting with a letter or digit");
        }
        return id;
    }

    /**
     * Turns a vendor name ({@code Fan.Embedded.1A}, {@code PSU 1}) into a valid id ({@code fan-embedded-1a},
     * {@code psu-1}), for drivers that discover components.
     */
    public static String slugify(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^[-_]+|-+$", "");
        return slug.isEmpty() ? "unnamed" : slug;
    }
}
