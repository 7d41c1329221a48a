package dev.pledge.requests;

import dev.pledge.api.ResourceRequestStatus;
import dev.pledge.workflow.WorkflowProgress.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a reconcile of a request's configure workflow does.
 *
 * @param step the workflow's next step ({@link WorkflowProgress#next})
 * @param deferred the step starts a new run, which waits for a slot under the rollout limit
 * @param removeRerunLabels the run asked for by {@code kratix.io/manual-reconciliation} or
 *        {@code internal.workflows.kratix.io/run-from-start} starts now: the labels go
 * @param status the request's status afterwards
 * @param statusPatch the fields to write (only the controller's own, and message/condition at a hand-over), or null
 *        when nothing changed
 * @param pruneJobs names of old Jobs to delete
 * @param warning a Warning event to record (reason ConfigureWorkflowFailed), or null
 * @param wantsFailureReason the run just failed and the plan would name the Pod's reason if it had it
 * @param requeueAfter when to look again without an event (the periodic re-run falls due), or null
 * @param attemptFailed a Warning event to record (reason PipelineAttemptFailed) for a failed attempt of the
 *        pipeline's Job not shown before, or null
 * @param labels labels to set on the request (a null value removes the label), or empty
 * @param suspended a Warning event to record (reason WorkflowSuspended) as the request is held suspended, or null
 */
public record ConfigurePlan(Step step, boolean deferred, boolean removeRerunLabels, RolloutState rollout,
        ResourceRequestStatus status, Map<String, Object> statusPatch, List<String> pruneJobs, String warning,
        boolean wantsFailureReason, Duration requeueAfter, String attemptFailed, Map<String, String> labels,
        String suspended) {

    public ConfigurePlan(Step step, boolean deferred, boolean removeRerunLabels, RolloutState rollout,
            ResourceRequestStatus status, Map<String, Object> statusPatch, List<String> pruneJobs, String warning,
            boolean wantsFailureReason, Duration requeueAfter, String attemptFailed) {
        this(step, deferred, removeRerunLabels, rollout, status, statusPatch, pruneJobs, warning, wantsFailureReason,
                requeueAfter, attemptFailed, Map.of(), null);
    }

    /** The index of the pipeline whose Job starts now, or -1. */
    public int pipelineToStart() {
        return step instanceof Step.Start start && !deferred ? start.pipeline() : -1;
    }

    public boolean complete() {
        return step instanceof Step.Done;
    }
}
