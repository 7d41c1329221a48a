package dev.pledge.controller;

import dev.pledge.api.KratixConditions;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Pipeline;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.ResourceRequestStatus;
import dev.pledge.api.SelectorSources;
import dev.pledge.api.Unstructured;
import dev.pledge.api.Work;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.config.PledgeConfig;
import dev.pledge.metrics.ControllerMetrics;
import dev.pledge.promise.PromiseApi;
import dev.pledge.requests.ConfigureInput;
import dev.pledge.requests.ConfigurePlan;
import dev.pledge.requests.DeletePlan;
import dev.pledge.requests.FailedAttempts;
import dev.pledge.requests.PromiseWorkflows;
import dev.pledge.requests.RequestRules;
import dev.pledge.requests.RequestState;
import dev.pledge.requests.RolloutState;
import dev.pledge.runtime.Backoff;
import dev.pledge.runtime.Controller;
import dev.pledge.runtime.Delays;
import dev.pledge.runtime.LeaderGate;
import dev.pledge.runtime.Result;
import dev.pledge.workflow.ParentObject;
import dev.pledge.workflow.PipelineRun;
import dev.pledge.workflow.ReconciliationInterval;
import dev.pledge.workflow.SpecHash;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The resource requests of one Promise: observe (the request and its Jobs, Works and placements, all from caches),
 * decide ({@link RequestRules}), then act — write the status fields this controller owns, start the next pipeline,
 * prune old Jobs, delete Works. The rollout limit is exact across workers: slots are taken under one lock, counting
 * both the running Jobs the cache shows and the Jobs just started that it does not show yet.
 */
final class ResourceRequestController implements AutoCloseable {
    static final String MAX_CONCURRENT_ANNOTATION = "pledge.dev/max-concurrent-workflows";
    static final int WORKERS = 2;
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    /** How soon to look again when a write found the cache behind the API server. */
    static final Duration CACHE_BEHIND = Duration.ofMillis(500);
    /** How long a Job this controller created may stay missing from the Job cache before it stops waiting for it. */
    static final Duration JOB_CACHE_PATIENCE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(ResourceRequestController.class);

    private final KubernetesClient client;
    private final WorkflowRunner runner;
    /**
     * Jobs this controller created that the Job cache has not shown yet, per request key. Until it does, decisions
     * about the request wait: made from a cache without the new Job, they would start the same pipeline again.
     */
    private final Map<String, CreatedJob> createdJobs = new ConcurrentHashMap<>();
    private final EventRecorder events;
    private final PledgeConfig config;
    private final RequestInformers caches;
    private final PromiseApi.Identity api;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final Controller controller;
    /** Requests that took a slot for a Job the Job cache may not show yet. */
    private final Set<String> reserved = new HashSet<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    /** Where each request stands, for the Promise's rollout status. */
    private final Map<String, RolloutState> progress = new ConcurrentHashMap<>();
    private String reportedRollout = "";
    private volatile Promise promise;
    /** Why the Promise's required Promises are not all installed (set by the Promise's reconciler); null when met. */
    private volatile String unmetRequirements;
    private final Runnable rolloutChanged;

    ResourceRequestController(KubernetesClient client, WorkflowRunner runner, EventRecorder events,
            PledgeConfig config, RequestInformers caches, Promise promise, PromiseApi.Identity api,
            MeterRegistry registry, LeaderGate gate, String unmetRequirements, Runnable rolloutChanged) {
        this.client = client;
        this.rolloutChanged = rolloutChanged;
        this.unmetRequirements = unmetRequirements;
        this.runner = runner;
        this.events = events;
        this.config = config;
        this.caches = caches;
        this.promise = promise;
        this.api = api;
        String name = "requests-" + promise.getMetadata().getName();
        this.informer = caches.requests(api);  // before the meters: nothing is registered for a controller that fails here
        this.controller = new Controller(new Controller.Settings(name, WORKERS, BACKOFF, gate, Delays.onThread(name)),
                this::reconcile, queue -> {
                    ControllerMetrics metrics = new ControllerMetrics(registry, name, queue::depth);
                    metrics.waitingOnRollout(promise.getMetadata().getName(), waiting::size);
                    return metrics;
                });
        informer.addEventHandler(controller.handler(r -> List.of(key(r)), ResourceRequestController::matters));
        informer.run();
        controller.start();
    }

