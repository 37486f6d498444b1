package org.dcsuite.core.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where and how a device is reached: {@code modbus://host:port?unit=N}, {@code snmp://host:port},
 * {@code redfish://host:port}, {@code https://host:port/path}. Credentials never go in the URI (they would be
 * printed with it); they are a device's {@link Credentials}.
 *
 * @param uri      the URI as written
 * @param protocol from the scheme
 * @param host     host name or address ({@code [::1]} for IPv6)
 * @param port     the URI's port, or the protocol's default
 */
public record Endpoint(URI uri, Protocol protocol, String host, int port) {

    /** The Modbus unit id when the URI does not give one. */
    public static final int DEFAULT_MODBUS_UNIT = 1;

    public Endpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1-65535");
        }
    }

    /**
     * @throws IllegalArgumentException saying what is wrong; the message never repeats the text, which might
     *                                  hold credentials by mistake
     */
    public static Endpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URI: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("missing scheme: write e.g. snmp://10.0.0.5:161");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Protocol protocol = Protocol.fromScheme(scheme).orElseThrow(() -> new IllegalArgumentException(
                "unsupported scheme '" + scheme + "': use modbus, snmp, redfish or https"));
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("credentials in the URI are not allowed: put them under credentials");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("missing or invalid host: write e.g. " + scheme + "://10.0.0.5");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new IllegalArgumentException("port " + uri.getPort() + " out of range 1-65535");
        }
        boolean emptyPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        switch (protocol) {
            case MODBUS -> {
                if (!emptyPath) {
                    throw new IllegalArgumentException("modbus endpoints take no path: write modbus://host:port?unit=N");
                }
                parseModbusUnit(uri.getRawQuery());
            }
            case SNMP -> {
                if (!emptyPath || uri.getRawQuery() != null) {
                    throw new IllegalArgumentException("snmp endpoints take no path or query: write snmp://host:port");
                }
            }
            case REDFISH -> {
                if (uri.getRawQuery() != null) {
                    throw new IllegalArgumentException("redfish endpoints take no query: write redfish://host:port");
                }
            }
            case HTTPS -> {
                // A plain HTTPS endpoint may point at any resource, so path and query are the device's business.
            }
        }
        int port = uri.getPort() == -1 ? protocol.defaultPort() : uri.getPort();
        return new Endpoint(uri, protocol, uri.getHost(), port);
    }

    /** The Modbus unit id ({@code ?unit=N}, default {@link #DEFAULT_MODBUS_UNIT}); empty for other protocols. */
    public OptionalInt modbusUnit() {
        return protocol == Protocol.MODBUS ? OptionalInt.of(parseModbusUnit(uri.getRawQuery())) : OptionalInt.empty();
    }

    private static int parseModbusUnit(String query) {
        if (query == null || query.isEmpty()) {
            return DEFAULT_MODBUS_UNIT;
        }
        if (!query.startsWith("unit=") || query.contains("&")) {
            throw new IllegalArgumentException("modbus endpoints accept only the query unit=N (0-255)");
        }
        try {
            int unit = Integer.parseInt(query.substring("unit=".length()));
            if (unit < 0 || unit > 255) {
                throw new IllegalArgumentException("modbus unit " + unit + " out of range 0-255");
            }
            return unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("modbus unit must be a number 0-255");
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
