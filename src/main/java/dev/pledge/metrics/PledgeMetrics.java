package dev.pledge.metrics;

import dev.pledge.statestore.RoundObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pledge's own meters, beside those of the Operator SDK, on {@code /q/metrics}:
 * {@code pledge_scheduling_outcomes_total{promise,outcome}} (scheduled, unscheduled, orphaned),
 * {@code pledge_statestore_writes_total{kind,store,result}}, {@code pledge_statestore_write_seconds} (histogram),
 * {@code pledge_statestore_batch_size}, {@code pledge_statestore_repaired_files_total{kind,store}},
 * {@code pledge_placements{destination}} and (label cardinality in docs/operations.md)
 * {@code pledge_warnings_total{kind,reason}} (every Warning event, e.g. reason ConfigureWorkflowFailed), and per
 * finished pipeline Job ({@link WorkflowMeters}) {@code pledge_workflow_runs_total{promise,type,action,outcome}},
 * {@code pledge_workflow_run_seconds_total} (same labels) and {@code pledge_workflow_duration_seconds{type,action,outcome}};
 * {@code pledge_leader} is 1 on the replica that leads.
 */
@ApplicationScoped
@Startup // so that pledge_leader is served (as 0) on a follower too, which may never record anything else
public class PledgeMetrics implements RoundObserver {
    public static final String SCHEDULED = "scheduled";
    public static final String UNSCHEDULED = "unscheduled";
    public static final String ORPHANED = "orphaned";

    private final MeterRegistry registry;
    private final MultiGauge placements;
    private final AtomicInteger leader = new AtomicInteger();

    public PledgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placements = MultiGauge.builder("pledge.placements")
                .description("WorkPlacements per Destination").register(registry);
        Gauge.builder("pledge.leader", leader, AtomicInteger::get)
                .description("1 while this replica holds the leader Lease and does the work, else 0")
                .register(registry);
    }

    /** Whether this replica leads ({@link LeaderMeters}). */
    void leader(boolean leads) {
        leader.set(leads ? 1 : 0);
    }

    /**
     * Histogram buckets of {@code pledge_statestore_write_seconds}: a handful from a fast local push to a slow remote
     * one, instead of the 69 a percentile histogram publishes per series.
     */
    static final Duration[] WRITE_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};
    /** Buckets of {@code pledge_statestore_batch_size}: placements per commit or S3 round. */
    static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 25, 50, 100, 250};

    public void schedulingOutcome(String promise, String outcome, int count) {
        Counter.builder("pledge.scheduling.outcomes").tags("promise", promise, "outcome", outcome)
                .description("Workload groups scheduled, left unscheduled (no matching Destination) or orphaned")
                .register(registry).increment(count);
    }

    /**
     * One round of a store's writer ended (one Git commit or S3 round): counted, timed and sized once, where the
     * batch formed. A round that carried only canary files is counted and timed but adds no batch-size sample.
     *
     * @param store the store as {@code <kind>/<name>} or its name alone; the label carries the name only, since the
     *        kind has its own label
     */
    @Override
    public void roundEnded(String kind, String store, int batchSize, boolean success, Duration latency) {
        Tags tags = Tags.of("kind", kind, "store", storeName(kind, store));
        Counter.builder("pledge.statestore.writes").tags(tags.and("result", success ? "success" : "failure"))
                .description("Batches written to a state store (one Git commit or one S3 round each), by result")
                .register(registry).increment();
        Timer.builder("pledge.statestore.write").tags(tags).serviceLevelObjectives(WRITE_BUCKETS)
                .description("Time to write one batch to a state store").register(registry).record(latency);
        if (batchSize > 0) {
            DistributionSummary.builder("pledge.statestore.batch.size").tags(tags).serviceLevelObjectives(BATCH_BUCKETS)
                    .description("Placements written or removed per batch (one Git commit or S3 round)")
                    .register(registry).record(batchSize);
        }
    }

    /**
     * Files a periodic or event-driven verification found missing or changed in a store and wrote back
     * ({@code pledge_statestore_repaired_files_total}); it stays flat while nobody touches the store behind Pledge.
     */
    public void stateStoreRepair(String kind, String store, int files) {
        Counter.builder("pledge.statestore.repaired.files").tags("kind", kind, "store", storeName(kind, store))
                .description("Files found missing or changed in a state store and written back by verification")
                .register(registry).increment(files);
    }

    static String storeName(String kind, String store) {
        return store.startsWith(kind + "/") ? store.substring(kind.length() + 1) : store;
    }

    /**
     * Buckets of {@code pledge_workflow_duration_seconds}: from a pipeline that only renders a few files to one
     * that waits on a slow image pull or an external system.
     */
    static final Duration[] WORKFLOW_BUCKETS = {Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30)};

    /**
     * One pipeline Job finished. Per Promise a counter of runs and one of seconds run (their ratio is the mean
     * duration), at most 8 series each (type x action x outcome); the histogram is across Promises, so its
     * buckets do not multiply by the number of Promises.
     */
    void workflowFinished(FinishedJob job) {
        Tags kind = Tags.of("type", job.type(), "action", job.action(), "outcome", job.outcome());
        Tags perPromise = kind.and("promise", job.promise());
        Counter.builder("pledge.workflow.runs").tags(perPromise)
                .description("Pipeline Jobs finished, by Promise, workflow type (promise, resource), action"
                        + " (configure, delete) and outcome (succeeded, failed)")
                .register(registry).increment();
        job.duration().ifPresent(duration -> {
            Counter.builder("pledge.workflow.run.seconds").tags(perPromise)
                    .description("Seconds pipeline Jobs ran, by Promise; divided by pledge_workflow_runs_total"
                            + " it is the mean duration")
                    .register(registry).increment(duration.toMillis() / 1000.0);
            Timer.builder("pledge.workflow.duration").tags(kind).serviceLevelObjectives(WORKFLOW_BUCKETS)
                    .description("How long pipeline Jobs ran, from start to completion or failure, across Promises")
                    .register(registry).record(duration);
        });
    }

    /** One Warning event recorded on an object of this kind: the alerts on failing workflows count these. */
    public void warning(String kind, String reason) {
        Counter.builder("pledge.warnings").tags("kind", kind, "reason", reason)
                .description("Warning events recorded, by kind of object and reason")
                .register(registry).increment();
    }

    /** Replaces the per-Destination placement counts. */
    public void placementsPerDestination(Map<String, Integer> counts) {
        placements.register(counts.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("destination", e.getKey()), e.getValue()))
                .toList(), true);
    }
}
