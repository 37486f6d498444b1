package org.dcsuite.collectors.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.collectors.otlp.OtlpSpans.attr;
import static org.dcsuite.collectors.otlp.OtlpSpans.child;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.OtlpReceiverConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample configuration in the package README is loaded and means what the README says. */
class OtlpReadmeConfigTest {

    private static final Path README = Path.of("src/main/java/org/dcsuite/collectors/otlp/README.md");

    @Test
    void readmeSampleLoadsAndItsRulesComeBeforeTheDefaults(@TempDir Path dir) throws Exception {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Configuration");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Files.writeString(dir.resolve(ConfigLoader.MAIN_FILE), "version: dcsuite/v1\n" + yaml);

        OtlpReceiverConfig otlp = ConfigLoader.load(dir).receivers().otlp();
        SpanSegmentMapper mapper = new SpanSegmentMapper(otlp.segments());

        assertThat(otlp.port()).isEqualTo(OtlpReceiverConfig.DEFAULT_PORT);
        assertThat(mapper.segmentOf(TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8", "GET",
                SpanKind.SPAN_KIND_CLIENT, 0, 1).addAttributes(attr("db.system", "redis")).build())))
                .isEqualTo("cache");
        assertThat(mapper.segmentOf(TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8",
                "charge card", SpanKind.SPAN_KIND_CLIENT, 0, 1).addAttributes(attr("http.request.method", "POST"))
                .build()))).isEqualTo("payment");
        assertThat(mapper.segmentOf(TraceSpan.of("svc", "", child("00f067aa0ba902b7", "00f067aa0ba902b8", "SELECT",
                SpanKind.SPAN_KIND_CLIENT, 0, 1).addAttributes(attr("db.system", "postgresql")).build())))
                .isEqualTo("storage");
    }
}
