package dev.pledge.controller;

import dev.pledge.api.KratixConditions;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.SelectorSources;
import dev.pledge.api.Pipeline;
import dev.pledge.api.Promise;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.config.PledgeConfig;
import dev.pledge.promise.PromiseApi;
import dev.pledge.workflow.ParentObject;
import dev.pledge.workflow.PipelineRun;
import dev.pledge.workflow.SpecHash;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reconciles the resource requests of one Promise: runs its {@code resource.configure} pipelines in order for
 * each request, and {@code resource.delete} then removes the request's Works when the request is deleted. All
 * requests of a Promise are reconciled on one thread, which makes the rollout limit exact: at most N requests of
 * the Promise run a configure workflow at a time, so a Promise change that re-runs 1,000 requests does not
 * start 1,000 Jobs at once.
 */
final class ResourceRequestController implements AutoCloseable {
    static final String WORK_CLEANUP = KratixLabels.WORK_CLEANUP_FINALIZER;
    static final String WORKFLOWS_CLEANUP = KratixLabels.WORKFLOWS_CLEANUP_FINALIZER;
    static final String DELETE_WORKFLOWS = KratixLabels.DELETE_WORKFLOWS_FINALIZER;
    static final String MANUAL_RECONCILIATION = KratixLabels.MANUAL_RECONCILIATION;
    static final String MAX_CONCURRENT_ANNOTATION = "pledge.dev/max-concurrent-workflows";
    static final String CONFIGURE_COMPLETED = KratixConditions.CONFIGURE_WORKFLOW_COMPLETED;
    static final String INVALID_OUTPUT = KratixConditions.INVALID_PIPELINE_OUTPUT;
    private static final Logger LOG = Logger.getLogger(ResourceRequestController.class);

    private final KubernetesClient client;
    private final WorkflowRunner runner;
    private final EventRecorder events;
    private final PledgeConfig config;
    private final PromiseApi.Identity api;
    private final String apiVersion;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final ScheduledExecutorService worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** What each request's last reconcile found, for the Promise's rollout status. */
    private final Map<String, String> progress = new ConcurrentHashMap<>();
    private String reportedRollout = "";
    private volatile Promise promise;

