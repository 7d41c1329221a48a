package dev.pledge.metrics;

import dev.pledge.api.KratixLabels;
import dev.pledge.workflow.WorkflowLabels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline Job that has just finished, as the workflow meters count it: which Promise, workflow type and action,
 * whether it succeeded, and how long it ran. Label values outside the known few become {@code other}, so a stray
 * label cannot grow the meters.
 */
record FinishedJob(String promise, String type, String action, String outcome, Optional<Duration> duration) {
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String OTHER = "other";
    private static final Set<String> TYPES = Set.of("promise", "resource");
    private static final Set<String> ACTIONS = Set.of("configure", "delete");

    /**
     * The Job as finished if this update is the one that finished it: it was running before and has a terminal
     * condition now. A Job already finished when first seen (the informer's initial list after a restart or a
     * change of leader) is not counted again.
     */
    static Optional<FinishedJob> transition(Job before, Job after) {
        if (before == null || outcome(before).isPresent()) {
            return Optional.empty();
        }
        return outcome(after).map(outcome -> of(after, outcome));
    }

    private static FinishedJob of(Job job, String outcome) {
        Map<String, String> labels = job.getMetadata().getLabels() == null ? Map.of() : job.getMetadata().getLabels();
        return new FinishedJob(labels.getOrDefault(KratixLabels.PROMISE_NAME, ""),
                known(labels.get(WorkflowLabels.WORKFLOW_TYPE), TYPES),
                known(labels.get(WorkflowLabels.WORKFLOW_ACTION), ACTIONS), outcome, duration(job, outcome));
    }

    /** {@code succeeded} or {@code failed} once the Job has its Complete or Failed condition. */
    static Optional<String> outcome(Job job) {
        return terminal(job).map(c -> "Complete".equals(c.getType()) ? SUCCEEDED : FAILED);
    }

    private static Optional<JobCondition> terminal(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                .findFirst();
    }

    /** From the Job's start to its completion (or to its Failed condition): what the pipeline took. */
    private static Optional<Duration> duration(Job job, String outcome) {
        var status = job.getStatus();
        String start = status.getStartTime() != null ? status.getStartTime() : job.getMetadata().getCreationTimestamp();
        String end = SUCCEEDED.equals(outcome) && status.getCompletionTime() != null ? status.getCompletionTime()
                : terminal(job).map(JobCondition::getLastTransitionTime).orElse(null);
        if (start == null || end == null) {
            return Optional.empty();
        }
        Duration ran = Duration.between(Instant.parse(start), Instant.parse(end));
        return ran.isNegative() ? Optional.empty() : Optional.of(ran);
    }

    private static String known(String value, Set<String> values) {
        return value != null && values.contains(value) ? value : OTHER;
    }
}
