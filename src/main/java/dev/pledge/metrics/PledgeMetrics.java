package dev.pledge.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Pledge's own meters, beside those of the Operator SDK, on {@code /q/metrics}:
 * {@code pledge_scheduling_outcomes_total{promise,outcome}} (scheduled, unscheduled, orphaned),
 * {@code pledge_statestore_writes_total{kind,store,result}}, {@code pledge_statestore_write_seconds} (histogram),
 * {@code pledge_statestore_batch_size}, {@code pledge_placements{destination}} and
 * {@code pledge_warnings_total{kind,reason}} (every Warning event, e.g. reason ConfigureWorkflowFailed).
 */
@ApplicationScoped
public class PledgeMetrics {
    public static final String SCHEDULED = "scheduled";
    public static final String UNSCHEDULED = "unscheduled";
    public static final String ORPHANED = "orphaned";

    private final MeterRegistry registry;
    private final MultiGauge placements;

    public PledgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placements = MultiGauge.builder("pledge.placements")
                .description("WorkPlacements per Destination").register(registry);
    }

    public void schedulingOutcome(String promise, String outcome, int count) {
        registry.counter("pledge.scheduling.outcomes", "promise", promise, "outcome", outcome).increment(count);
    }

    public void stateStoreWrite(String kind, String store, boolean success, Duration latency, int batchSize) {
        Tags tags = Tags.of("kind", kind, "store", store);
        registry.counter("pledge.statestore.writes", tags.and("result", success ? "success" : "failure")).increment();
        Timer.builder("pledge.statestore.write").tags(tags).publishPercentileHistogram()
                .description("Time to write one batch to a state store").register(registry).record(latency);
        DistributionSummary.builder("pledge.statestore.batch.size").tags(tags)
                .description("Placements written per batch").register(registry).record(batchSize);
    }

    /** One Warning event recorded on an object of this kind: the alerts on failing workflows count these. */
    public void warning(String kind, String reason) {
        registry.counter("pledge.warnings", "kind", kind, "reason", reason).increment();
    }

    /** Replaces the per-Destination placement counts. */
    public void placementsPerDestination(Map<String, Integer> counts) {
        placements.register(counts.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("destination", e.getKey()), e.getValue()))
                .toList(), true);
    }
}
