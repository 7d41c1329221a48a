package dev.pledge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Job updates the workflow meters count: each Job once, on the update that finishes it. */
class FinishedJobTest {
    static final Map<String, String> LABELS = Map.of("kratix.io/promise-name", "redis",
            "kratix.io/workflow-type", "resource", "kratix.io/workflow-action", "configure",
            "app.kubernetes.io/managed-by", "Kratix");

    @Test
    void aJobThatCompletesIsCountedAsSucceededWithItsRunTime() {
        FinishedJob finished = FinishedJob.transition(running(), complete("2026-01-01T10:00:42Z")).orElseThrow();

        assertThat(finished).isEqualTo(new FinishedJob("redis", "resource", "configure", "succeeded",
                java.util.Optional.of(Duration.ofSeconds(42))));
    }

    @Test
    void aJobThatFailsIsCountedAsFailedUntilItsFailedCondition() {
        FinishedJob finished = FinishedJob.transition(running(), failed("2026-01-01T10:02:00Z")).orElseThrow();

        assertThat(finished.outcome()).isEqualTo("failed");
        assertThat(finished.duration()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aJobAlreadyFinishedWhenFirstSeenIsNotCountedAgain() {
        Job done = complete("2026-01-01T10:00:42Z");

        assertThat(FinishedJob.transition(null, done)).isEmpty();
        assertThat(FinishedJob.transition(done, done)).as("a resync of a finished Job").isEmpty();
        assertThat(FinishedJob.transition(running(), running())).as("still running").isEmpty();
    }

    @Test
    void unknownLabelValuesBecomeOtherSoTheyCannotGrowTheMeters() {
        Job odd = new JobBuilder(complete("2026-01-01T10:00:42Z")).editMetadata()
                .withLabels(Map.of("kratix.io/promise-name", "redis", "kratix.io/workflow-type", "x-" + System.nanoTime()))
                .endMetadata().build();

        FinishedJob finished = FinishedJob.transition(running(), odd).orElseThrow();

        assertThat(finished.type()).isEqualTo("other");
        assertThat(finished.action()).isEqualTo("other");
    }

    private static Job running() {
        return new JobBuilder().withNewMetadata().withName("redis-configure-1").withLabels(LABELS).endMetadata()
                .withNewStatus().withStartTime("2026-01-01T10:00:00Z").withActive(1).endStatus().build();
    }

    private static Job complete(String at) {
        return new JobBuilder(running()).editStatus().withActive(0).withSucceeded(1).withCompletionTime(at)
                .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime(at).endCondition()
                .endStatus().build();
    }

    private static Job failed(String at) {
        return new JobBuilder(running()).editStatus().withActive(0).withFailed(1)
                .addNewCondition().withType("FailureTarget").withStatus("True").withLastTransitionTime(at).endCondition()
                .addNewCondition().withType("Failed").withStatus("True").withLastTransitionTime(at).endCondition()
                .endStatus().build();
    }
}
