package dev.pledge.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a workflow should do next, decided from the Jobs it already ran. Pipelines run one after the other; a
 * running Job is always waited for, never killed, even when the spec changed meanwhile (the next run starts
 * from the first pipeline once it finishes).
 */
public final class WorkflowProgress {

    /** What one existing Job tells: which pipeline, for which desired state, and how it ended. */
    public record JobSummary(String name, String pipeline, String hash, Instant created, JobState state) {
    }

    public enum JobState { RUNNING, SUCCEEDED, FAILED }

    /** The next step. {@code pipeline} indexes the workflow's pipelines. */
    public sealed interface Step {
        record Start(int pipeline) implements Step {
        }

        record Wait(String job) implements Step {
        }

        record Done() implements Step {
        }

        record Failed(int pipeline, String job) implements Step {
        }
    }

    private WorkflowProgress() {
    }

    /**
     * The Jobs to delete so that each pipeline keeps its newest {@code keep}; a running Job is never deleted, so a
     * workflow that never completes still keeps only its newest ones.
     */
    public static List<String> expired(List<JobSummary> jobs, int keep) {
        Map<String, List<JobSummary>> byPipeline = jobs.stream().collect(Collectors.groupingBy(
                j -> j.pipeline() == null ? "" : j.pipeline(), LinkedHashMap::new, Collectors.toList()));
        List<String> expired = new ArrayList<>();
        for (List<JobSummary> pipelineJobs : byPipeline.values()) {
            pipelineJobs.stream()
                    .sorted(Comparator.comparing(JobSummary::created).thenComparing(JobSummary::name).reversed())
                    .skip(Math.max(1, keep))
                    .filter(j -> j.state() != JobState.RUNNING)
                    .forEach(j -> expired.add(j.name()));
        }
        return expired;
    }

    /**
     * As {@link #expired(List, int)}, and every Job of a pipeline no longer in {@code pipelines} (removed or renamed
     * in the Promise) goes too, unless it is running: none is kept for a removed pipeline.
     */
    public static List<String> expired(List<JobSummary> jobs, int keep, List<String> pipelines) {
        List<String> expired = new ArrayList<>();
        List<JobSummary> current = new ArrayList<>();
        for (JobSummary job : jobs) {
            if (job.pipeline() != null && !pipelines.contains(job.pipeline())) {
                if (job.state() != JobState.RUNNING) {
                    expired.add(job.name());
                }
            } else {
                current.add(job);
            }
        }
        expired.addAll(expired(current, keep));
        return expired;
    }

    /**
     * @param pipelines the workflow's pipeline names, in order
     * @param hash the desired-state hash now
     * @param rerun a re-run from the first pipeline was asked for (manual reconciliation, periodic re-run)
     */
    public static Step next(List<JobSummary> jobs, List<String> pipelines, String hash, boolean rerun) {
        if (pipelines.isEmpty()) {
            return new Step.Done();
        }
        if (jobs.isEmpty()) {
            return new Step.Start(0);
        }
        JobSummary latest = jobs.stream()
                .max(Comparator.comparing(JobSummary::created).thenComparing(JobSummary::name)).orElseThrow();
        if (latest.state() == JobState.RUNNING) {
            return new Step.Wait(latest.name());
        }
        int index = pipelines.indexOf(latest.pipeline());
        if (rerun || index < 0 || !hash.equals(latest.hash())) {
            return new Step.Start(0);
        }
        if (latest.state() == JobState.FAILED) {
            return new Step.Failed(index, latest.name());
        }
        return index == pipelines.size() - 1 ? new Step.Done() : new Step.Start(index + 1);
    }

    /** The pipeline a step is about: the one started, waited for or failed; null when the workflow is done. */
    public static String pipelineOf(Step step, List<String> pipelines, List<JobSummary> jobs) {
        if (step instanceof Step.Start start) {
            return pipelines.get(start.pipeline());
        }
        if (step instanceof Step.Failed failed) {
            return pipelines.get(failed.pipeline());
        }
        if (step instanceof Step.Wait wait) {
            return jobs.stream().filter(j -> j.name().equals(wait.job())).map(JobSummary::pipeline).findFirst()
                    .orElse(null);
        }
        return null;
    }
}
