package dev.pledge.controller;

import dev.pledge.api.KratixLabels;
import dev.pledge.config.PledgeConfig;
import dev.pledge.workflow.AdapterSettings;
import dev.pledge.workflow.PipelineJobs;
import dev.pledge.workflow.PipelineResources;
import dev.pledge.workflow.PipelineRun;
import dev.pledge.workflow.WorkflowProgress;
import dev.pledge.workflow.WorkflowProgress.JobState;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Runs a workflow's pipelines as Jobs, one after the other: looks at the Jobs already there, decides the next
 * step ({@link WorkflowProgress}), starts the next pipeline's Job with its ServiceAccount, RBAC and scheduling
 * ConfigMap, and keeps only the newest Jobs of each pipeline, also for workflows that never complete.
 */
@ApplicationScoped
public class WorkflowRunner {

    /** Where a workflow stands after this pass; {@code deferred} when a new run had to wait for a slot. */
    public record Outcome(Step step, String pipeline, boolean deferred) {
        Outcome(Step step, String pipeline) {
            this(step, pipeline, false);
        }

        public boolean done() {
            return step instanceof Step.Done;
        }

        public boolean failed() {
            return step instanceof Step.Failed;
        }

        public boolean started() {
            return step instanceof Step.Start && !deferred;
        }
    }

    private final KubernetesClient client;
    private final PledgeConfig config;

    public WorkflowRunner(KubernetesClient client, PledgeConfig config) {
        this.client = client;
        this.config = config;
    }

    public AdapterSettings adapterSettings() {
        return new AdapterSettings(config.pipelineAdapter().image(), config.pipelineAdapter().command(),
                config.pipelineAdapter().pullSecret().orElse(null),
                config.workflows().defaultBackoffLimit().orElse(null), null, null, null);
    }

    /**
     * @param runs the workflow's pipelines, rendered for this pass (index i = pipeline i)
     * @param rerun start again from the first pipeline once nothing is running
     */
    public Outcome advance(List<PipelineRun> runs, boolean rerun) {
        return advance(runs, rerun, () -> true);
    }

    /**
     * As {@link #advance(List, boolean)}, but a new run (from the first pipeline) starts only when
     * {@code mayStartRun} says so; a run already under way always continues.
     */
    public Outcome advance(List<PipelineRun> runs, boolean rerun, java.util.function.BooleanSupplier mayStartRun) {
        if (runs.isEmpty()) {
            return new Outcome(new Step.Done(), null);
        }
        PipelineRun first = runs.get(0);
        List<Job> jobs = jobs(first);
        List<String> names = runs.stream().map(r -> r.pipeline().name()).toList();
        Step step = WorkflowProgress.next(jobs.stream().map(WorkflowRunner::summary).toList(), names, first.hash(), rerun);
        if (step instanceof Step.Start start) {
            if (start.pipeline() == 0 && !mayStartRun.getAsBoolean()) {
                return new Outcome(step, names.get(0), true);
            }
            start(runs.get(start.pipeline()));
            prune(jobs, names);
            return new Outcome(step, names.get(start.pipeline()));
        }
        if (step instanceof Step.Wait wait) {
            return new Outcome(step, pipelineOf(jobs, wait.job()));
        }
        prune(jobs, names);
        return new Outcome(step, step instanceof Step.Failed failed ? names.get(failed.pipeline()) : null);
    }

    /**
     * Why a failed workflow's Job failed, in its Pod's words: the Pod's message (what the local node writes, for
     * example that no container engine is installed), else the first container that ended with a non-zero exit
     * code. Null when no Pod says anything; the Job's own condition only says the backoff limit was reached.
     */
    public String failureOf(PipelineRun run, Outcome outcome) {
        if (!(outcome.step() instanceof Step.Failed failed)) {
            return null;
        }
        return failureOf(run.namespace(), failed.job());
    }