    /** Spec, labels, deletion and finalizers wake a request; its status (ours or the pipeline's) does not. */
    private static boolean matters(GenericKubernetesResource before, GenericKubernetesResource after) {
        return !Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
                || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                || !Objects.equals(before.getMetadata().getDeletionTimestamp(), after.getMetadata().getDeletionTimestamp())
                || !Objects.equals(before.getMetadata().getFinalizers(), after.getMetadata().getFinalizers());
    }

    private static boolean paused(Promise promise) {
        var labels = promise.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(KratixLabels.PAUSED));
    }

    boolean serves(PromiseApi.Identity other) {
        return api.equals(other);
    }

    /** A new Promise spec changes every request's desired hash: re-run them all, N at a time. */
    void update(Promise latest) {
        boolean changed = !Objects.equals(SpecHash.of(promise.getSpec()), SpecHash.of(latest.getSpec()))
                || !Objects.equals(latest.getMetadata().getAnnotations(), promise.getMetadata().getAnnotations())
                || paused(latest) != paused(promise);
        promise = latest;
        if (changed) {
            enqueueAll();
        }
    }

    /** The Promise's requirements changed: every request waits, or starts now that they are met. */
    void requirements(String unmet) {
        if (!Objects.equals(unmet, unmetRequirements)) {
            unmetRequirements = unmet;
            enqueueAll();
        }
    }

    void enqueueAll() {
        informer.getStore().list().forEach(r -> controller.enqueue(key(r)));
    }

    void enqueue(String key) {
        controller.enqueue(key);
    }

    /** A Job of the request changed; one that stopped running may free a slot for a waiting request. */
    void jobChanged(String key, boolean stoppedRunning) {
        controller.enqueue(key);
        if (stoppedRunning) {
            waiting.forEach(controller::enqueue);
        }
    }

    int waitingOnRollout() {
        return waiting.size();
    }

    private Result reconcile(String key) {
        GenericKubernetesResource request = informer.getStore().getByKey(key);
        Result result = Result.done();
        if (request == null) {
            forget(key);
            createdJobs.remove(key);
        } else {
            RequestState state = state(request);
            PromiseWorkflows workflows = workflows();
            try {
                if (state.deleting()) {
                    forget(key);
                    if (waitingForCreatedJob(key, workflows, WorkflowAction.DELETE)) {
                        result = Result.after(CACHE_BEHIND);
                    } else {
                        result = delete(request, state, workflows);
                    }
                } else if (RequestRules.paused(state, workflows)) {
                    forget(key);
                    pause(request, state, workflows);
                } else if (waitingForCreatedJob(key, workflows, WorkflowAction.CONFIGURE)) {
                    result = Result.after(CACHE_BEHIND);
                } else if (!ensureLabelAndFinalizers(request, state, workflows)) {
                    ConfigurePlan plan = configure(request, state, workflows);
                    if (plan.requeueAfter() != null) {
                        result = Result.after(plan.requeueAfter().plusSeconds(1));
                    }
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // written from a cache that was behind: look again once it caught up
                result = Result.after(CACHE_BEHIND);
            }
        }
        reportRollout();
        return result;
    }

    /**
     * Paused: Reconciled says so, nothing else happens. Unlike upstream, deleting a paused request still runs its
     * deletion: a paused Promise being deleted would otherwise wait for its requests forever.
     */
    private void pause(GenericKubernetesResource request, RequestState state, PromiseWorkflows workflows) {
        Map<String, Object> patch = RequestRules.pausedStatus(state, Instant.now());
        if (patch != null) {
            patchStatus(request, patch);
            events.warning(request, KratixConditions.PAUSED_RECONCILIATION, "'" + KratixLabels.PAUSED
                    + "' label set to 'true' for " + (workflows.paused() ? "Promise " + workflows.promise()
                            : "this resource") + "; pausing reconciliation");
        }
    }

    private record CreatedJob(WorkflowAction action, String name, Instant at) {
    }

    private void created(String key, WorkflowAction action, String job) {
        createdJobs.put(key, new CreatedJob(action, job, Instant.now()));
    }

    /** Whether the request's newest Job of {@code action}, created here, is still missing from the Job cache. */
    private boolean waitingForCreatedJob(String key, PromiseWorkflows workflows, WorkflowAction action) {
        CreatedJob created = createdJobs.get(key);
        if (created == null || created.action() != action) {
            return false;
        }
        boolean seen = caches.jobs(workflows.promise(), key, action).stream()
                .anyMatch(job -> job.name().equals(created.name()));
        if (seen || Instant.now().isAfter(created.at().plus(JOB_CACHE_PATIENCE))) {
            createdJobs.remove(key, created);
            return false;
        }
        return true;
    }

    private void forget(String key) {
        progress.remove(key);
        waiting.remove(key);
        synchronized (reserved) {
            reserved.remove(key);
        }
    }

    // ---- configure

    private ConfigurePlan configure(GenericKubernetesResource request, RequestState state, PromiseWorkflows workflows) {
        String key = state.key();
        List<PipelineRun> runs = runs(request, WorkflowAction.CONFIGURE);
        String hash = hash(request);
        ConfigurePlan plan;
        synchronized (reserved) {
            Set<String> holding = new HashSet<>(caches.runningConfigure(workflows.promise()));
            holding.addAll(reserved);
            ConfigureInput input = new ConfigureInput(state, workflows, hash,
                    caches.jobs(workflows.promise(), key, WorkflowAction.CONFIGURE),
                    RequestRules.slotFree(holding, key, workflows.rolloutLimit()),
                    caches.destinations(workflows.promise(), key), null, Instant.now(),
                    caches.failedAttempts(workflows.promise(), key));
            plan = RequestRules.configure(input);
            if (plan.wantsFailureReason()) {
                String job = ((Step.Failed) plan.step()).job();
                FailedAttempts attempts = input.failedAttempts().get(job);
                String reason = attempts != null && attempts.message() != null ? attempts.message()
                        : runner.failureOf(runs.get(0).namespace(), job);
                plan = RequestRules.configure(input.withFailureReason(reason));
            }
            if (plan.pipelineToStart() >= 0) {
                reserved.add(key);
            } else {
                reserved.remove(key);
            }
        }
        if (plan.deferred()) {
            waiting.add(key);
        } else {
            waiting.remove(key);
        }
        progress.put(key, plan.rollout());
        // the status first: "Pending" must land before the Job whose status writer will replace it exists
        if (plan.statusPatch() != null) {
            patchStatus(request, plan.statusPatch());
        }
        if (plan.warning() != null) {
            events.warning(request, KratixConditions.CONFIGURE_WORKFLOW_FAILED, plan.warning());
        }
        if (plan.attemptFailed() != null) {
            events.warning(request, KratixConditions.PIPELINE_ATTEMPT_FAILED, plan.attemptFailed());
        }
        if (plan.suspended() != null) {
            events.warning(request, KratixConditions.WORKFLOW_SUSPENDED, plan.suspended());
        }
        if (!plan.labels().isEmpty()) {
            setLabels(request, plan.labels());
        }
        if (plan.removeRerunLabels()) {
            removeLabels(request, KratixLabels.MANUAL_RECONCILIATION, KratixLabels.RUN_FROM_START);
        }
        if (plan.pipelineToStart() >= 0) {
            try {
                created(key, WorkflowAction.CONFIGURE, runner.start(runs.get(plan.pipelineToStart())));
            } catch (RuntimeException e) {
                synchronized (reserved) {
                    reserved.remove(key);
                }
                throw e;
            }
        }
        if (!plan.pruneJobs().isEmpty()) {
            runner.delete(runs.get(0).namespace(), plan.pruneJobs());
        }
        return plan;
    }

    // ---- delete

    /** resource.delete runs first (only the first delete pipeline, as upstream), then the request's Works go. */
    private Result delete(GenericKubernetesResource request, RequestState state, PromiseWorkflows workflows) {
        List<Work> works = caches.works(workflows.promise(), state.key());
        DeletePlan plan = RequestRules.delete(state, workflows, hash(request),
                caches.jobs(workflows.promise(), state.key(), WorkflowAction.DELETE), works.size(), Instant.now());
        if (plan instanceof DeletePlan.DeletePipelineSuspended suspended) {
            if (suspended.statusPatch() != null) {
                patchStatus(request, suspended.statusPatch());
                events.warning(request, KratixConditions.DELETE_WORKFLOW_SUSPENDED,
                        KratixConditions.DELETE_WORKFLOW_SUSPENDED_MESSAGE);
            }
            return suspended.retryAt() == null ? Result.done()
                    : Result.after(Duration.between(Instant.now(), suspended.retryAt()).plusSeconds(1));
        } else if (plan instanceof DeletePlan.RetryDeletePipeline) {
            removeLabels(request, KratixLabels.WORKFLOW_SUSPENDED);
        } else if (plan instanceof DeletePlan.RerunDeletePipeline rerun) {
            // status first: once the entry says Running, a Job cache that is behind cannot start it twice
            if (rerun.statusPatch() != null) {
                patchStatus(request, rerun.statusPatch());
            }
            created(state.key(), WorkflowAction.DELETE, runner.start(runs(request, WorkflowAction.DELETE).get(0)));
        } else if (plan instanceof DeletePlan.StartDeletePipeline) {
            created(state.key(), WorkflowAction.DELETE, runner.start(runs(request, WorkflowAction.DELETE).get(0)));
        } else if (plan instanceof DeletePlan.DeletePipelineFailed) {
            events.warning(request, KratixConditions.DELETE_WORKFLOW_FAILED, "The Delete Pipeline has failed");
        } else if (plan instanceof DeletePlan.DeleteWorks) {
            // their deletion events wake this request again
            works.forEach(w -> client.resource(w).delete());
        } else if (plan instanceof DeletePlan.RemoveFinalizers remove) {
            removeFinalizers(request, remove.finalizers());
        }
        return Result.done();
    }

    // ---- what the Promise says

    private PromiseWorkflows workflows() {
        Promise current = promise;
        List<String> configure = pipelines(current, WorkflowAction.CONFIGURE).stream()
                .map(p -> Pipeline.from(p).name()).toList();
        List<Unstructured> delete = pipelines(current, WorkflowAction.DELETE);
        return new PromiseWorkflows(current.getMetadata().getName(), configure,
                delete.isEmpty() ? null : Pipeline.from(delete.get(0)).name(), maxConcurrent(current),
                Math.max(1, config.workflows().jobsToKeep()),
                ReconciliationInterval.of(current.getSpec(), config.workflows().reconciliationInterval()),
                unmetRequirements, paused(current));
    }

    private static List<Unstructured> pipelines(Promise promise, WorkflowAction action) {
        return promise.getSpec().getWorkflows() == null ? List.of()
                : promise.getSpec().getWorkflows().pipelines(WorkflowType.RESOURCE, action);
    }

    private String hash(GenericKubernetesResource request) {
        return SpecHash.ofResource(promise.getSpec(), request.getAdditionalProperties().get("spec"));
    }

    private List<PipelineRun> runs(GenericKubernetesResource request, WorkflowAction action) {
        Promise current = promise;
        List<Unstructured> raw = pipelines(current, action);
        String hash = hash(request);
        ParentObject parent = new ParentObject(api.group(), api.storageVersion(), api.kind(), api.plural(),
                request.getMetadata().getName(), request.getMetadata().getNamespace(), request.getMetadata().getUid(),
                false);
        var workflows = current.getSpec().getWorkflows();
        String configured = workflows == null || workflows.getConfig() == null ? null
                : workflows.getConfig().getPipelineNamespace();
        String namespace = configured == null ? request.getMetadata().getNamespace() : configured;
        Map<String, String> defaults = promiseWorkflowDefaults(current.getMetadata().getName());
        return WorkflowRunner.runs(raw.size(), i -> new PipelineRun(current.getMetadata().getName(),
                WorkflowType.RESOURCE, action, Pipeline.from(raw.get(i)), i == raw.size() - 1, parent, namespace,
                configured != null, current.getSpec().getDestinationSelectors(), hash, defaults));
    }

    /** The root selectors the Promise's configure workflow wrote: the default of every request (the seed). */
    private Map<String, String> promiseWorkflowDefaults(String promiseName) {
        Map<String, String> defaults = new LinkedHashMap<>();
        caches.promiseWorks(promiseName).stream()
                .flatMap(w -> w.getSpec().getWorkloadGroups().stream())
                .filter(g -> ".".equals(g.getDirectory()))
                .flatMap(g -> g.getDestinationSelectors().stream())
                .filter(s -> SelectorSources.PROMISE_WORKFLOW.equals(s.getSource()) && s.getMatchLabels() != null)
                .forEach(s -> s.getMatchLabels().forEach(defaults::putIfAbsent));
        return defaults;
    }

    private int maxConcurrent(Promise current) {
        var annotations = current.getMetadata().getAnnotations();
        String override = annotations == null ? null : annotations.get(MAX_CONCURRENT_ANNOTATION);
        if (override != null) {
            try {
                return Math.max(1, Integer.parseInt(override.trim()));
            } catch (NumberFormatException e) {
                LOG.warnf("Promise %s: annotation %s=%s is not a number; using %d", current.getMetadata().getName(),
                        MAX_CONCURRENT_ANNOTATION, override, config.workflows().maxConcurrentResourceWorkflows());
            }
        }
        return Math.max(1, config.workflows().maxConcurrentResourceWorkflows());
    }

    // ---- writes

    /** Adds the promise label and missing finalizers; true when it wrote (the update event reconciles again). */
    private boolean ensureLabelAndFinalizers(GenericKubernetesResource request, RequestState state,
            PromiseWorkflows workflows) {
        List<String> missing = RequestRules.missingFinalizers(state, workflows);
        boolean label = RequestRules.needsPromiseLabel(state, workflows);
        if (missing.isEmpty() && !label) {
            return false;
        }
        List<String> finalizers = new ArrayList<>(state.finalizers());
        finalizers.addAll(missing);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", request.getMetadata().getResourceVersion());
        metadata.put("finalizers", finalizers);
        metadata.put("labels", Map.of(KratixLabels.PROMISE_NAME, workflows.promise()));
        resource(request).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(Map.of("metadata", metadata)));
        return true;
    }

    private void removeFinalizers(GenericKubernetesResource request, List<String> done) {
        List<String> finalizers = new ArrayList<>(request.getMetadata().getFinalizers());
        finalizers.removeAll(done);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", request.getMetadata().getResourceVersion());
        metadata.put("finalizers", finalizers);
        try {
            resource(request).patch(PatchContext.of(PatchType.JSON_MERGE),
                    client.getKubernetesSerialization().asJson(Map.of("metadata", metadata)));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private void removeLabels(GenericKubernetesResource request, String... labels) {
        Map<String, String> removed = new LinkedHashMap<>();
        for (String label : labels) {
            removed.put(label, null);
        }
        setLabels(request, removed);
    }

    /** Sets (or, for a null value, removes) labels of the request; the change's event reconciles it again. */
    private void setLabels(GenericKubernetesResource request, Map<String, String> labels) {
        resource(request).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization()
                .asJson(Map.of("metadata", Map.of("labels", labels))));
    }

    /** kratix.io/reconcile-resources: every request runs again from its first pipeline, N at a time. */
    void rerunAll() {
        for (GenericKubernetesResource request : informer.getStore().list()) {
            if (request.getMetadata().getDeletionTimestamp() == null) {
                resource(request).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"" + KratixLabels.RUN_FROM_START + "\":\"true\"}}}");
            }
        }
    }

    /**
     * Writes the fields of the plan's patch, on the condition that the request is still the version the cache
     * holds: a status decided from an old version (say, before the status writer's merge) never lands.
     */
    private void patchStatus(GenericKubernetesResource request, Map<String, Object> status) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", request.getMetadata().getResourceVersion()));
        patch.put("status", status);
        try {
            resource(request).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                    client.getKubernetesSerialization().asJson(patch));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    /** How far the Promise's latest change has reached its requests: how many there are, and where each stands. */
    PromiseStatus.Rollout rollout() {
        Map<RolloutState, Long> counts = progress.values().stream()
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        PromiseStatus.Rollout rollout = new PromiseStatus.Rollout();
        rollout.setRequests(informer.getStore().list().size());
        rollout.setUpToDate(counts.getOrDefault(RolloutState.UP_TO_DATE, 0L).intValue());
        rollout.setRunning(counts.getOrDefault(RolloutState.RUNNING, 0L).intValue());
        rollout.setWaiting(counts.getOrDefault(RolloutState.WAITING, 0L).intValue());
        rollout.setFailed(counts.getOrDefault(RolloutState.FAILED, 0L).intValue());
        return rollout;
    }

    /**
     * Tells the Promise's controller when the rollout counts changed; it writes them into the Promise's status
     * (their one writer, {@link PromiseStatusAggregator}), asking {@link #rollout()} for the latest.
     */
    private synchronized void reportRollout() {
        String json = client.getKubernetesSerialization().asJson(rollout());
        if (!json.equals(reportedRollout)) {
            reportedRollout = json;
            rolloutChanged.run();
        }
    }

    /**
     * The request as a handle for writes. Built from the object in hand, not by name: fabric8 (7.5) reads an object
     * named only by name from the API server before each patch, one GET per write for nothing.
     */
    private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(GenericKubernetesResource r) {
        return client.genericKubernetesResources(ResourceRequests.definition(api)).inNamespace(r.getMetadata().getNamespace())
                .resource(r);
    }

    private static RequestState state(GenericKubernetesResource request) {
        return new RequestState(key(request), request.getMetadata().getGeneration(), request.getMetadata().getLabels(),
                request.getMetadata().getFinalizers(), request.getMetadata().getDeletionTimestamp() != null,
                ResourceRequestStatus.from(request.getAdditionalProperties().get("status")));
    }

    private static String key(GenericKubernetesResource request) {
        return request.getMetadata().getNamespace() + "/" + request.getMetadata().getName();
    }

    @Override
    public void close() {
        informer.stop();
        controller.close();
    }
}
