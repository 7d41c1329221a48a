package dev.pledge.requests;

import static dev.pledge.api.KratixConditions.CONFIGURE_PIPELINE_FAILED;
import static dev.pledge.api.KratixConditions.CONFIGURE_WORKFLOW_COMPLETED;
import static dev.pledge.api.KratixConditions.CONFIGURE_WORKFLOW_FAILED;
import static dev.pledge.api.KratixConditions.DELETE_WORKFLOW_COMPLETED;
import static dev.pledge.api.KratixConditions.DELETE_WORKFLOW_SUSPENDED;
import static dev.pledge.api.KratixConditions.DELETE_WORKFLOW_SUSPENDED_MESSAGE;
import static dev.pledge.api.KratixConditions.INVALID_PIPELINE_OUTPUT;
import static dev.pledge.api.KratixConditions.PAUSED;
import static dev.pledge.api.KratixConditions.PAUSED_RECONCILIATION;
import static dev.pledge.api.KratixConditions.PENDING;
import static dev.pledge.api.KratixConditions.PIPELINES_IN_PROGRESS;
import static dev.pledge.api.KratixConditions.PIPELINES_STILL_IN_PROGRESS;
import static dev.pledge.api.KratixConditions.PROMISE_AVAILABLE;
import static dev.pledge.api.KratixConditions.PROMISE_REQUIREMENTS_MET_MESSAGE;
import static dev.pledge.api.KratixConditions.PROMISE_REQUIREMENTS_NOT_INSTALLED;
import static dev.pledge.api.KratixConditions.PROMISE_REQUIREMENTS_NOT_INSTALLED_MESSAGE;
import static dev.pledge.api.KratixConditions.RECONCILED;
import static dev.pledge.api.KratixConditions.RESOURCE_REQUESTED;
import static dev.pledge.api.KratixConditions.UNPAUSED;
import static dev.pledge.api.KratixConditions.SUSPENDED;
import static dev.pledge.api.KratixConditions.WAITING_FOR_ROLLOUT;
import static dev.pledge.api.KratixConditions.WORKFLOW_SUSPENDED;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.ResourceRequestStatus;
import dev.pledge.workflow.Suspension;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of a resource request, as pure functions of what the controller's caches hold. Each rule is named in
 * {@code package-info.java} and tested by a test of the same name in {@code RequestRulesTest}.
 */
public final class RequestRules {
    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private RequestRules() {
    }

    // ---- metadata

    /** Finalizers a live request must carry: Works and Jobs cleanup always, delete-workflows with a delete pipeline. */
    public static List<String> missingFinalizers(RequestState request, PromiseWorkflows promise) {
        List<String> wanted = new ArrayList<>(List.of(KratixLabels.WORK_CLEANUP_FINALIZER,
                KratixLabels.WORKFLOWS_CLEANUP_FINALIZER));
        if (promise.hasDeletePipeline()) {
            wanted.add(KratixLabels.DELETE_WORKFLOWS_FINALIZER);
        }
        wanted.removeAll(request.finalizers());
        return wanted;
    }

    /** Every request is labelled with the name of its Promise. */
    public static boolean needsPromiseLabel(RequestState request, PromiseWorkflows promise) {
        return !promise.promise().equals(request.label(KratixLabels.PROMISE_NAME));
    }

    // ---- pause

    /** {@code kratix.io/paused: "true"} on the request or on its Promise pauses the request. */
    public static boolean paused(RequestState request, PromiseWorkflows promise) {
        return promise.paused() || "true".equals(request.label(KratixLabels.PAUSED));
    }

    /**
     * A paused request: no Job starts and nothing is written but Reconciled=Unknown/PausedReconciliation "Paused",
     * as upstream. The patch is null when the request already says so (and then no event is due either).
     */
    public static Map<String, Object> pausedStatus(RequestState request, Instant now) {
        ResourceRequestStatus desired = ResourceRequestStatus.from(request.status().toMap());
        setCondition(desired, RECONCILED, UNKNOWN, PAUSED_RECONCILIATION, PAUSED, now);
        return patch(request.status(), desired);
    }

    /**
     * Un-pausing: a request whose Reconciled condition says it was paused runs again from its first pipeline (as
     * upstream's run-from-start). Reconciled says Unpaused until that run starts, then goes.
     */
    public static boolean unpausing(RequestState request) {
        return request.status().condition(RECONCILED)
                .map(c -> PAUSED_RECONCILIATION.equals(c.getReason()) || UNPAUSED.equals(c.getReason()))
                .orElse(false);
    }

