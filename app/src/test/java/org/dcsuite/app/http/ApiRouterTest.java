package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.dcsuite.app.promql.PromqlExecutionException;
import org.dcsuite.app.promql.PromqlSyntaxException;
import org.dcsuite.core.store.StoreException;
import org.junit.jupiter.api.Test;

class ApiRouterTest {

    @Test
    void failuresMapToPrometheusErrorTypes() {
        assertThat(ApiRouter.classify(ApiException.badData("x"))).isEqualTo(ErrorType.BAD_DATA);
        assertThat(ApiRouter.classify(new PromqlSyntaxException("q", 0, "x"))).isEqualTo(ErrorType.BAD_DATA);
        assertThat(ApiRouter.classify(new IllegalArgumentException("x"))).isEqualTo(ErrorType.BAD_DATA);
        assertThat(ApiRouter.classify(new PromqlExecutionException("x"))).isEqualTo(ErrorType.EXECUTION);
        assertThat(ApiRouter.classify(new StoreException("down", true))).isEqualTo(ErrorType.UNAVAILABLE);
        assertThat(ApiRouter.classify(new StoreException("schema", false))).isEqualTo(ErrorType.EXECUTION);
        assertThat(ApiRouter.classify(new NullPointerException())).isEqualTo(ErrorType.INTERNAL);
        assertThat(ErrorType.UNAVAILABLE.httpStatus()).isEqualTo(503);
        assertThat(ErrorType.UNAUTHORIZED.httpStatus()).isEqualTo(401);
    }

    @Test
    void endpointsAreAFixedSet() {
        assertThat(ApiMetrics.endpoint("/api/v1/label/site/values")).isEqualTo("/api/v1/label/{name}/values");
        assertThat(ApiMetrics.endpoint("/api/v1/query_range")).isEqualTo("/api/v1/query_range");
        assertThat(ApiMetrics.endpoint("/random/" + System.nanoTime())).isEqualTo("other");
    }
}
