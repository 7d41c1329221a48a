package dev.pledge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A store's round is counted, timed and sized once: the batch-size sample is the round's placement count. */
class StateStoreRoundMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PledgeMetrics metrics = new PledgeMetrics(registry);

    @Test
    void aRoundOfFortyPlacementsIsOneBatchSizeSampleOfForty() {
        metrics.roundEnded("GitStateStore", "repo", 40, true, Duration.ofMillis(300));
        metrics.roundEnded("GitStateStore", "repo", 0, true, Duration.ofMillis(100)); // canary files only

        DistributionSummary size = registry.find("pledge.statestore.batch.size").tag("store", "repo").summary();
        assertThat(size.count()).isEqualTo(1);
        assertThat(size.totalAmount()).isEqualTo(40);
        assertThat(registry.find("pledge.statestore.writes").tag("result", "success").counter().count()).isEqualTo(2);
        assertThat(registry.find("pledge.statestore.write").timer().count()).isEqualTo(2);
    }
}
