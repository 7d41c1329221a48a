package dev.pledge.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.PromiseSpec;
import dev.pledge.api.Workflows;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconciliationIntervalTest {
    static final Duration OPERATOR = Duration.ofHours(10);

    @Test
    void thePromisesReconciliationIntervalOverridesTheOperatorsOne() {
        assertThat(ReconciliationInterval.of(spec("1h30m"), OPERATOR)).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void withoutOneTheOperatorsIntervalApplies() {
        assertThat(ReconciliationInterval.of(spec(null), OPERATOR)).isEqualTo(OPERATOR);
        assertThat(ReconciliationInterval.of(new PromiseSpec(), OPERATOR)).isEqualTo(OPERATOR);
    }

    @Test
    void anUnreadableIntervalFallsBackToTheOperatorsOne() {
        assertThat(ReconciliationInterval.of(spec("soon"), OPERATOR)).isEqualTo(OPERATOR);
    }

    static PromiseSpec spec(String interval) {
        Workflows.Config config = new Workflows.Config();
        config.setReconciliationInterval(interval);
        Workflows workflows = new Workflows();
        workflows.setConfig(config);
        PromiseSpec spec = new PromiseSpec();
        spec.setWorkflows(workflows);
        return spec;
    }
}
