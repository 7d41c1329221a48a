package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the annotation pledge.dev/state-store-reconciliation-interval on a store is read. */
class StateStoreReconciliationIntervalTest {

    @Test
    void anIntervalIsANumberWithAUnitOrAnIsoDuration() {
        assertThat(StateStoreReconciler.parseInterval("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(StateStoreReconciler.parseInterval("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(StateStoreReconciler.parseInterval("10h")).isEqualTo(Duration.ofHours(10));
        assertThat(StateStoreReconciler.parseInterval("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(StateStoreReconciler.parseInterval("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(StateStoreReconciler.parseInterval("0")).as("zero turns verification off").isZero();
    }

    @Test
    void anythingElseIsRefusedSoTheDefaultApplies() {
        for (String bad : new String[] {"soon", "-5s", "PT-1S", "10 hours", "1d"}) {
            assertThatThrownBy(() -> StateStoreReconciler.parseInterval(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
