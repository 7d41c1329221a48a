package dev.pledge.controller;

import dev.pledge.api.KratixConditions;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.PromiseStatus;
import dev.pledge.promise.PromiseApi;
import dev.pledge.promise.PromiseRules.ConfigurePlan;
import dev.pledge.workflow.Suspension;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place a Promise's status is computed, from what one reconcile observed: the conditions Available,
 * Reconciled, RequirementsFulfilled and ConfigureWorkflowCompleted (while it is not complete; its True is the
 * status writer's, from inside the last pipeline's Job), {@code requiredPromises}, the workflow counts and phases,
 * and {@code rollout} (the request controller's counts, which it only reports; this is their one writer). The
 * fields the in-Job status writer owns (ConfigureWorkflowCompleted=True, a pipeline's own keys,
 * {@code lastSuccessfulConfigureWorkflowTime}, and a suspended pipeline's entry with its {@code message},
 * {@code nextRetryAt}, {@code attempts}, and {@code suspendedGeneration}) are carried over unchanged; a suspended
 * pipeline started again becomes Running, keeping its {@code attempts}. Pure: the reconciler writes the result
 * once, and only when it differs from what the Promise shows, then fires the events.
 */
final class PromiseStatusAggregator {

    /**
     * What one reconcile of a Promise found, as far as it got.
     *
     * @param generation the Promise's metadata.generation
     * @param labels the Promise's labels
     * @param paused {@code kratix.io/paused: "true"}
     * @param refusal why the Promise cannot be installed as it is (invalid, or its API refused); null otherwise
     * @param requirements each required Promise's state; null when the spec requires none
     * @param unmet why the requirements are not met; null when they are (or there are none)
     * @param api the Promise's API; null without one (or not reached)
     * @param apiPending the API's CRD is not Established yet, or Pledge may not watch it yet
     * @param workflow the configure workflow's plan; null when the reconcile did not get that far
     * @param rollout the request controller's rollout counts; null when it does not run
     */
    record Observed(Long generation, Map<String, String> labels, boolean paused, Refusal refusal,
            List<PromiseStatus.RequiredPromiseStatus> requirements, String unmet, PromiseApi.Identity api,
            boolean apiPending, ConfigurePlan workflow, PromiseStatus.Rollout rollout) {
    }

    /** Why a Promise cannot be installed as it is: Available=False with this reason and message, and a warning. */
    record Refusal(String reason, String message) {
    }

    /** An event to fire once the status is written. */
    record Event(boolean warning, String reason, String message) {
    }

    /** The status to write (equal to the current one when nothing changed) and the events the change calls for. */
    record Aggregate(PromiseStatus status, List<Event> events) {
    }

    private final PromiseStatus current;
    private final PromiseStatus next;
    private final Observed observed;
    private final String now;
    private final List<Event> events = new ArrayList<>();

    private PromiseStatusAggregator(PromiseStatus current, PromiseStatus copy, Observed observed, Instant now) {
        this.current = current == null ? new PromiseStatus() : current;
        this.next = copy == null ? new PromiseStatus() : copy;
        this.observed = observed;
        this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * @param current the status the Promise shows now (not changed)
     * @param copy a deep copy of it, which becomes the result
     */
    static Aggregate aggregate(PromiseStatus current, PromiseStatus copy, Observed observed, Instant now) {
        return new PromiseStatusAggregator(current, copy, observed, now).aggregate();
    }

    /** Whether the Promise is coming back from a pause and has not run its configure workflow again since. */
    static boolean unpausing(PromiseStatus status) {
        return status != null && Conditions.find(status.getConditions(), KratixConditions.RECONCILED)
                .filter(c -> KratixConditions.PAUSED_RECONCILIATION.equals(c.getReason())
                        || KratixConditions.UNPAUSED.equals(c.getReason())).isPresent();
    }

    /** When ConfigureWorkflowCompleted last went True; null while it is not True. */
    static Instant configureCompletedAt(PromiseStatus status) {
        return status == null ? null : Conditions.find(status.getConditions(),
                KratixConditions.CONFIGURE_WORKFLOW_COMPLETED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime())).orElse(null);
    }

    private Aggregate aggregate() {
        next.setRollout(observed.rollout());
        if (observed.paused()) {
            paused();
        } else if (observed.refusal() != null) {
            Refusal refusal = observed.refusal();
            if (!Conditions.has(current.getConditions(), KratixConditions.AVAILABLE, Conditions.FALSE,
                    refusal.reason(), refusal.message())) {
                events.add(new Event(true, refusal.reason(), refusal.message()));
            }
            available(Conditions.FALSE, refusal.reason(), refusal.message());
        } else {
            installed();
        }
        return new Aggregate(next, List.copyOf(events));
    }

    /** Paused: Available=False and Reconciled=Unknown, both PausedReconciliation; one warning on the way in. */
    private void paused() {
        if (!Conditions.has(current.getConditions(), KratixConditions.RECONCILED, Conditions.UNKNOWN,
                KratixConditions.PAUSED_RECONCILIATION, KratixConditions.PAUSED)) {
            events.add(new Event(true, KratixConditions.PAUSED_RECONCILIATION, "'" + KratixLabels.PAUSED
                    + "' label set to 'true' for promise; pausing reconciliation"));
        }
        set(KratixConditions.RECONCILED, Conditions.UNKNOWN, KratixConditions.PAUSED_RECONCILIATION,
                KratixConditions.PAUSED);
        available(Conditions.FALSE, KratixConditions.PAUSED_RECONCILIATION, KratixConditions.PAUSED);
    }

    private void installed() {
        boolean unpausing = unpausing(current);
        if (unpausing) {
            // Reconciled says Unpaused until the configure workflow runs again from its first pipeline
            set(KratixConditions.RECONCILED, Conditions.UNKNOWN, KratixConditions.UNPAUSED, KratixConditions.PENDING);
        }
        requirements();
        if (observed.api() != null) {
            next.setKind(observed.api().kind());
            next.setApiVersion(observed.api().apiVersion());
            if (observed.apiPending()) {
                available(Conditions.FALSE, "APIPending",
                        "Waiting for the API " + observed.api().crdName() + " to be established");
                return;
            }
        }
        ConfigurePlan workflow = observed.workflow();
        if (workflow == null) {
            return;
        }
        if (unpausing && (!workflow.hasPipelines() || workflow.rerunAfterPause())) {
            drop(KratixConditions.RECONCILED);
        }
        if (workflow.hasPipelines()) {
            configureWorkflow(workflow);
        }
        if (workflow.held()) {
            suspended(workflow);
            return;
        }
        if (Conditions.find(current.getConditions(), KratixConditions.RECONCILED)
                .filter(c -> KratixConditions.WORKFLOW_SUSPENDED.equals(c.getReason())).isPresent()) {
            drop(KratixConditions.RECONCILED);
        }
        if (workflow.failed()) {
            available(Conditions.FALSE, KratixConditions.CONFIGURE_WORKFLOW_FAILED,
                    KratixConditions.CONFIGURE_PIPELINE_FAILED + workflow.pipeline());
        } else if (!workflow.done()) {
            available(Conditions.FALSE, "WorkflowPending", "Waiting for the configure workflow");
        } else if (observed.unmet() != null) {
            available(Conditions.FALSE, KratixConditions.REQUIREMENTS_NOT_INSTALLED, observed.unmet());
        } else {
            available(Conditions.TRUE, "PromiseAvailable", "Ready to fulfil resource requests");
        }
    }

    /**
     * A workflow a pipeline suspended (§3.5.6): Available=False and Reconciled=Unknown, both WorkflowSuspended
     * "Suspended", and one WorkflowSuspended warning on the way in naming the pipeline, its message and how it
     * resumes.
     */
    private void suspended(ConfigurePlan workflow) {
        if (!Conditions.has(current.getConditions(), KratixConditions.RECONCILED, Conditions.UNKNOWN,
                KratixConditions.WORKFLOW_SUSPENDED, KratixConditions.SUSPENDED)) {
            PromiseStatus.PipelineStatus entry = Suspension.suspendedEntry(pipelines(current));
            events.add(new Event(true, KratixConditions.WORKFLOW_SUSPENDED, entry == null ? "Workflow suspended"
                    : "Pipeline " + entry.getName() + " suspended the workflow"
                            + (entry.getMessage() == null ? "" : ": " + entry.getMessage())
                            + (workflow.retryAt() == null ? "; remove the label " + KratixLabels.WORKFLOW_SUSPENDED
                                    + " to resume" : "; it runs again at " + workflow.retryAt())));
        }
        set(KratixConditions.RECONCILED, Conditions.UNKNOWN, KratixConditions.WORKFLOW_SUSPENDED,
                KratixConditions.SUSPENDED);
        available(Conditions.FALSE, KratixConditions.WORKFLOW_SUSPENDED, KratixConditions.SUSPENDED);
    }

    private static List<PromiseStatus.PipelineStatus> pipelines(PromiseStatus status) {
        return status.getKratix() == null || status.getKratix().getWorkflows() == null ? null
                : status.getKratix().getWorkflows().getPipelines();
    }

    /** {@code status.requiredPromises} and RequirementsFulfilled; both go when the spec requires nothing. */
    private void requirements() {
        if (observed.requirements() == null) {
            next.setRequiredPromises(null);
            drop(KratixConditions.REQUIREMENTS_FULFILLED);
            return;
        }
        boolean met = observed.unmet() == null;
        next.setRequiredPromises(new ArrayList<>(observed.requirements()));
        set(KratixConditions.REQUIREMENTS_FULFILLED, met ? Conditions.TRUE : Conditions.FALSE,
                met ? KratixConditions.REQUIREMENTS_INSTALLED : KratixConditions.REQUIREMENTS_NOT_INSTALLED,
                met ? KratixConditions.REQUIREMENTS_FULFILLED_MESSAGE
                        : KratixConditions.REQUIREMENTS_NOT_FULFILLED_MESSAGE);
    }

    /** The workflow counts, each pipeline's phase, and ConfigureWorkflowCompleted while not complete. */
    private void configureWorkflow(ConfigurePlan workflow) {
        Map<String, String> phases = workflow.phases();
        next.setWorkflows(phases.size());
        next.setWorkflowsSucceeded(phases.values().stream().filter(WorkflowPhases.SUCCEEDED::equals).count());
        next.setWorkflowsFailed(phases.values().stream().filter(WorkflowPhases.FAILED::equals).count());
        PromiseStatus.KratixStatus kratix = next.getKratix() == null ? new PromiseStatus.KratixStatus()
                : next.getKratix();
        PromiseStatus.WorkflowsStatus workflows = kratix.getWorkflows() == null ? new PromiseStatus.WorkflowsStatus()
                : kratix.getWorkflows();
        if (!workflow.held()) {
            // held, the entries are the status writer's (a Suspended one with its message, nextRetryAt, attempts)
            List<PromiseStatus.PipelineStatus> entries = PromiseStatus.PipelineStatus.of(phases);
            if (workflow.resumes() || workflow.step() instanceof Step.Wait) {
                Suspension.keepAttempts(pipelines(current), entries, workflow.pipeline());
            }
            workflows.setPipelines(entries);
        }
        kratix.setWorkflows(workflows);
        next.setKratix(kratix);
        String completed = KratixConditions.CONFIGURE_WORKFLOW_COMPLETED;
        if (workflow.failed()) {
            String message = KratixConditions.CONFIGURE_PIPELINE_FAILED + workflow.pipeline();
            if (!Conditions.has(current.getConditions(), completed, Conditions.FALSE,
                    KratixConditions.CONFIGURE_WORKFLOW_FAILED, message)) {
                events.add(new Event(true, KratixConditions.CONFIGURE_WORKFLOW_FAILED, message));
            }
            set(completed, Conditions.FALSE, KratixConditions.CONFIGURE_WORKFLOW_FAILED, message);
        } else if (!workflow.done() && !workflow.held()) {
            if (workflow.pipelineToStart() >= 0) {
                events.add(new Event(false, "PipelineStarted", "Configure Pipeline started: " + workflow.pipeline()));
            }
            set(completed, Conditions.FALSE, KratixConditions.PIPELINES_IN_PROGRESS,
                    KratixConditions.PIPELINES_STILL_IN_PROGRESS);
        }
    }

    /** Available and the summary fields that follow it; the Available event on the way in. */
    private void available(String status, String reason, String message) {
        boolean isAvailable = Conditions.TRUE.equals(status);
        boolean wasAvailable = "Available".equals(current.getStatus());
        set(KratixConditions.AVAILABLE, status, reason, message);
        next.setStatus(isAvailable ? "Available" : "Unavailable");
        next.setMessage(isAvailable ? "Ready" : message);
        next.setObservedGeneration(observed.generation());
        next.setVersion(observed.labels() == null ? null : observed.labels().get(KratixLabels.PROMISE_VERSION));
        if (isAvailable && !wasAvailable) {
            next.setLastAvailableTime(now);
            events.add(new Event(false, "Available", "Promise is available"));
        }
    }

    private void set(String type, String status, String reason, String message) {
        next.setConditions(Conditions.set(next.getConditions(), type, status, reason, message, observed.generation()));
    }

    private void drop(String type) {
        if (Conditions.find(next.getConditions(), type).isPresent()) {
            List<Condition> left = new ArrayList<>(next.getConditions());
            left.removeIf(c -> type.equals(c.getType()));
            next.setConditions(left);
        }
    }
}
