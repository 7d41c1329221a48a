package dev.pledge.promise;

import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rules of a Promise's own workflows, as pure functions of the pipeline Jobs the Job cache holds: what
 * {@code promise.configure} does next, which Jobs go, when a completed workflow runs again, and where
 * {@code promise.delete} stands. The effects (Jobs started and deleted, the label removed) are the Promise
 * controller's; a new condition that holds a workflow back (for example a suspended one) belongs in
 * {@link #configure}.
 */
public final class PromiseRules {

    private PromiseRules() {
    }

    /**
     * What the configure workflow is decided from.
     *
     * @param jobs the Promise's configure Jobs in the Job cache
     * @param pipelines the workflow's pipeline names, in order
     * @param hash the Promise spec's desired-state hash now
     * @param manual the Promise carries {@code kratix.io/manual-reconciliation: "true"}
     * @param unpausing the Promise came back from a pause and has not run again since
     * @param completedAt when ConfigureWorkflowCompleted last went True; null when it is not True
     * @param interval the Promise's reconciliation interval
     * @param jobsToKeep how many Jobs each pipeline keeps
     */
    public record ConfigureInput(List<JobSummary> jobs, List<String> pipelines, String hash, boolean manual,
            boolean unpausing, Instant completedAt, Duration interval, Instant now, int jobsToKeep) {
    }

    /**
     * What to do now.
     *
     * @param step the next step of the workflow
     * @param pipeline the pipeline the step is about (started, waited for or failed); null when done
     * @param pruneJobs Jobs to delete (older than the newest kept, or of a pipeline the Promise no longer has)
     * @param removeManualLabel a manual reconciliation started: the label goes
     * @param rerunAfterPause the first run after a pause started: Reconciled (Unpaused) goes
     * @param phases each pipeline's phase, in order
     */
    public record ConfigurePlan(Step step, String pipeline, List<String> pruneJobs, boolean removeManualLabel,
            boolean rerunAfterPause, Map<String, String> phases) {

        public boolean done() {
            return step instanceof Step.Done;
        }

        public boolean failed() {
            return step instanceof Step.Failed;
        }

        /** The index of the pipeline whose Job starts now, or -1. */
        public int pipelineToStart() {
            return step instanceof Step.Start start ? start.pipeline() : -1;
        }

        public boolean hasPipelines() {
            return !phases.isEmpty();
        }
    }

    /**
     * promise.configure: pipelines run in order, a running Job is waited for, a changed spec, the manual
     * reconciliation label, the reconciliation interval passing since completion, or coming back from a pause
     * start again from the first pipeline. Jobs are pruned except while one runs.
     */
    public static ConfigurePlan configure(ConfigureInput in) {
        if (in.pipelines().isEmpty()) {
            return new ConfigurePlan(new Step.Done(), null, List.of(), false, false, Map.of());
        }
        boolean rerun = in.manual() || in.unpausing() || rerunDue(in.completedAt(), in.interval(), in.now());
        Step step = WorkflowProgress.next(in.jobs(), in.pipelines(), in.hash(), rerun);
        String pipeline = WorkflowProgress.pipelineOf(step, in.pipelines(), in.jobs());
        List<String> prune = step instanceof Step.Wait ? List.of()
                : WorkflowProgress.expired(in.jobs(), in.jobsToKeep(), in.pipelines());
        boolean starts = step instanceof Step.Start;
        return new ConfigurePlan(step, pipeline, prune, starts && in.manual(), starts && in.unpausing(),
                WorkflowPhases.of(in.pipelines(), step, pipeline, false));
    }

    /** Periodic re-run: a workflow that completed longer ago than the reconciliation interval runs again. */
    public static boolean rerunDue(Instant completedAt, Duration interval, Instant now) {
        return completedAt != null && completedAt.plus(interval).isBefore(now);
    }

    /**
     * promise.delete, on deleting the Promise: only the first delete pipeline runs (as upstream); Start, Wait,
     * Done, or Failed.
     */
    public static Step delete(List<JobSummary> jobs, String pipeline, String hash) {
        return WorkflowProgress.next(jobs, List.of(pipeline), hash, false);
    }
}
