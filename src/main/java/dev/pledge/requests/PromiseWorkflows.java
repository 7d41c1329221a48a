package dev.pledge.requests;

import java.time.Duration;
import java.util.List;

/**
 * What a Promise says about the workflows of its requests.
 *
 * @param configurePipelines the names of its {@code resource.configure} pipelines, in order
 * @param deletePipeline the name of its first {@code resource.delete} pipeline (the only one that runs), or null
 * @param rolloutLimit how many requests may run their configure workflow at once
 * @param jobsToKeep how many Jobs of each pipeline are kept
 * @param reconciliationInterval how long after a completed run the workflow runs again; null for never
 * @param unmetRequirements why the Promise's required Promises are not all installed; null when they are
 * @param paused the Promise is labelled {@code kratix.io/paused: "true"}: none of its requests is reconciled
 */
public record PromiseWorkflows(String promise, List<String> configurePipelines, String deletePipeline,
        int rolloutLimit, int jobsToKeep, Duration reconciliationInterval, String unmetRequirements, boolean paused) {
    public PromiseWorkflows {
        configurePipelines = List.copyOf(configurePipelines);
    }

    /** A Promise that is not paused. */
    public PromiseWorkflows(String promise, List<String> configurePipelines, String deletePipeline, int rolloutLimit,
            int jobsToKeep, Duration reconciliationInterval, String unmetRequirements) {
        this(promise, configurePipelines, deletePipeline, rolloutLimit, jobsToKeep, reconciliationInterval,
                unmetRequirements, false);
    }

    /** A Promise whose requirements are met, not paused. */
    public PromiseWorkflows(String promise, List<String> configurePipelines, String deletePipeline, int rolloutLimit,
            int jobsToKeep, Duration reconciliationInterval) {
        this(promise, configurePipelines, deletePipeline, rolloutLimit, jobsToKeep, reconciliationInterval, null,
                false);
    }

    /** The same Promise with its requirements unmet for {@code why}, or met when null. */
    public PromiseWorkflows withUnmetRequirements(String why) {
        return new PromiseWorkflows(promise, configurePipelines, deletePipeline, rolloutLimit, jobsToKeep,
                reconciliationInterval, why, paused);
    }

    /** Workflows that never run again on their own. */
    public PromiseWorkflows(String promise, List<String> configurePipelines, String deletePipeline, int rolloutLimit,
            int jobsToKeep) {
        this(promise, configurePipelines, deletePipeline, rolloutLimit, jobsToKeep, null, null, false);
    }

    public PromiseWorkflows pausedAs(boolean isPaused) {
        return new PromiseWorkflows(promise, configurePipelines, deletePipeline, rolloutLimit, jobsToKeep,
                reconciliationInterval, unmetRequirements, isPaused);
    }

    public boolean hasDeletePipeline() {
        return deletePipeline != null;
    }
}