    /** As {@link #failureOf(PipelineRun, Outcome)}, for a Job named {@code job}: asked once, when a run fails. */
    public String failureOf(String namespace, String job) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
        return pods.stream()
                .filter(pod -> pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase()))
                .max(Comparator.comparing(pod -> String.valueOf(pod.getMetadata().getCreationTimestamp())))
                .map(WorkflowRunner::failureOf)
                .orElse(null);
    }

    /** Why this failed Pod failed: its message, else its first container that exited non-zero; or null. */
    static String failureOf(Pod pod) {
        if (pod.getStatus().getMessage() != null && !pod.getStatus().getMessage().isBlank()) {
            return pod.getStatus().getMessage();
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        statuses.addAll(pod.getStatus().getInitContainerStatuses());
        statuses.addAll(pod.getStatus().getContainerStatuses());
        return statuses.stream()
                .filter(s -> s.getState() != null && s.getState().getTerminated() != null
                        && s.getState().getTerminated().getExitCode() != null
                        && s.getState().getTerminated().getExitCode() != 0)
                .findFirst()
                .map(s -> "container " + s.getName() + " exited with code " + s.getState().getTerminated().getExitCode()
                        + (s.getState().getTerminated().getMessage() == null ? ""
                                : ": " + s.getState().getTerminated().getMessage()))
                .orElse(null);
    }

    /** Whether any Job of this workflow is running. */
    public boolean running(PipelineRun any) {
        return jobs(any).stream().anyMatch(j -> state(j) == JobState.RUNNING);
    }

    /** The workflow's Jobs: same promise, type, action and (for requests) resource. */
    List<Job> jobs(PipelineRun run) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(KratixLabels.PROMISE_NAME, run.promiseName());
        selector.put(KratixLabels.WORKFLOW_TYPE, run.type().value());
        selector.put(KratixLabels.WORKFLOW_ACTION, run.action().value());
        if (run.isResource()) {
            selector.put(KratixLabels.RESOURCE_NAME, run.parent().name());
            if (run.namesResourceNamespace()) {
                selector.put(KratixLabels.RESOURCE_NAMESPACE, run.parent().namespace());
            }
        }
        return client.batch().v1().jobs().inNamespace(run.namespace()).withLabels(selector).list().getItems();
    }

    /** Creates the run's Job (and what it needs); returns the Job's name. */
    String start(PipelineRun run) {
        PipelineResources resources = PipelineJobs.render(run, adapterSettings());
        List<HasMetadata> shared = new ArrayList<>();
        if (resources.serviceAccount() != null) {
            shared.add(resources.serviceAccount());
        }
        if (resources.schedulingConfigMap() != null) {
            shared.add(resources.schedulingConfigMap());
        }
        shared.addAll(resources.rbac());
        for (HasMetadata object : shared) {
            client.resource(object).fieldManager("pledge").forceConflicts().serverSideApply();
        }
        client.resource(resources.job()).create();
        return resources.job().getMetadata().getName();
    }

    /** Keeps the newest Jobs of each pipeline, and none of a pipeline the workflow no longer has. */
    private void prune(List<Job> jobs, List<String> pipelines) {
        List<String> expired = WorkflowProgress.expired(jobs.stream().map(WorkflowRunner::summary).toList(),
                config.workflows().jobsToKeep(), pipelines);
        jobs.stream().filter(j -> expired.contains(j.getMetadata().getName()))
                .forEach(j -> client.resource(j).withPropagationPolicy(
                        io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete());
    }

    static JobSummary summary(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        return new JobSummary(job.getMetadata().getName(), labels.get(KratixLabels.PIPELINE_NAME),
                labels.get(KratixLabels.HASH), created(job), state(job));
    }

    static JobState state(Job job) {
        var status = job.getStatus();
        if (status != null && status.getConditions() != null) {
            for (var condition : status.getConditions()) {
                if ("True".equals(condition.getStatus()) && "Complete".equals(condition.getType())) {
                    return JobState.SUCCEEDED;
                }
                if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                    return JobState.FAILED;
                }
            }
        }
        return JobState.RUNNING;
    }

    private static Instant created(Job job) {
        String created = job.getMetadata().getCreationTimestamp();
        return created == null ? Instant.now() : Instant.parse(created);
    }

    private static String pipelineOf(List<Job> jobs, String name) {
        return jobs.stream().filter(j -> j.getMetadata().getName().equals(name)).findFirst()
                .map(j -> j.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME)).orElse(null);
    }

    /** Renders each pipeline of a workflow; {@code render.apply(i)} makes pipeline i's run. */
    public static List<PipelineRun> runs(int count, IntFunction<PipelineRun> render) {
        List<PipelineRun> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            runs.add(render.apply(i));
        }
        return runs;
    }
}
