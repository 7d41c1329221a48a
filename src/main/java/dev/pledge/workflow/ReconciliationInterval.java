package dev.pledge.workflow;

import dev.pledge.api.PromiseSpec;
import dev.pledge.validation.GoDuration;
import java.time.Duration;

/**
 * How often a completed configure workflow runs again: the Promise's {@code spec.workflows.config
 * .reconciliationInterval} when it sets one, else the operator's {@code pledge.workflows.reconciliation-interval}.
 * The Promise controller rejects an unreadable or too short value before any workflow runs; should one reach here
 * anyway, the operator's interval applies.
 */
public final class ReconciliationInterval {
    private ReconciliationInterval() {
    }

    public static Duration of(PromiseSpec spec, Duration operatorDefault) {
        var workflows = spec == null ? null : spec.getWorkflows();
        String configured = workflows == null || workflows.getConfig() == null ? null
                : workflows.getConfig().getReconciliationInterval();
        if (configured == null || configured.isBlank()) {
            return operatorDefault;
        }
        try {
            Duration interval = GoDuration.parse(configured);
            return interval.isZero() || interval.isNegative() ? operatorDefault : interval;
        } catch (IllegalArgumentException e) {
            return operatorDefault;
        }
    }
}
