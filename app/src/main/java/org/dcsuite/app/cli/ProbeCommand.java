package org.dcsuite.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.core.time.Durations;
import org.dcsuite.drivers.DeviceDriver;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcsuite probe URI}: polls one device once through the real driver and prints one JSON object per
 * reading per line, so a new device or profile can be checked before it goes into the configuration.
 */
@Command(name = "probe",
        description = {
                "Polls one device once and prints one JSON object per reading per line:",
                "{\"metric\":..,\"unit\":..,\"value\":..,\"attributes\":{..},\"device\":..,\"time\":..}",
                "Points that could not be read are listed on stderr; the exit code is 0 when anything was read."},
        footer = {"",
                "URIs:",
                "  modbus://HOST:PORT?unit=N     --profile NAME, or SunSpec discovery without it",
                "  snmp://HOST:PORT              --community C, or --user U --auth-proto P --auth-pass X",
                "                                [--priv-proto P --priv-pass Y]; profile by sysObjectID without --profile",
                "  redfish://HOST:PORT           plain HTTP, for labs and mockups",
                "  https://HOST:PORT             --username U --password P, and --ca FILE, --pin SHA256 or --insecure",
                "",
                "Exit codes: 0 read something, 1 the device could not be read (unreachable, timeout, credentials,",
                "unknown profile), 2 the command line is wrong."},
        sortOptions = false)
public final class ProbeCommand implements java.util.concurrent.Callable<Integer> {

    private static final JsonFactory JSON = new JsonFactory();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URI", description = "The device: modbus://, snmp://, redfish:// or https://")
    String uri;

    @Option(names = "--profile", paramLabel = "NAME", description = "Device profile; without it the driver discovers one")
    String profile;

    @Option(names = "--device", paramLabel = "ID", defaultValue = "probe", description = "Device id in the output (default ${DEFAULT-VALUE})")
    String deviceId;

    @Option(names = "--community", paramLabel = "C", description = "SNMP v1/v2c community")
    String community;

    @Option(names = "--user", paramLabel = "U", description = "SNMPv3 user")
    String snmpUser;

    @Option(names = "--auth-proto", paramLabel = "P", description = "SNMPv3 authentication: MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512")
    String authProtocol;

    @Option(names = "--auth-pass", paramLabel = "X", description = "SNMPv3 authentication passphrase")
    String authPass;

    @Option(names = "--priv-proto", paramLabel = "P", description = "SNMPv3 privacy: DES, AES, AES-192, AES-256")
    String privProtocol;

    @Option(names = "--priv-pass", paramLabel = "Y", description = "SNMPv3 privacy passphrase")
    String privPass;

    @Option(names = "--username", paramLabel = "U", description = "Redfish user")
    String username;

    @Option(names = "--password", paramLabel = "P", description = "Redfish password")
    String password;

    @Option(names = "--insecure", description = "Redfish over HTTPS without certificate checks (labs only; logged as a warning)")
    boolean insecure;

    @Option(names = "--ca", paramLabel = "FILE", description = "Redfish: trust the CA certificates in this PEM file")
    Path caFile;

    @Option(names = "--pin", paramLabel = "SHA256", description = "Redfish: accept only the certificate with this SHA-256 fingerprint")
    String pin;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "3s", description = "Timeout of one request (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "1", description = "Retries after a failed request (default ${DEFAULT-VALUE})")
    int retries;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "A driver option, e.g. snmp.version=1 or modbus.gap_fill=20 (see each driver's README)")
    Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid device URI: " + e.getMessage());
        }
        Duration requestTimeout;
        try {
            requestTimeout = Durations.parsePositive(timeout);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--timeout: " + e.getMessage());
        }
        Map<String, String> driverOptions = new LinkedHashMap<>(options);
        Credentials credentials = credentials(endpoint.protocol(), driverOptions);
        DeviceTarget target;
        try {
            target = new DeviceTarget(deviceId, endpoint, Optional.ofNullable(profile), credentials, requestTimeout,
                    retries, driverOptions, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        DeviceDriver driver = DeviceDrivers.forProtocol(endpoint.protocol());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PollResult result;
        try {
            result = pollWithDeadline(driver, target, deadline(requestTimeout));
        } catch (DriverException e) {
            err.println("dcsuite probe: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        for (Reading r : result.readings()) {
            out.println(json(r, deviceId));
        }
        out.flush();
        for (PointError e : result.errors()) {
            err.println("dcsuite probe: " + target.describe() + ": " + e.point() + ": " + e.kind().name().toLowerCase()
                    + ": " + e.message());
        }
        err.flush();
        if (result.readings().isEmpty()) {
            err.println("dcsuite probe: " + target.describe() + ": nothing could be read");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** A poll walks many requests; the drivers bound each one, this bounds the whole poll for a CLI user. */
    private Duration deadline(Duration requestTimeout) {
        return requestTimeout.multipliedBy(retries + 1L).multipliedBy(20).plusSeconds(5);
    }

    private static PollResult pollWithDeadline(DeviceDriver driver, DeviceTarget target, Duration deadline) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "probe-" + target.deviceId());
            t.setDaemon(true);
            return t;
        });
        try (DeviceSession session = driver.open(target)) {
            Future<PollResult> poll = executor.submit(session::poll);
            try {
                return poll.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                poll.cancel(true);
                throw new DriverException(org.dcsuite.drivers.DriverErrorKind.TIMEOUT, target.describe()
                        + ": no complete answer within " + Durations.format(deadline));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DriverException de) {
                    throw de;
                }
                throw new DriverException(org.dcsuite.drivers.DriverErrorKind.PROTOCOL, target.describe() + ": "
                        + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException(org.dcsuite.drivers.DriverErrorKind.TIMEOUT, target.describe() + ": interrupted");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private Credentials credentials(Protocol protocol, Map<String, String> driverOptions) {
        boolean snmpFlags = community != null || snmpUser != null || authPass != null || privPass != null
                || authProtocol != null || privProtocol != null;
        boolean redfishFlags = username != null || password != null || insecure || caFile != null || pin != null;
        if (snmpFlags && protocol != Protocol.SNMP) {
            throw new UsageException("--community, --user, --auth-* and --priv-* are for snmp:// devices, not "
                    + protocol.scheme() + "://");
        }
        if (redfishFlags && protocol != Protocol.REDFISH && protocol != Protocol.HTTPS) {
            throw new UsageException("--username, --password, --insecure, --ca and --pin are for redfish:// and https:// devices, not "
                    + protocol.scheme() + "://");
        }
        if (authProtocol != null) {
            driverOptions.put("snmp.auth_protocol", authProtocol);
        }
        if (privProtocol != null) {
            driverOptions.put("snmp.priv_protocol", privProtocol);
        }
        if (insecure) {
            driverOptions.put("redfish.insecure", "true");
        }
        if (caFile != null) {
            driverOptions.put("redfish.ca_file", caFile.toAbsolutePath().toString());
        }
        if (pin != null) {
            driverOptions.put("redfish.pin_sha256", pin);
        }
        String user = protocol == Protocol.SNMP ? snmpUser : username;
        return new Credentials(secret(community), secret(user), secret(password), secret(authPass), secret(privPass));
    }

    private static Optional<Secret> secret(String value) {
        return Optional.ofNullable(value).map(Secret::of);
    }

    static String json(Reading r, String device) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("metric", r.metric());
            g.writeStringField("unit", r.unit().code());
            if (Double.isFinite(r.value())) {
                g.writeNumberField("value", r.value());
            } else {
                g.writeStringField("value", Double.toString(r.value()));
            }
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.attributes()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("device", device);
            g.writeStringField("time", r.time().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
