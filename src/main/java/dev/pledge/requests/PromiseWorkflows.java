package dev.pledge.requests;

import java.util.List;

/**
 * What a Promise says about the workflows of its requests.
 *
 * @param configurePipelines the names of its {@code resource.configure} pipelines, in order
 * @param deletePipeline the name of its first {@code resource.delete} pipeline (the only one that runs), or null
 * @param rolloutLimit how many requests may run their configure workflow at once
 * @param jobsToKeep how many Jobs of each pipeline are kept
 */
public record PromiseWorkflows(String promise, List<String> configurePipelines, String deletePipeline,
        int rolloutLimit, int jobsToKeep) {
    public PromiseWorkflows {
        configurePipelines = List.copyOf(configurePipelines);
    }

    public boolean hasDeletePipeline() {
        return deletePipeline != null;
    }
}