    // ---- configure

    /**
     * {@code kratix.io/manual-reconciliation: "true"} (a user's) or {@code internal.workflows.kratix.io/run-from-start:
     * "true"} (set on every request by the Promise's {@code kratix.io/reconcile-resources}) asks for a run from the
     * first pipeline; a running Job is waited for first.
     */
    public static boolean rerunAsked(RequestState request) {
        return "true".equals(request.label(KratixLabels.MANUAL_RECONCILIATION))
                || "true".equals(request.label(KratixLabels.RUN_FROM_START));
    }

    /**
     * A request may start a new run when it already holds one of the Promise's slots, or a slot is free: at most
     * {@code limit} requests of a Promise run their configure workflow at once.
     */
    public static boolean slotFree(Set<String> holding, String key, int limit) {
        return holding.contains(key) || holding.size() < Math.max(1, limit);
    }

    /**
     * The rollout limit paces re-runs (a Promise change fanning out to its requests, {@code reconcile-resources}, the
     * periodic re-run), not new requests: a request whose configure workflow never ran (no Job, never completed)
     * starts at once, whatever the limit. Its Job still counts as running, so re-runs wait while new requests run.
     */
    public static boolean firstRun(RequestState request, List<JobSummary> jobs) {
        return jobs.isEmpty() && request.status().getLastSuccessfulConfigureWorkflowTime() == null;
    }

