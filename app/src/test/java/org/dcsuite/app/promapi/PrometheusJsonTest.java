package org.dcsuite.app.promapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeSeries;
import org.junit.jupiter.api.Test;

class PrometheusJsonTest {

    @Test
    void valuesAreWrittenAsGoWritesThem() {
        assertThat(PrometheusJson.formatValue(1)).isEqualTo("1");
        assertThat(PrometheusJson.formatValue(-2.5)).isEqualTo("-2.5");
        assertThat(PrometheusJson.formatValue(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PrometheusJson.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusJson.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusJson.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusJson.formatValue(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PrometheusJson.formatValue(1e21)).isEqualTo("1e+21");
    }

    @Test
    void matrixHasThePrometheusShape() {
        SeriesKey key = SeriesKey.of("hw.power", "site", "a", "device", "pdu-1");
        String json = PrometheusJson.matrix(List.of(new RangeSeries(key, Unit.WATT,
                List.of(new Point(1_764_000_000_000L, 230.5), new Point(1_764_000_010_123L, 231)))));
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"hw.power\",\"device\":\"pdu-1\",\"site\":\"a\"},"
                + "\"values\":[[1764000000,\"230.5\"],[1764000010.123,\"231\"]]}]}}");
    }

    @Test
    void errorsHaveThePrometheusShape() {
        assertThat(PrometheusJson.error(PrometheusJson.ErrorType.BAD_DATA, "invalid \"step\""))
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid \\\"step\\\"\"}");
    }
}
