package dev.pledge.promise;

import dev.pledge.api.PromiseStatus;
import dev.pledge.workflow.Suspension;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a Promise's own workflows, as pure functions of the pipeline Jobs the Job cache holds: what
 * {@code promise.configure} does next, which Jobs go, when a completed workflow runs again, and where
 * {@code promise.delete} stands. The effects (Jobs started and deleted, the label removed) are the Promise
 * controller's. A workflow a pipeline suspended through its workflow-control file is decided by {@link Suspension},
 * as for resource requests.
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
     * @param shown what the Promise shows of a suspension
     */
    public record ConfigureInput(List<JobSummary> jobs, List<String> pipelines, String hash, boolean manual,
            boolean unpausing, Instant completedAt, Duration interval, Instant now, int jobsToKeep, Shown shown) {

        /** A Promise that shows no suspension. */
        public ConfigureInput(List<JobSummary> jobs, List<String> pipelines, String hash, boolean manual,
                boolean unpausing, Instant completedAt, Duration interval, Instant now, int jobsToKeep) {
            this(jobs, pipelines, hash, manual, unpausing, completedAt, interval, now, jobsToKeep, Shown.NONE);
        }
    }

    /**
     * What the Promise shows of a suspended workflow (§3.5.6).
     *
     * @param labelled it carries {@code kratix.io/workflow-suspended: "true"}
     * @param generation its metadata.generation
     * @param suspendedGeneration {@code status.kratix.workflows.suspendedGeneration}, or null
     * @param entries {@code status.kratix.workflows.pipelines}, or null
     */
    public record Shown(boolean labelled, Long generation, Long suspendedGeneration,
            List<PromiseStatus.PipelineStatus> entries) {
        public static final Shown NONE = new Shown(false, null, null, null);
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
     * @param suspension what {@link Suspension} decided (NotSuspended when the Promise is not labelled)
     * @param resumes the suspended pipeline starts again (the entry becomes Running, keeping its attempts)
     */
    public record ConfigurePlan(Step step, String pipeline, List<String> pruneJobs, boolean removeManualLabel,
            boolean rerunAfterPause, Map<String, String> phases, Suspension.Decision suspension, boolean resumes) {

        ConfigurePlan(Step step, String pipeline, List<String> pruneJobs, boolean removeManualLabel,
                boolean rerunAfterPause, Map<String, String> phases) {
            this(step, pipeline, pruneJobs, removeManualLabel, rerunAfterPause, phases,
                    new Suspension.Decision.NotSuspended(), false);
        }

        /** Held by a suspension: nothing starts, the status writer's pipeline entries stay as they are. */
        public boolean held() {
            return suspension instanceof Suspension.Decision.Hold;
        }

        /** When a held workflow's retry falls due; null when not held or only removing the label resumes it. */
        public Instant retryAt() {
            return suspension instanceof Suspension.Decision.Hold hold ? hold.retryAt() : null;
        }

        /** A restart or a due retry: the controller removes {@code kratix.io/workflow-suspended}. */
        public boolean removeSuspendedLabel() {
            return suspension instanceof Suspension.Decision.Restart
                    || suspension instanceof Suspension.Decision.Retry;
        }

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
     * start again from the first pipeline. Jobs are pruned except while one runs. A suspended workflow
     * ({@link Suspension}): held, nothing starts and the pipelines keep the phases the status writer gave them; a
     * due retry, or the label removed by hand, starts the suspended pipeline again (not the first); a manual
     * reconciliation, un-pausing or a spec change since the suspension starts again from the first pipeline.
     */
    public static ConfigurePlan configure(ConfigureInput in) {
        if (in.pipelines().isEmpty()) {
            return new ConfigurePlan(new Step.Done(), null, List.of(), false, false, Map.of());
        }
        boolean asked = in.manual() || in.unpausing();
        Shown shown = in.shown();
        Suspension.Decision suspension = Suspension.decide(shown.labelled(), asked, shown.generation(),
                shown.suspendedGeneration(), shown.entries(), in.now());
        if (suspension instanceof Suspension.Decision.Hold) {
            PromiseStatus.PipelineStatus entry = Suspension.suspendedEntry(shown.entries());
            return new ConfigurePlan(new Step.Wait(null), entry == null ? null : entry.getName(), List.of(), false,
                    false, shownPhases(in.pipelines(), shown.entries()), suspension, false);
        }
        int resumed = asked ? -1 : Suspension.suspendedPipeline(in.pipelines(), shown.entries());
        boolean rerun = asked || suspension instanceof Suspension.Decision.Restart
                || rerunDue(in.completedAt(), in.interval(), in.now());
        Step step = resumed >= 0 && !(suspension instanceof Suspension.Decision.Restart)
                ? Suspension.resume(in.jobs(), in.hash(), resumed)
                : WorkflowProgress.next(in.jobs(), in.pipelines(), in.hash(), rerun);
        String pipeline = WorkflowProgress.pipelineOf(step, in.pipelines(), in.jobs());
        List<String> prune = step instanceof Step.Wait ? List.of()
                : WorkflowProgress.expired(in.jobs(), in.jobsToKeep(), in.pipelines());
        boolean starts = step instanceof Step.Start;
        boolean resumes = resumed >= 0 && step.equals(new Step.Start(resumed));
        return new ConfigurePlan(step, pipeline, prune, starts && in.manual(), starts && in.unpausing(),
                WorkflowPhases.of(in.pipelines(), step, pipeline, false), suspension, resumes);
    }

    /** Each pipeline's phase as the Promise shows it (Pending when it shows none), for a held workflow. */
    private static Map<String, String> shownPhases(List<String> pipelines, List<PromiseStatus.PipelineStatus> entries) {
        Map<String, String> phases = new LinkedHashMap<>();
        for (String name : pipelines) {
            phases.put(name, entries == null ? WorkflowPhases.PENDING : entries.stream()
                    .filter(e -> name.equals(e.getName()) && e.getPhase() != null)
                    .map(PromiseStatus.PipelineStatus::getPhase).findFirst().orElse(WorkflowPhases.PENDING));
        }
        return phases;
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

    /**
     * Where promise.delete stands.
     *
     * @param step Start, Wait, Done or Failed; Wait(null) while held
     * @param held the delete pipeline suspended the deletion: nothing is deleted, DeleteWorkflowCompleted says so
     * @param retryAt when a held deletion's retry falls due; null when only removing the label resumes it
     * @param removeSuspendedLabel the retry fell due: the label goes and the delete pipeline runs again
     * @param rerun the delete pipeline runs again after a suspension (its entry goes back to Running)
     */
    public record DeletePlan(Step step, boolean held, Instant retryAt, boolean removeSuspendedLabel, boolean rerun) {
    }

    /**
     * promise.delete with workflow control: a delete pipeline that suspended the deletion holds it (its Promise,
     * requests and Works stay) until the label goes or its retry falls due; then the delete pipeline runs again. A
     * label left by a suspended configure workflow does not hold the deletion: only the delete pipeline's own
     * Suspended entry does.
     */
    public static DeletePlan delete(List<JobSummary> jobs, String pipeline, String hash, Shown shown, Instant now) {
        boolean deleteSuspended = !jobs.isEmpty()
                && Suspension.suspendedPipeline(List.of(pipeline), shown.entries()) == 0;
        Suspension.Decision decision = Suspension.decide(deleteSuspended && shown.labelled(), false, null, null,
                shown.entries(), now);
        if (decision instanceof Suspension.Decision.Hold hold) {
            return new DeletePlan(new Step.Wait(null), true, hold.retryAt(), false, false);
        }
        boolean retry = decision instanceof Suspension.Decision.Retry;
        Step step = WorkflowProgress.next(jobs, List.of(pipeline), hash, false);
        if (deleteSuspended && step instanceof Step.Done) {
            // the suspended run finished its Job but not the pipeline: it runs again
            return new DeletePlan(new Step.Start(0), false, null, retry, true);
        }
        return new DeletePlan(step, false, null, retry, false);
    }
}