    /** What a reconcile of the request's configure workflow does, and what its status becomes. */
    public static ConfigurePlan configure(ConfigureInput in) {
        RequestState request = in.request();
        List<String> pipelines = in.promise().configurePipelines();
        ResourceRequestStatus current = request.status();
        ResourceRequestStatus desired = ResourceRequestStatus.from(current.toMap());
        desired.setObservedGeneration(request.generation());
        if (in.promise().unmetRequirements() != null) {
            return waitForRequirements(current, desired, in.now());
        }
        if (current.condition(PROMISE_AVAILABLE).filter(c -> FALSE.equals(c.getStatus())).isPresent()) {
            setCondition(desired, PROMISE_AVAILABLE, TRUE, PROMISE_AVAILABLE, PROMISE_REQUIREMENTS_MET_MESSAGE, in.now());
        }
        boolean unpausing = unpausing(request);
        if (pipelines.isEmpty()) {
            if (desired.getMessage() == null) {
                desired.setMessage(RESOURCE_REQUESTED);
            }
            if (unpausing) {
                removeCondition(desired, RECONCILED);
            }
            counters(desired, Map.of());
            return new ConfigurePlan(new Step.Done(), false, false, RolloutState.UP_TO_DATE, desired,
                    patch(current, desired), List.of(), null, false, null, null);
        }
        boolean manual = rerunAsked(request);
        ResourceRequestStatus.Workflows shown = current.getKratix() == null ? null : current.getKratix().getWorkflows();
        List<PromiseStatus.PipelineStatus> entries = shown == null ? null : shown.getPipelines();
        Suspension.Decision suspension = Suspension.decide(
                "true".equals(request.label(KratixLabels.WORKFLOW_SUSPENDED)), manual || unpausing,
                request.generation(), shown == null ? null : shown.getSuspendedGeneration(), entries, in.now());
        if (!(suspension instanceof Suspension.Decision.NotSuspended)) {
            return suspended(current, desired, suspension, entries, in.now());
        }
        if (current.condition(RECONCILED).filter(c -> WORKFLOW_SUSPENDED.equals(c.getReason())).isPresent()) {
            removeCondition(desired, RECONCILED);
        }
        int resumed = manual || unpausing ? -1 : Suspension.suspendedPipeline(pipelines, entries);
        Step step = resumed >= 0 ? Suspension.resume(in.jobs(), in.hash(), resumed)
                : WorkflowProgress.next(in.jobs(), pipelines, in.hash(),
                        manual || unpausing || rerunDue(request, in.promise().reconciliationInterval(), in.now()));
        boolean resumes = resumed >= 0 && step.equals(new Step.Start(resumed));
        boolean deferred = step instanceof Step.Start start && start.pipeline() == 0 && !in.slotFree() && !resumes
                && !firstRun(request, in.jobs());
        boolean starts = step instanceof Step.Start && !deferred;
        String pipeline = WorkflowProgress.pipelineOf(step, pipelines, in.jobs());
        counters(desired, WorkflowPhases.of(pipelines, step, pipeline, deferred));
        keepRetryAttempts(entries, desired, step, pipeline, resumes);
        String attemptFailed = failedAttempts(current, desired, step, pipeline, in.failedAttempts());

        String warning = null;
        boolean wantsFailureReason = false;
        Optional<Condition> reported = current.condition(CONFIGURE_WORKFLOW_COMPLETED);
        if (unpausing && starts && ((Step.Start) step).pipeline() == 0) {
            removeCondition(desired, RECONCILED);
        } else if (unpausing) {
            setCondition(desired, RECONCILED, UNKNOWN, UNPAUSED, PENDING, in.now());
        }
        if (resumes) {
            setCondition(desired, FALSE, PIPELINES_IN_PROGRESS, PIPELINES_STILL_IN_PROGRESS, in.now());
        } else if (starts && ((Step.Start) step).pipeline() == 0) {
            // a new run: until its status writer speaks, the request is pending
            desired.setMessage(PENDING);
            setCondition(desired, FALSE, PIPELINES_IN_PROGRESS, PIPELINES_STILL_IN_PROGRESS, in.now());
        } else if (starts) {
            setCondition(desired, FALSE, PIPELINES_IN_PROGRESS, PIPELINES_STILL_IN_PROGRESS, in.now());
        } else if (deferred) {
            if (desired.getMessage() == null) {
                desired.setMessage(PENDING);
            }
            setCondition(desired, FALSE, WAITING_FOR_ROLLOUT, "Waiting: at most " + in.promise().rolloutLimit()
                    + " requests of this Promise run their workflow at once", in.now());
        } else if (step instanceof Step.Failed
                && !reported.map(c -> INVALID_PIPELINE_OUTPUT.equals(c.getReason())).orElse(false)) {
            // the adapter's own words on bad output stay; any other failure is said here
            String message = CONFIGURE_PIPELINE_FAILED + pipeline;
            boolean alreadySaid = reported.map(c -> CONFIGURE_WORKFLOW_FAILED.equals(c.getReason())).orElse(false);
            wantsFailureReason = !alreadySaid && in.failureReason() == null;
            String conditionMessage = in.failureReason() == null ? message : message + ": " + in.failureReason();
            desired.setMessage(message);
            if (alreadySaid) {
                conditionMessage = reported.get().getMessage();
            } else {
                warning = conditionMessage;
            }
            setCondition(desired, FALSE, CONFIGURE_WORKFLOW_FAILED, conditionMessage, in.now());
        } else if (step instanceof Step.Done && !in.destinations().isEmpty()) {
            desired.setDestinations(new ArrayList<>(new TreeSet<>(in.destinations())));
        }
        List<String> prune = step instanceof Step.Wait || deferred ? List.of()
                : WorkflowProgress.expired(in.jobs(), in.promise().jobsToKeep(), pipelines);
        Duration requeue = step instanceof Step.Done ? untilRerunDue(request, in.promise().reconciliationInterval(),
                in.now()) : null;
        return new ConfigurePlan(step, deferred, manual && starts, rolloutState(step, deferred), desired,
                patch(current, desired), prune, warning, wantsFailureReason, requeue, attemptFailed);
    }

    /**
     * Failed attempts are visible while a Job retries: the pipeline whose Job is running (or failed for good) shows
     * how many of its Pods failed ({@code attempts}) and why the newest did ({@code message}) in
     * {@code kratix.workflows.pipelines[]}, as soon as the Pod fails. Returns the message of the Warning event due
     * for an attempt not shown before, or null.
     */
    static String failedAttempts(ResourceRequestStatus current, ResourceRequestStatus desired, Step step,
            String pipeline, Map<String, FailedAttempts> attempts) {
        String job = step instanceof Step.Wait wait ? wait.job() : step instanceof Step.Failed f ? f.job() : null;
        FailedAttempts failed = job == null || pipeline == null ? null : attempts.get(job);
        if (failed == null || failed.count() < 1) {
            return null;
        }
        String message = "attempt " + failed.count() + " failed"
                + (failed.message() == null ? "" : ": " + failed.message());
        desired.workflowsStatus().getPipelines().stream().filter(p -> pipeline.equals(p.getName())).forEach(p -> {
            p.setAttempts(failed.count());
            p.setMessage(message);
        });
        var shownWorkflows = current.getKratix() == null ? null : current.getKratix().getWorkflows();
        int shown = shownWorkflows == null || shownWorkflows.getPipelines() == null ? 0
                : shownWorkflows.getPipelines().stream()
                        .filter(p -> pipeline.equals(p.getName()) && p.getAttempts() != null)
                        .mapToInt(p -> p.getAttempts()).findFirst().orElse(0);
        return failed.count() > shown ? "Pipeline " + pipeline + " " + message
                + (step instanceof Step.Wait ? "; the Job retries" : "") : null;
    }

