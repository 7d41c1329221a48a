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
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The effects of running a workflow's pipelines as Jobs: starts a pipeline's Job with its ServiceAccount, RBAC and
 * scheduling ConfigMap, deletes the Jobs a workflow no longer keeps, and asks a failed Job's Pod why it failed.
 * What to run next is decided elsewhere, from the Job caches ({@code promise.PromiseRules},
 * {@code requests.RequestRules}, both with {@link WorkflowProgress}).
 */
@ApplicationScoped
public class WorkflowRunner {

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
     * Why a failed workflow's Job named {@code job} failed, in its Pod's words: the Pod's message (what the local
     * node writes, for example that no container engine is installed), else the first container that ended with a
     * non-zero exit code. Null when no Pod says anything; the Job's own condition only says the backoff limit was
     * reached. Asked once, when a run fails.
     */
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

    /** Creates the run's Job (and what it needs); returns the Job's name. */
    String start(PipelineRun run) {
        return startJob(run).getMetadata().getName();
    }

    /** Creates the run's Job (and what it needs); returns the Job as the API server created it. */
    Job startJob(PipelineRun run) {
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
        return client.resource(resources.job()).create();
    }

    /** Deletes these Jobs of a namespace (and, in the background, their Pods). */
    void delete(String namespace, List<String> jobs) {
        for (String job : jobs) {
            client.batch().v1().jobs().inNamespace(namespace).withName(job)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
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

    /** Renders each pipeline of a workflow; {@code render.apply(i)} makes pipeline i's run. */
    public static List<PipelineRun> runs(int count, IntFunction<PipelineRun> render) {
        List<PipelineRun> runs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            runs.add(render.apply(i));
        }
        return runs;
    }
}
