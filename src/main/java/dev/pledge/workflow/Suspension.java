package dev.pledge.workflow;

import dev.pledge.api.PromiseStatus;
import dev.pledge.workflow.WorkflowProgress.JobState;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * A workflow a pipeline suspended through its workflow-control file (§3.5.6), for Promises and resource requests
 * alike; pure, so that each controller only carries out the decision. While the object is labelled
 * {@code kratix.io/workflow-suspended: "true"}:
 * <ul>
 * <li><b>restart</b>: a manual reconciliation (or un-pausing) or a spec change since the suspension
 * ({@code generation > suspendedGeneration}) removes the label and runs the workflow again from its first
 * pipeline;</li>
 * <li><b>retry</b>: once the suspended pipeline's {@code nextRetryAt} has passed the label goes, and the workflow
 * resumes;</li>
 * <li><b>hold</b>: otherwise nothing starts; the controller says Suspended and looks again at {@code nextRetryAt}.</li>
 * </ul>
 * Without the label, a pipeline whose entry is still Suspended <b>resumes</b>: that pipeline (not the first) starts
 * again ({@link #resume}).
 */
public final class Suspension {

    /** What to do about the suspended-workflow label. */
    public sealed interface Decision {
        /** Not labelled: the workflow goes on as usual (possibly resuming, see {@link #resume}). */
        record NotSuspended() implements Decision {
        }

        /** Remove the label and run the workflow again from its first pipeline. */
        record Restart() implements Decision {
        }

        /** The retry is due: remove the label; the suspended pipeline then starts again. */
        record Retry() implements Decision {
        }

        /**
         * Stay suspended: start nothing.
         *
         * @param retryAt when the retry falls due, or null when only removing the label resumes the workflow
         */
        record Hold(Instant retryAt) implements Decision {
        }
    }

    private Suspension() {
    }

    /**
     * @param labelled the object carries {@code kratix.io/workflow-suspended: "true"}
     * @param rerunAsked a run from the first pipeline was asked for (manual reconciliation, un-pausing)
     * @param generation the object's generation now
     * @param suspendedGeneration the generation the pipeline suspended at, or null
     * @param pipelines the object's {@code kratix.workflows.pipelines}, or null
     */
    public static Decision decide(boolean labelled, boolean rerunAsked, Long generation, Long suspendedGeneration,
            List<PromiseStatus.PipelineStatus> pipelines, Instant now) {
        if (!labelled) {
            return new Decision.NotSuspended();
        }
        boolean specMoved = generation != null && suspendedGeneration != null && generation > suspendedGeneration;
        if (rerunAsked || specMoved) {
            return new Decision.Restart();
        }
        Instant retryAt = retryAt(pipelines);
        if (retryAt != null && !now.isBefore(retryAt)) {
            return new Decision.Retry();
        }
        return new Decision.Hold(retryAt);
    }

    /** The index in {@code names} of the pipeline whose entry is Suspended, or -1. */
    public static int suspendedPipeline(List<String> names, List<PromiseStatus.PipelineStatus> pipelines) {
        PromiseStatus.PipelineStatus suspended = suspendedEntry(pipelines);
        return suspended == null ? -1 : names.indexOf(suspended.getName());
    }

    /** The Suspended entry, or null. */
    public static PromiseStatus.PipelineStatus suspendedEntry(List<PromiseStatus.PipelineStatus> pipelines) {
        return pipelines == null ? null : pipelines.stream()
                .filter(p -> WorkflowPhases.SUSPENDED.equals(p.getPhase())).findFirst().orElse(null);
    }

    /**
     * Resuming after the label went: the suspended pipeline starts again, unless a Job is running (waited for, as
     * always) or the desired state changed since (then the first pipeline starts, as for any change). Null when
     * there is nothing to resume ({@code suspended < 0}).
     */
    public static Step resume(List<JobSummary> jobs, String hash, int suspended) {
        if (suspended < 0) {
            return null;
        }
        JobSummary latest = jobs.stream()
                .max(Comparator.comparing(JobSummary::created).thenComparing(JobSummary::name)).orElse(null);
        if (latest != null && latest.state() == JobState.RUNNING) {
            return new Step.Wait(latest.name());
        }
        if (latest != null && !hash.equals(latest.hash())) {
            return new Step.Start(0);
        }
        return new Step.Start(suspended);
    }

    /**
     * A pipeline retried after {@code retryAfter} keeps its {@code attempts} while it runs again, so a further retry
     * counts on: copies them from the entry shown (Suspended, or already Running again) to its new Running entry.
     */
    public static void keepAttempts(List<PromiseStatus.PipelineStatus> shown, List<PromiseStatus.PipelineStatus> next,
            String pipeline) {
        if (shown == null || next == null || pipeline == null) {
            return;
        }
        Integer attempts = shown.stream().filter(p -> pipeline.equals(p.getName()))
                .filter(p -> WorkflowPhases.SUSPENDED.equals(p.getPhase()) || WorkflowPhases.RUNNING.equals(p.getPhase()))
                .map(PromiseStatus.PipelineStatus::getAttempts).filter(a -> a != null).findFirst().orElse(null);
        if (attempts != null) {
            next.stream().filter(p -> pipeline.equals(p.getName()) && WorkflowPhases.RUNNING.equals(p.getPhase()))
                    .forEach(p -> p.setAttempts(attempts));
        }
    }

    private static Instant retryAt(List<PromiseStatus.PipelineStatus> pipelines) {
        PromiseStatus.PipelineStatus suspended = suspendedEntry(pipelines);
        if (suspended == null || suspended.getNextRetryAt() == null) {
            return null;
        }
        try {
            return Instant.parse(suspended.getNextRetryAt());
        } catch (DateTimeParseException e) {
            // not ours to repair: a retry time nobody can read resumes at once rather than never
            return Instant.EPOCH;
        }
    }
}
