package org.dcsuite.app.promapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.dcsuite.app.promql.PromqlSeries;
import org.dcsuite.core.store.Point;
import org.junit.jupiter.api.Test;

class PrometheusJsonLabeledMatrixTest {

    @Test
    void seriesWithoutAMetricNameKeepOnlyTheirLabels() {
        TreeMap<String, String> site = new TreeMap<>();
        site.put("site", "lyon");
        String json = PrometheusJson.labeledMatrix(List.of(
                new PromqlSeries(new TreeMap<>(), List.of(new Point(1_764_000_000_000L, 3))),
                new PromqlSeries(site, List.of(new Point(1_764_000_000_500L, Double.NaN)))));
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{},\"values\":[[1764000000,\"3\"]]},"
                + "{\"metric\":{\"site\":\"lyon\"},\"values\":[[1764000000.5,\"NaN\"]]}]}}");
    }

    @Test
    void unauthorizedIsA401() {
        assertThat(PrometheusJson.ErrorType.UNAUTHORIZED.httpStatus()).isEqualTo(401);
        assertThat(PrometheusJson.error(PrometheusJson.ErrorType.UNAUTHORIZED, "no"))
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"unauthorized\",\"error\":\"no\"}");
    }
}