    /**
     * A suspended workflow (§3.5.6, decided by {@link Suspension}): a restart or a due retry removes the
     * {@code kratix.io/workflow-suspended} label (a restart also asks for a run from the first pipeline) and the
     * label's change brings the request back; held, nothing starts, Reconciled is Unknown/WorkflowSuspended
     * "Suspended" with one Warning event, and the request is looked at again when its retry falls due.
     */
    private static ConfigurePlan suspended(ResourceRequestStatus current, ResourceRequestStatus desired,
            Suspension.Decision decision, List<PromiseStatus.PipelineStatus> entries, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KratixLabels.WORKFLOW_SUSPENDED, null);
        if (decision instanceof Suspension.Decision.Restart) {
            labels.put(KratixLabels.RUN_FROM_START, "true");
        }
        if (!(decision instanceof Suspension.Decision.Hold hold)) {
            return new ConfigurePlan(new Step.Wait(null), false, false, RolloutState.RUNNING, desired,
                    patch(current, desired), List.of(), null, false, null, null, labels, null);
        }
        boolean said = current.condition(RECONCILED).filter(c -> WORKFLOW_SUSPENDED.equals(c.getReason())).isPresent();
        setCondition(desired, RECONCILED, UNKNOWN, WORKFLOW_SUSPENDED, SUSPENDED, now);
        PromiseStatus.PipelineStatus entry = Suspension.suspendedEntry(entries);
        Duration requeue;
        if (hold.retryAt() != null) {
            requeue = Duration.between(now, hold.retryAt());
        } else {
            // without a Suspended entry the status writer's status may not have reached the cache yet
            requeue = entry == null ? SUSPENSION_NOT_SHOWN : null;
        }
        String warning = said ? null : entry == null ? "Workflow suspended"
                : "Pipeline " + entry.getName() + " suspended the workflow"
                        + (entry.getMessage() == null ? "" : ": " + entry.getMessage())
                        + (hold.retryAt() == null ? "; remove the label " + KratixLabels.WORKFLOW_SUSPENDED
                                + " to resume" : "; it runs again at " + hold.retryAt());
        return new ConfigurePlan(new Step.Wait(null), false, false, RolloutState.RUNNING, desired,
                patch(current, desired), List.of(), null, false, requeue, null, Map.of(), warning);
    }

    /** How soon to look again at a suspended request whose Suspended pipeline entry the cache does not show yet. */
    static final Duration SUSPENSION_NOT_SHOWN = Duration.ofSeconds(5);

    /**
     * A pipeline retried after {@code retryAfter} keeps its {@code attempts} while it runs again, so the next retry
     * it asks for counts on; the entry becomes a plain Running one (message and nextRetryAt go).
     */
    static void keepRetryAttempts(List<PromiseStatus.PipelineStatus> shown, ResourceRequestStatus desired, Step step,
            String pipeline, boolean resumes) {
        if (resumes || step instanceof Step.Wait) {
            Suspension.keepAttempts(shown, desired.workflowsStatus().getPipelines(), pipeline);
        }
    }

    /**
     * Requests wait for the Promise's requirements: while a required Promise is not installed at the asked version
     * and Available, nothing starts, the request is Pending and its PromiseAvailable condition says why. Once the
     * requirements are met the condition turns True and the workflow starts as usual.
     */
    private static ConfigurePlan waitForRequirements(ResourceRequestStatus current, ResourceRequestStatus desired,
            Instant now) {
        desired.setMessage(PENDING);
        setCondition(desired, PROMISE_AVAILABLE, FALSE, PROMISE_REQUIREMENTS_NOT_INSTALLED,
                PROMISE_REQUIREMENTS_NOT_INSTALLED_MESSAGE, now);
        return new ConfigurePlan(new Step.Wait(null), false, false, RolloutState.WAITING, desired,
                patch(current, desired), List.of(), null, false, null, null);
    }

    /**
     * The periodic re-run: a workflow that completed longer than the Promise's reconciliation interval ago runs
     * again from its first pipeline (through the rollout limit, like any new run).
     */
    public static boolean rerunDue(RequestState request, Duration interval, Instant now) {
        Duration left = untilRerunDue(request, interval, now);
        return left != null && left.isZero();
    }

    /** How long until the periodic re-run falls due (zero when due); null when it never will. */
    static Duration untilRerunDue(RequestState request, Duration interval, Instant now) {
        if (interval == null) {
            return null;
        }
        Optional<Instant> completed = request.status().condition(CONFIGURE_WORKFLOW_COMPLETED)
                .filter(c -> TRUE.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()));
        if (completed.isEmpty()) {
            return null;
        }
        Duration left = Duration.between(now, completed.get().plus(interval));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** When a request is complete: the last pipeline's Job for the current desired state succeeded. */
    public static boolean complete(List<JobSummary> jobs, List<String> pipelines, String hash) {
        return WorkflowProgress.next(jobs, pipelines, hash, false) instanceof Step.Done;
    }

    static RolloutState rolloutState(Step step, boolean deferred) {
        if (deferred) {
            return RolloutState.WAITING;
        }
        if (step instanceof Step.Failed) {
            return RolloutState.FAILED;
        }
        return step instanceof Step.Done ? RolloutState.UP_TO_DATE : RolloutState.RUNNING;
    }

    private static void counters(ResourceRequestStatus status, Map<String, String> phases) {
        status.setWorkflows((long) phases.size());
        status.setWorkflowsSucceeded(phases.values().stream().filter(WorkflowPhases.SUCCEEDED::equals).count());
        status.setWorkflowsFailed(phases.values().stream().filter(WorkflowPhases.FAILED::equals).count());
        if (!phases.isEmpty() || !status.phases().isEmpty()) {
            status.setPhases(phases);
        }
    }

    /** Sets the configure condition; its transition time moves only when its status changes. */
    static void setCondition(ResourceRequestStatus status, String value, String reason, String message,
            Instant now) {
        setCondition(status, CONFIGURE_WORKFLOW_COMPLETED, value, reason, message, now);
    }

    private static void removeCondition(ResourceRequestStatus status, String type) {
        if (status.getConditions() != null && status.condition(type).isPresent()) {
            List<Condition> conditions = new ArrayList<>(status.getConditions());
            conditions.removeIf(c -> type.equals(c.getType()));
            status.setConditions(conditions);
        }
    }

    /** Sets one condition; its transition time moves only when its status changes. */
    static void setCondition(ResourceRequestStatus status, String type, String value, String reason, String message,
            Instant now) {
        List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of()
                : status.getConditions());
        Optional<Condition> previous = status.condition(type);
        String since = previous.filter(p -> value.equals(p.getStatus())).map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Condition next = new ConditionBuilder().withType(type).withStatus(value)
                .withReason(reason).withMessage(message).withLastTransitionTime(since).build();
        conditions.removeIf(c -> type.equals(c.getType()));
        int at = previous.map(p -> status.getConditions().indexOf(p)).orElse(conditions.size());
        conditions.add(Math.min(at, conditions.size()), next);
        status.setConditions(conditions);
    }

    /**
     * The fields of {@code desired} that differ from {@code current}, as a merge patch of the status: only the
     * controller's fields, and message and conditions when a hand-over changed them. Null when nothing changed.
     */
    static Map<String, Object> patch(ResourceRequestStatus current, ResourceRequestStatus desired) {
        Map<String, Object> now = current.toMap();
        Map<String, Object> next = desired.toMap();
        Map<String, Object> patch = new LinkedHashMap<>();
        for (String field : List.of("observedGeneration", "workflows", "workflowsSucceeded", "workflowsFailed",
                "destinations", "message", "conditions")) {
            if (!Objects.equals(now.get(field), next.get(field))) {
                patch.put(field, next.get(field));
            }
        }
        if (!Objects.equals(pipelines(now), pipelines(next))) {
            patch.put("kratix", Map.of("workflows", Map.of("pipelines",
                    desired.toMap().get("kratix") instanceof Map<?, ?> k && k.get("workflows") instanceof Map<?, ?> w
                            ? w.get("pipelines") : List.of())));
        }
        return patch.isEmpty() ? null : patch;
    }

    private static Object pipelines(Map<String, Object> status) {
        return status.get("kratix") instanceof Map<?, ?> k && k.get("workflows") instanceof Map<?, ?> w
                ? w.get("pipelines") : null;
    }

    // ---- delete

    /**
     * A deleted request: its delete pipeline runs first (only the first one, as upstream), then its Works go, then
     * its finalizers.
     *
     * @param deleteJobs the Jobs of the request's delete pipeline
     * @param works how many Works of the request are left
     */
    public static DeletePlan delete(RequestState request, PromiseWorkflows promise, String hash,
            List<JobSummary> deleteJobs, int works) {
        return delete(request, promise, hash, deleteJobs, works, Instant.now());
    }

    /**
     * As {@link #delete(RequestState, PromiseWorkflows, String, List, int)}; a delete pipeline that suspended the
     * deletion (workflow-control.yaml) holds it with its Works kept (DeleteWorkflowCompleted=False/
     * DeleteWorkflowSuspended) until the label goes or its retry falls due; then it runs again.
     */
    public static DeletePlan delete(RequestState request, PromiseWorkflows promise, String hash,
            List<JobSummary> deleteJobs, int works, Instant now) {
        if (request.finalizers().contains(KratixLabels.DELETE_WORKFLOWS_FINALIZER)) {
            if (!promise.hasDeletePipeline()) {
                return new DeletePlan.RemoveFinalizers(List.of(KratixLabels.DELETE_WORKFLOWS_FINALIZER));
            }
            ResourceRequestStatus current = request.status();
            List<PromiseStatus.PipelineStatus> entries = current.getKratix() == null
                    || current.getKratix().getWorkflows() == null ? null : current.getKratix().getWorkflows().getPipelines();
            // a label left by a suspended configure workflow does not hold the deletion: only the delete pipeline's
            boolean deleteSuspended = Suspension.suspendedPipeline(List.of(promise.deletePipeline()), entries) == 0
                    && !deleteJobs.isEmpty();
            Suspension.Decision suspension = Suspension.decide(deleteSuspended
                    && "true".equals(request.label(KratixLabels.WORKFLOW_SUSPENDED)), false, null, null, entries, now);
            if (suspension instanceof Suspension.Decision.Hold hold) {
                ResourceRequestStatus desired = ResourceRequestStatus.from(current.toMap());
                setCondition(desired, DELETE_WORKFLOW_COMPLETED, FALSE, DELETE_WORKFLOW_SUSPENDED,
                        DELETE_WORKFLOW_SUSPENDED_MESSAGE, now);
                return new DeletePlan.DeletePipelineSuspended(hold.retryAt(), patch(current, desired));
            }
            if (suspension instanceof Suspension.Decision.Retry) {
                return new DeletePlan.RetryDeletePipeline();
            }
            Step step = WorkflowProgress.next(deleteJobs, List.of(promise.deletePipeline()), hash, false);
            if (step instanceof Step.Done && deleteSuspended) {
                ResourceRequestStatus desired = ResourceRequestStatus.from(current.toMap());
                desired.workflowsStatus().getPipelines().stream()
                        .filter(p -> promise.deletePipeline().equals(p.getName())).forEach(p -> {
                            p.setPhase(WorkflowPhases.RUNNING);
                            p.setMessage(null);
                            p.setNextRetryAt(null);
                        });
                return new DeletePlan.RerunDeletePipeline(patch(current, desired));
            }
            if (step instanceof Step.Start) {
                return new DeletePlan.StartDeletePipeline();
            }
            if (step instanceof Step.Wait) {
                return new DeletePlan.WaitForDeletePipeline();
            }
            if (step instanceof Step.Failed failed) {
                return new DeletePlan.DeletePipelineFailed(failed.job());
            }
            return new DeletePlan.RemoveFinalizers(List.of(KratixLabels.DELETE_WORKFLOWS_FINALIZER));
        }
        if (works > 0) {
            return new DeletePlan.DeleteWorks();
        }
        List<String> left = request.finalizers().stream().filter(f -> f.equals(KratixLabels.WORK_CLEANUP_FINALIZER)
                || f.equals(KratixLabels.WORKFLOWS_CLEANUP_FINALIZER)).toList();
        return new DeletePlan.RemoveFinalizers(left);
    }
}
