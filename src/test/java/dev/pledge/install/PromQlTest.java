package dev.pledge.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name reader the dashboard and alert checks rely on: functions, labels and ranges are not metrics. */
class PromQlTest {
    @Test
    void readsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, kind, store) "
                + "(rate(pledge_statestore_write_seconds_bucket{result=\"fail ure\"}[5m])))"))
                .containsExactly("pledge_statestore_write_seconds_bucket");
        assertThat(PromQl.metricNames("sum by (a) (rate(x_total[10m])) / sum by (a) (rate(y_total[10m])) > 0.2"
                + " unless on (a) absent(up{job=\"pledge\"} == 1)"))
                .containsExactly("x_total", "y_total", "up");
    }
}