    ResourceRequestController(KubernetesClient client, WorkflowRunner runner, EventRecorder events,
            PledgeConfig config, Promise promise, PromiseApi.Identity api) {
        this.client = client;
        this.runner = runner;
        this.events = events;
        this.config = config;
        this.promise = promise;
        this.api = api;
        this.apiVersion = api.group() + "/" + api.storageVersion();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "requests-" + promise.getMetadata().getName());
            thread.setDaemon(true);
            return thread;
        });
        // Assigned before it starts: its first events reach the worker, which reads its store, while inform() would
        // still be waiting for the initial list.
        this.informer = client.genericKubernetesResources(apiVersion, api.kind()).inAnyNamespace().runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource request) {
                        enqueue(key(request));
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                        if (!Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
                                || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                                || !Objects.equals(before.getMetadata().getDeletionTimestamp(),
                                        after.getMetadata().getDeletionTimestamp())
                                || !Objects.equals(before.getMetadata().getFinalizers(), after.getMetadata().getFinalizers())) {
                            enqueue(key(after));
                        }
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource request, boolean unknown) {
                        // nothing left to do: its finalizers ran before it went
                    }
                });
        informer.run();
    }

    boolean serves(PromiseApi.Identity other) {
        return api.equals(other);
    }

    /** A new Promise spec changes every request's desired hash: re-run them all, N at a time. */
    void update(Promise latest) {
        boolean changed = !Objects.equals(SpecHash.of(promise.getSpec()), SpecHash.of(latest.getSpec()));
        promise = latest;
        if (changed) {
            enqueueAll();
        }
    }

    void enqueueAll() {
        informer.getStore().list().forEach(r -> enqueue(key(r)));
    }

    void enqueue(String key) {
        if (queued.add(key)) {
            worker.execute(() -> run(key));
        }
    }

    private void enqueueAfter(String key, long seconds) {
        worker.schedule(() -> enqueue(key), seconds, TimeUnit.SECONDS);
    }

    private void run(String key) {
        queued.remove(key);
        try {
            GenericKubernetesResource request = informer.getStore().getByKey(key);
            if (request != null) {
                reconcile(request);
            } else {
                progress.remove(key);
            }
            reportRollout();
        } catch (RuntimeException e) {
            LOG.warnf("reconciling %s %s failed, retrying: %s", api.kind(), key, e.getMessage());
            enqueueAfter(key, 5);
        }
    }

    private void reconcile(GenericKubernetesResource request) {
        if (request.getMetadata().getDeletionTimestamp() != null) {
            delete(request);
            return;
        }
        if (ensureLabelAndFinalizers(request)) {
            return;
        }
        List<PipelineRun> runs = runs(request, WorkflowAction.CONFIGURE);
        if (runs.isEmpty()) {
            writeStatus(request, Map.of(), null, KratixConditions.RESOURCE_REQUESTED, null);
            return;
        }
        boolean manual = "true".equals(label(request, MANUAL_RECONCILIATION));
        WorkflowRunner.Outcome outcome = runner.advance(runs, manual, () -> activeWorkflows() < maxConcurrent());
        if (outcome.started() && manual) {
            removeLabel(request, MANUAL_RECONCILIATION);
        }
        List<String> names = runs.stream().map(r -> r.pipeline().name()).toList();
        Map<String, String> phases = WorkflowPhases.of(names, outcome.step(), outcome.pipeline(), outcome.deferred());
        progress.put(key(request), outcome.deferred() ? "waiting" : outcome.failed() ? "failed"
                : outcome.done() ? "upToDate" : "running");
        if (outcome.deferred()) {
            writeStatus(request, phases, null, "Waiting: at most " + maxConcurrent()
                    + " requests of this Promise run their workflow at once", null);
            enqueueAfter(key(request), 2);
        } else if (outcome.failed()) {
            Condition reported = currentCondition(request);
            if (reported != null && INVALID_OUTPUT.equals(reported.getReason())) {
                // the adapter already said exactly which file was wrong; keep its words
                writeStatus(request, phases, reported, reported.getMessage(), null);
            } else {
                // status.message keeps upstream's words; the condition adds the failed Pod's reason when there is one
                String message = KratixConditions.CONFIGURE_PIPELINE_FAILED + outcome.pipeline();
                String reason = runner.failureOf(runs.get(0), outcome);
                writeStatus(request, phases, conditionFalse(KratixConditions.CONFIGURE_WORKFLOW_FAILED,
                        reason == null ? message : message + ": " + reason), message, null);
            }
        } else if (outcome.done()) {
            List<String> destinations = destinations(request);
            // the last pipeline's status writer marked completion; say it again in case an older status write
            // from this controller landed after it
            writeStatus(request, phases, completed(), null, destinations);
            if (destinations.isEmpty()) {
                // placements appear shortly after the Work; look again now and then, without writing
                enqueueAfter(key(request), 10);
            }
        } else {
            Condition reported = outcome.started() ? null : currentCondition(request);
            if (reported != null && INVALID_OUTPUT.equals(reported.getReason())) {
                // the adapter reported bad output while its Job is still winding down; keep its words
                writeStatus(request, phases, reported, reported.getMessage(), null);
            } else {
                writeStatus(request, phases, conditionFalse(KratixConditions.PIPELINES_IN_PROGRESS,
                        KratixConditions.PIPELINES_STILL_IN_PROGRESS), KratixConditions.PENDING, null);
            }
        }
    }

    /** Writes the rollout counts into the Promise's status when they changed. */
    private void reportRollout() {
        Map<String, Long> counts = new java.util.TreeMap<>(progress.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting())));
        Map<String, Object> rollout = new LinkedHashMap<>();
        rollout.put("requests", informer.getStore().list().size());
        for (String state : List.of("upToDate", "running", "waiting", "failed")) {
            rollout.put(state, counts.getOrDefault(state, 0L).intValue());
        }
        String json = client.getKubernetesSerialization().asJson(rollout);
        if (json.equals(reportedRollout)) {
            return;
        }
        try {
            client.resources(Promise.class).withName(promise.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"rollout\":" + json + "}}");
            reportedRollout = json;
        } catch (KubernetesClientException e) {
            LOG.debugf("could not report rollout of %s: %s", promise.getMetadata().getName(), e.getMessage());
        }
    }

    /** resource.delete runs first (only the first delete pipeline, as upstream), then the request's Works go. */
    private void delete(GenericKubernetesResource request) {
        List<String> finalizers = request.getMetadata().getFinalizers();
        if (finalizers.contains(DELETE_WORKFLOWS)) {
            List<PipelineRun> runs = runs(request, WorkflowAction.DELETE);
            if (!runs.isEmpty()) {
                WorkflowRunner.Outcome outcome = runner.advance(runs.subList(0, 1), false);
                if (outcome.failed()) {
                    events.warning(request, KratixConditions.DELETE_WORKFLOW_FAILED, "The Delete Pipeline has failed");
                    return;
                }
                if (!outcome.done()) {
                    return;
                }
            }
            removeFinalizer(request, DELETE_WORKFLOWS);
            return;
        }
        String namespace = pipelineNamespace(request);
        var works = client.resources(Work.class).inNamespace(namespace)
                .withLabel(KratixLabels.PROMISE_NAME, promise.getMetadata().getName())
                .withLabel(KratixLabels.RESOURCE_NAME, request.getMetadata().getName());
        if (!works.list().getItems().isEmpty()) {
            works.delete();
            enqueueAfter(key(request), 2);
            return;
        }
        removeFinalizer(request, WORK_CLEANUP, WORKFLOWS_CLEANUP);
    }

    private List<PipelineRun> runs(GenericKubernetesResource request, WorkflowAction action) {
        var raw = promise.getSpec().getWorkflows() == null ? List.<dev.pledge.api.Unstructured>of()
                : promise.getSpec().getWorkflows().pipelines(WorkflowType.RESOURCE, action);
        String hash = SpecHash.ofResource(promise.getSpec(), request.getAdditionalProperties().get("spec"));
        ParentObject parent = new ParentObject(api.group(), api.storageVersion(), api.kind(), api.plural(),
                request.getMetadata().getName(), request.getMetadata().getNamespace(), request.getMetadata().getUid(),
                false);
        String configured = configuredPipelineNamespace();
        String namespace = configured == null ? request.getMetadata().getNamespace() : configured;
        Map<String, String> promiseWorkflowDefaults = promiseWorkflowDefaults();
        return WorkflowRunner.runs(raw.size(), i -> new PipelineRun(promise.getMetadata().getName(),
                WorkflowType.RESOURCE, action, Pipeline.from(raw.get(i)), i == raw.size() - 1, parent, namespace,
                configured != null, promise.getSpec().getDestinationSelectors(), hash, promiseWorkflowDefaults));
    }

    /** The root selectors the Promise's configure workflow wrote: the default of every request (the seed). */
    private Map<String, String> promiseWorkflowDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        client.resources(Work.class).inAnyNamespace()
                .withLabel(KratixLabels.PROMISE_NAME, promise.getMetadata().getName())
                .withLabel(KratixLabels.WORK_TYPE, KratixLabels.WORK_TYPE_PROMISE).list().getItems().stream()
                .flatMap(w -> w.getSpec().getWorkloadGroups().stream())
                .filter(g -> ".".equals(g.getDirectory()))
                .flatMap(g -> g.getDestinationSelectors().stream())
                .filter(s -> SelectorSources.PROMISE_WORKFLOW.equals(s.getSource()) && s.getMatchLabels() != null)
                .forEach(s -> s.getMatchLabels().forEach(defaults::putIfAbsent));
        return defaults;
    }

    private String configuredPipelineNamespace() {
        var workflows = promise.getSpec().getWorkflows();
        return workflows == null || workflows.getConfig() == null ? null : workflows.getConfig().getPipelineNamespace();
    }

    private String pipelineNamespace(GenericKubernetesResource request) {
        String configured = configuredPipelineNamespace();
        return configured == null ? request.getMetadata().getNamespace() : configured;
    }

    /** Requests of this Promise with a configure Job running now. */
    private int activeWorkflows() {
        return (int) client.batch().v1().jobs().inAnyNamespace()
                .withLabel(KratixLabels.PROMISE_NAME, promise.getMetadata().getName())
                .withLabel(KratixLabels.WORKFLOW_TYPE, WorkflowType.RESOURCE.value())
                .withLabel(KratixLabels.WORKFLOW_ACTION, WorkflowAction.CONFIGURE.value())
                .list().getItems().stream()
                .filter(j -> WorkflowRunner.state(j) == dev.pledge.workflow.WorkflowProgress.JobState.RUNNING)
                .count();
    }

    private int maxConcurrent() {
        var annotations = promise.getMetadata().getAnnotations();
        String override = annotations == null ? null : annotations.get(MAX_CONCURRENT_ANNOTATION);
        if (override != null) {
            try {
                return Math.max(1, Integer.parseInt(override.trim()));
            } catch (NumberFormatException e) {
                LOG.warnf("Promise %s: annotation %s=%s is not a number; using %d", promise.getMetadata().getName(),
                        MAX_CONCURRENT_ANNOTATION, override, config.workflows().maxConcurrentResourceWorkflows());
            }
        }
        return Math.max(1, config.workflows().maxConcurrentResourceWorkflows());
    }

    /** The Destinations the request's documents were placed on. */
    private List<String> destinations(GenericKubernetesResource request) {
        Set<String> destinations = new TreeSet<>();
        for (Work work : client.resources(Work.class).inNamespace(pipelineNamespace(request))
                .withLabel(KratixLabels.PROMISE_NAME, promise.getMetadata().getName())
                .withLabel(KratixLabels.RESOURCE_NAME, request.getMetadata().getName()).list().getItems()) {
            client.resources(WorkPlacement.class).inNamespace(work.getMetadata().getNamespace())
                    .withLabel(KratixLabels.WORK, work.getMetadata().getName()).list().getItems()
                    .forEach(p -> destinations.add(p.getSpec().getTargetDestinationName()));
        }
        return new ArrayList<>(destinations);
    }

    private boolean ensureLabelAndFinalizers(GenericKubernetesResource request) {
        List<String> wanted = new ArrayList<>(List.of(WORK_CLEANUP, WORKFLOWS_CLEANUP));
        if (promise.getSpec().getWorkflows() != null
                && !promise.getSpec().getWorkflows().pipelines(WorkflowType.RESOURCE, WorkflowAction.DELETE).isEmpty()) {
            wanted.add(DELETE_WORKFLOWS);
        }
        boolean labelled = promise.getMetadata().getName().equals(label(request, KratixLabels.PROMISE_NAME));
        if (labelled && request.getMetadata().getFinalizers().containsAll(wanted)) {
            return false;
        }
        resource(request).edit(r -> {
            if (r.getMetadata().getLabels() == null) {
                r.getMetadata().setLabels(new LinkedHashMap<>());
            }
            r.getMetadata().getLabels().put(KratixLabels.PROMISE_NAME, promise.getMetadata().getName());
            wanted.stream().filter(f -> !r.getMetadata().getFinalizers().contains(f))
                    .forEach(f -> r.getMetadata().getFinalizers().add(f));
            return r;
        });
        return true;
    }

    private void removeFinalizer(GenericKubernetesResource request, String... finalizers) {
        try {
            resource(request).edit(r -> {
                r.getMetadata().getFinalizers().removeAll(List.of(finalizers));
                return r;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void removeLabel(GenericKubernetesResource request, String label) {
        resource(request).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + label + "\":null}}}");
    }

    /**
     * Writes the request's status when it changed: pipeline phases, the workflow condition (the last pipeline's
     * status writer sets it True), message and the Destinations it landed on.
     */
    @SuppressWarnings("unchecked")
    private void writeStatus(GenericKubernetesResource cached, Map<String, String> phases, Condition condition,
            String message, List<String> destinations) {
        GenericKubernetesResource request = resource(cached).get();
        if (request == null) {
            return;
        }
        Map<String, Object> current = statusOf(request);
        Map<String, Object> status = new LinkedHashMap<>(current);
        if (message != null) {
            status.put("message", message);
        } else if (condition != null && Conditions.TRUE.equals(condition.getStatus())
                && (current.get("message") == null || KratixConditions.PENDING.equals(current.get("message")))) {
            status.put("message", KratixConditions.RESOURCE_REQUESTED);
        }
        status.put("observedGeneration", request.getMetadata().getGeneration());
        long succeeded = phases.values().stream().filter(WorkflowPhases.SUCCEEDED::equals).count();
        long failed = phases.values().stream().filter(WorkflowPhases.FAILED::equals).count();
        status.put("workflows", (long) phases.size());
        status.put("workflowsSucceeded", succeeded);
        status.put("workflowsFailed", failed);
        List<Map<String, Object>> pipelines = new ArrayList<>();
        phases.forEach((name, phase) -> pipelines.add(Map.of("name", name, "phase", phase)));
        Map<String, Object> kratix = new LinkedHashMap<>(current.get("kratix") instanceof Map<?, ?> k
                ? (Map<String, Object>) k : Map.of());
        Map<String, Object> workflows = new LinkedHashMap<>(kratix.get("workflows") instanceof Map<?, ?> w
                ? (Map<String, Object>) w : Map.of());
        workflows.put("pipelines", pipelines);
        kratix.put("workflows", workflows);
        status.put("kratix", kratix);
        if (destinations != null && !destinations.isEmpty()) {
            status.put("destinations", destinations);
        }
        if (condition != null) {
            List<Condition> conditions = current.get("conditions") == null ? List.of()
                    : List.of(client.getKubernetesSerialization().convertValue(current.get("conditions"), Condition[].class));
            Condition previous = Conditions.find(conditions, condition.getType()).orElse(null);
            if (previous == null || !Objects.equals(previous.getReason(), condition.getReason())) {
                if (KratixConditions.CONFIGURE_WORKFLOW_FAILED.equals(condition.getReason())) {
                    events.warning(request, KratixConditions.CONFIGURE_WORKFLOW_FAILED, condition.getMessage());
                }
            }
            status.put("conditions", Conditions.set(conditions, condition.getType(), condition.getStatus(),
                    condition.getReason(), condition.getMessage(), null));
        }
        var serialization = client.getKubernetesSerialization();
        if (Objects.equals(serialization.unmarshal(serialization.asJson(current), com.fasterxml.jackson.databind.JsonNode.class),
                serialization.unmarshal(serialization.asJson(status), com.fasterxml.jackson.databind.JsonNode.class))) {
            return;
        }
        try {
            resource(request).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                    serialization.asJson(Map.of("status", status)));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private Condition currentCondition(GenericKubernetesResource cached) {
        GenericKubernetesResource request = resource(cached).get();
        Object conditions = request == null ? null : statusOf(request).get("conditions");
        if (conditions == null) {
            return null;
        }
        return Conditions.find(List.of(client.getKubernetesSerialization().convertValue(conditions, Condition[].class)),
                CONFIGURE_COMPLETED).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(GenericKubernetesResource request) {
        return request.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Condition completed() {
        return new io.fabric8.kubernetes.api.model.ConditionBuilder().withType(CONFIGURE_COMPLETED)
                .withStatus(Conditions.TRUE).withReason(KratixConditions.PIPELINES_EXECUTED_SUCCESSFULLY)
                .withMessage(KratixConditions.PIPELINES_COMPLETED)
                .build();
    }

    private static Condition conditionFalse(String reason, String message) {
        return new io.fabric8.kubernetes.api.model.ConditionBuilder().withType(CONFIGURE_COMPLETED)
                .withStatus(Conditions.FALSE).withReason(reason).withMessage(message).build();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(GenericKubernetesResource r) {
        return client.genericKubernetesResources(apiVersion, api.kind()).inNamespace(r.getMetadata().getNamespace())
                .withName(r.getMetadata().getName());
    }

    private static String label(GenericKubernetesResource request, String key) {
        return request.getMetadata().getLabels() == null ? null : request.getMetadata().getLabels().get(key);
    }

    private static String key(GenericKubernetesResource request) {
        return request.getMetadata().getNamespace() + "/" + request.getMetadata().getName();
    }

    @Override
    public void close() {
        informer.stop();
        worker.shutdownNow();
    }
}
