package org.dcsuite.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Feed;
import org.dcsuite.core.model.HwType;
import org.dcsuite.core.model.PowerRating;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.core.model.VoltageConvention;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final PowerRating THREE_PHASE_16_A =
            new PowerRating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 3);
    private static final PowerRating SINGLE_PHASE_32_A =
            new PowerRating(32, 230, VoltageConvention.LINE_TO_NEUTRAL, 1);
    private static final String SECRET_VALUE = "s3cr3t-value-that-must-not-leak";

    @TempDir
    Path dir;

    @Test
    void receiversAndTracingAreReadWithDefaultsForWhatIsLeftOut() throws Exception {
        write("dcsuite.yaml", """
                version: dcsuite/v1
                receivers:
                  otlp:
                    port: 14318
                    segments:
                      - { segment: cache, attribute: db.system, attribute_value: redis, span_kind: client }
                  snmp_traps: { enabled: false }
                tracing: { otlp_endpoint: "http://127.0.0.1:4318/v1/traces" }
                """);

        DcsuiteConfig config = ConfigLoader.load(dir);

        OtlpReceiverConfig otlp = config.receivers().otlp();
        assertThat(otlp.enabled()).isTrue();
        assertThat(otlp.port()).isEqualTo(14318);
        SpanSegmentRule rule = otlp.segments().get(0);
        assertThat(rule.segment()).isEqualTo("cache");
        assertThat(rule.attribute()).contains("db.system");
        assertThat(rule.attributeValue().orElseThrow().pattern()).isEqualTo("redis");
        assertThat(rule.spanKind()).contains("client");
        assertThat(rule.spanName()).isEmpty();
        assertThat(config.receivers().snmpTraps().enabled()).isFalse();
        assertThat(config.receivers().snmpTraps().port()).isEqualTo(SnmpTrapReceiverConfig.DEFAULT_PORT);
        assertThat(config.receivers().redfishEvents()).isEqualTo(RedfishEventReceiverConfig.DEFAULT);
        assertThat(config.tracing().otlpEndpoint()).contains(java.net.URI.create("http://127.0.0.1:4318/v1/traces"));
        assertThat(config.tracing().serviceName()).isEqualTo("dcsuite");
    }

    @Test
    void withoutReceiversOrTracingSectionsEveryReceiverIsOnAndTracingOff() throws Exception {
        write("dcsuite.yaml", "version: dcsuite/v1\n");

        DcsuiteConfig config = ConfigLoader.load(dir);

        assertThat(config.receivers()).isEqualTo(ReceiversConfig.DEFAULT);
        assertThat(config.tracing().enabled()).isFalse();
    }

    @Test
    void examplesFolderLoadsCleanly() throws Exception {
        // Surefire runs in core/, and README points users at examples/config.
        DcsuiteConfig config = ConfigLoader.load(Path.of("..", "examples", "config"));

        assertThat(config.summary()).isEqualTo("1 site, 1 room, 2 racks, 10 devices");
        Site site = config.sites().get(0);
        assertThat(site.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(config.devices()).extracting(Device::kind)
                .contains(DeviceKind.PDU, DeviceKind.UPS, DeviceKind.COOLING, DeviceKind.METER, DeviceKind.SERVER);
        assertThat(config.devices()).filteredOn(d -> d.kind() == DeviceKind.PDU).extracting(d -> d.feed().orElseThrow())
                .containsExactly(Feed.A, Feed.B, Feed.A, Feed.B);
        assertThat(config.devices()).filteredOn(d -> d.kind() == DeviceKind.PDU)
                .extracting(d -> d.rating().orElseThrow())
                .containsExactly(THREE_PHASE_16_A, THREE_PHASE_16_A, SINGLE_PHASE_32_A, SINGLE_PHASE_32_A);
        assertThat(site.inletEnvelope()).isEqualTo(new TemperatureEnvelope(18, 27));
        assertThat(config.http().apiTokens()).hasSize(1);
        assertThat(config.store().url()).contains(StoreSettings.DEFAULT_URL);
    }

    @Test
    void mapsEveryFieldIntoTheModel() throws Exception {
        write("dcsuite.yaml", """
                version: dcsuite/v1
                store:
                  retention: { raw: 2d }
                http: { port: 0 }
                """);
        write("sites/lyon.yaml", """
                version: dcsuite/v1
                site:
                  id: lyon
                  time_zone: Europe/Paris
                  grid_region: FR
                  location: Lyon
                  inlet_envelope: { max_c: 32 }
                  devices:
                    - { id: meter, kind: meter, endpoint: "modbus://10.0.0.30?unit=7", profile: m }
                  rooms:
                    - id: room-1
                      name: Room one
                      racks:
                        - id: r01
                          power_budget_w: 8000
                          devices:
                            - id: pdu-a
                              kind: pdu
                              endpoint: snmp://10.0.0.5
                              profile: raritan-pdu2
                              feed: a
                              poll_interval: 1m30s
                              rating: { current_a: 32, voltage_v: 400, convention: line_to_line, phases: 3 }
                              attributes: { vendor: raritan, slot: 3 }
                              components:
                                - { id: inlet, type: voltage }
                                - { id: psu-1, type: power_supply, parent: inlet, name: PSU 1 }
                """);

        DcsuiteConfig config = ConfigLoader.load(dir);

        assertThat(config.directory()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(config.store().url()).isEmpty();
        assertThat(config.store().retention()).isEqualTo(new RetentionPolicy(Duration.ofDays(2),
                RetentionPolicy.DEFAULT_MINUTE_ROLLUPS, RetentionPolicy.DEFAULT_HOUR_ROLLUPS));
        assertThat(config.http().port()).isZero();
        Site site = config.sites().get(0);
        assertThat(site.name()).isEqualTo("lyon");
        assertThat(site.gridRegion()).contains("FR");
        assertThat(site.location()).contains("Lyon");
        assertThat(site.inletEnvelope()).isEqualTo(new TemperatureEnvelope(18, 32));
        assertThat(site.rooms().get(0).racks().get(0).powerBudgetWatts().getAsDouble()).isEqualTo(8000.0);

        DeviceLocation meter = config.locate("meter").orElseThrow();
        assertThat(meter.labels()).containsExactly(java.util.Map.entry("site", "lyon"), java.util.Map.entry("device", "meter"));
        assertThat(meter.device().endpoint().modbusUnit().getAsInt()).isEqualTo(7);
        assertThat(meter.device().endpoint().port()).isEqualTo(502);

        DeviceLocation pdu = config.locate("pdu-a").orElseThrow();
        assertThat(pdu.labels()).containsEntry("room", "room-1").containsEntry("rack", "r01");
        Device d = pdu.device();
        assertThat(d.endpoint().protocol()).isEqualTo(Protocol.SNMP);
        assertThat(d.endpoint().port()).isEqualTo(161);
        assertThat(d.feed()).contains(Feed.A);
        assertThat(d.pollInterval()).contains(Duration.ofSeconds(90));
        assertThat(d.rating()).contains(new PowerRating(32, 400, VoltageConvention.LINE_TO_LINE, 3));
        assertThat(d.attributes()).containsEntry("vendor", "raritan").containsEntry("slot", "3");
        assertThat(meter.device().rating()).isEmpty();
        assertThat(d.components()).extracting(c -> c.type()).containsExactly(HwType.VOLTAGE, HwType.POWER_SUPPLY);
        assertThat(d.components().get(1).parentId()).contains("inlet");
        assertThat(d.credentials().isEmpty()).isTrue();
        assertThat(config.locate("nope")).isEmpty();
    }

    @Test
    void validCaseKeepsTextAsWrittenAndIgnoresFoldersNotYetRead() throws Exception {
        Path folder = Path.of(ConfigLoaderTest.class.getResource("/config-cases/valid-full/config").toURI());

        DcsuiteConfig config = ConfigLoader.load(folder);

        assertThat(config.sites()).extracting(Site::id).containsExactly("edge-lyon", "paris");
        assertThat(config.sites().get(1).gridRegion()).contains("NO");
        assertThat(config.sites().get(0).inletEnvelope()).isEqualTo(new TemperatureEnvelope(15, 32));
        assertThat(config.sites().get(1).inletEnvelope()).isEqualTo(TemperatureEnvelope.ASHRAE_RECOMMENDED);
        assertThat(config.locate("r01-pdu-a").orElseThrow().device().rating())
                .contains(new PowerRating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 1));
        PowerRating ups = config.locate("lyon-ups").orElseThrow().device().rating().orElseThrow();
        assertThat(ups).isEqualTo(new PowerRating(14.5, 400, VoltageConvention.LINE_TO_LINE, 3));
        assertThat(ups.watts()).isCloseTo(Math.sqrt(3) * 400 * 14.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(config.http().apiTokens()).extracting(Secret::source)
                .containsExactly("env:HOME", "file:token.txt", "literal");
        assertThat(config.http().apiTokens().get(1).reveal()).isEqualTo("file-token");
        assertThat(config.store().retention().raw()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void fileSecretsResolveAgainstTheConfigFolder() throws Exception {
        write("secrets/token", SECRET_VALUE + "\n");
        write("dcsuite.yaml", """
                version: dcsuite/v1
                http:
                  api_tokens: [ "${file:secrets/token}" ]
                """);

        DcsuiteConfig config = ConfigLoader.load(dir);

        Secret token = config.http().apiTokens().get(0);
        assertThat(token.reveal()).isEqualTo(SECRET_VALUE);
        assertThat(token.source()).isEqualTo("file:secrets/token");
    }

    @Test
    void environmentSecretsResolveAndUnsetOnesAreNamedWithoutValues() throws Exception {
        write("dcsuite.yaml", """
                version: dcsuite/v1
                http:
                  api_tokens: [ "${env:PATH}" ]
                """);
        assertThat(ConfigLoader.load(dir).http().apiTokens().get(0).reveal()).isEqualTo(System.getenv("PATH"));

        write("dcsuite.yaml", """
                version: dcsuite/v1
                http:
                  api_tokens: [ "${env:DCSUITE_UNSET_7E2B94C1}" ]
                """);
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("dcsuite.yaml:3:17: http.api_tokens[0]: environment variable DCSUITE_UNSET_7E2B94C1 is not set");
    }

    @Test
    void theEnvironmentCanBeInjected() throws Exception {
        write("dcsuite.yaml", """
                version: dcsuite/v1
                store: { url: "${env:STORE_URL}" }
                """);

        DcsuiteConfig config = ConfigLoader.load(dir,
                name -> name.equals("STORE_URL") ? "jdbc:postgresql://db/x?user=u&password=" + SECRET_VALUE : null);

        assertThat(config.store().url().orElseThrow()).endsWith(SECRET_VALUE);
        assertThat(config.store().toString()).doesNotContain(SECRET_VALUE).contains("password=***");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() throws Exception {
        write("secret.txt", SECRET_VALUE);
        write("dcsuite.yaml", """
                version: dcsuite/v1
                http:
                  api_tokens: [ "%s", "${file:secret.txt}" ]
                """.formatted(SECRET_VALUE));
        write("sites/s.yaml", """
                version: dcsuite/v1
                site:
                  id: s
                  time_zone: UTC
                  devices:
                    - id: ups
                      kind: ups
                      endpoint: snmp://10.0.0.1
                      profile: apc
                      credentials: { username: "%1$s", auth_passphrase: "${file:secret.txt}", priv_passphrase: "%1$s" }
                    - id: bmc
                      kind: server
                      endpoint: redfish://10.0.0.2
                      profile: idrac
                      credentials: { username: root, password: "%1$s" }
                """.formatted(SECRET_VALUE));

        DcsuiteConfig config = ConfigLoader.load(dir);

        assertThat(config.toString()).doesNotContain(SECRET_VALUE).contains("***");
        assertThat(config.devices().toString()).doesNotContain(SECRET_VALUE);
        assertThat(config.locations().toString()).doesNotContain(SECRET_VALUE);
        assertThat(config.devices().get(1).credentials().password().orElseThrow().reveal()).isEqualTo(SECRET_VALUE);

        // Wrong places and wrong types must not quote the value either.
        write("sites/s.yaml", """
                version: dcsuite/v1
                site:
                  id: s
                  time_zone: UTC
                  devices:
                    - id: ups
                      kind: ups
                      endpoint: modbus://10.0.0.1
                      profile: apc
                      credentials: { password: "%1$s", community: "%1$s${env:X}" }
                    - id: other
                      kind: other
                      endpoint: "snmp://user:%1$s@10.0.0.3"
                      profile: apc
                """.formatted(SECRET_VALUE));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_VALUE).contains("credentials"));
    }

    @Test
    void aMissingFolderIsAProblemNotACrash() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("configuration folder").hasMessageContaining("not found");
    }

    @Test
    void defaultsNeedNoFolder() {
        DcsuiteConfig config = DcsuiteConfig.defaults();

        assertThat(config.store()).isEqualTo(StoreConfig.DEFAULT);
        assertThat(config.store().toSettings(java.time.Clock.systemUTC()).url()).isEqualTo(StoreSettings.DEFAULT_URL);
        assertThat(config.http().port()).isEqualTo(HttpConfig.DEFAULT_PORT);
        assertThat(config.http().apiTokens()).isEmpty();
        assertThat(config.sites()).isEmpty();
        assertThat(config.summary()).isEqualTo("0 sites, 0 rooms, 0 racks, 0 devices");
    }

    @Test
    void problemsPrintRelativeToTheFolder() {
        ConfigProblem p = new ConfigProblem(Path.of("sites", "a.yaml"), 12, 9, "site.id", "bad");
        assertThat(p).hasToString("sites/a.yaml:12:9: site.id: bad");
        assertThat(new ConfigProblem(Path.of("dcsuite.yaml"), 0, 0, "", "not found"))
                .hasToString("dcsuite.yaml: not found");
    }

    @Test
    void driverSettingsAndAnOptionalProfile() throws Exception {
        write("dcsuite.yaml", "version: dcsuite/v1\n");
        write("sites/s.yaml", """
                version: dcsuite/v1
                site:
                  id: s
                  time_zone: UTC
                  devices:
                    - id: meter
                      kind: meter
                      endpoint: modbus://10.0.0.3
                      timeout: 750ms
                      retries: 0
                      options: { modbus.gap_fill: 20 }
                    - { id: bmc, kind: server, endpoint: "redfish://10.0.0.4", profile: redfish-generic }
                """);
        DcsuiteConfig config = ConfigLoader.load(dir);
        Device meter = config.devices().get(0);
        assertThat(meter.profile()).isEmpty();
        assertThat(meter.driver().timeout()).contains(Duration.ofMillis(750));
        assertThat(meter.driver().retries()).hasValue(0);
        assertThat(meter.driver().options()).containsExactly(java.util.Map.entry("modbus.gap_fill", "20"));
        Device bmc = config.devices().get(1);
        assertThat(bmc.profile()).contains("redfish-generic");
        assertThat(bmc.driver()).isEqualTo(org.dcsuite.core.model.DriverSettings.DEFAULT);
    }

    private void write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
