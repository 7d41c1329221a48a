package dev.pledge.controller;

import dev.pledge.api.KratixConditions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.api.Kratix;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.Work;
import dev.pledge.config.PledgeConfig;
import dev.pledge.promise.PromiseApi;
import dev.pledge.promise.StaticDependencies;
import dev.pledge.validation.PromiseValidator;
import dev.pledge.api.Pipeline;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.workflow.ParentObject;
import dev.pledge.workflow.PipelineRun;
import dev.pledge.workflow.ReconciliationInterval;
import dev.pledge.workflow.SpecHash;
import dev.pledge.workflow.Suspension;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.pledge.api.PromiseSpec;
import dev.pledge.promise.Requirements;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Installs a Promise: validates it, installs its API as a CRD, keeps the static-dependency Work in step with
 * {@code spec.dependencies}, and reports all of it in the Promise's status. Deleting a Promise removes its Works
 * (and through them their placements and files) and then its CRD.
 */
@ControllerConfiguration(name = "promise", finalizerName = KratixLabels.PROMISE_CLEANUP_FINALIZER,
        generationAwareEventProcessing = false)
public class PromiseReconciler implements Reconciler<Promise>, Cleaner<Promise> {
    public static final String AVAILABLE = KratixConditions.AVAILABLE;
    static final String DESIRED_HASH = "pledge.dev/desired-hash";
    static final Duration WAIT = Duration.ofSeconds(2);
    static final String CONFIGURE_COMPLETED = KratixConditions.CONFIGURE_WORKFLOW_COMPLETED;
    static final String DELETE_COMPLETED = KratixConditions.DELETE_WORKFLOW_COMPLETED;
    static final String MANUAL_RECONCILIATION = KratixLabels.MANUAL_RECONCILIATION;
    static final String RECONCILE_RESOURCES = KratixLabels.RECONCILE_RESOURCES;

    private final KubernetesClient client;
    private final EventRecorder events;
    private final PledgeConfig config;
    private final KubernetesSerialization serialization;
    private final WorkflowRunner runner;
    private final ResourceRequests resourceRequests;
    private final ApiGrants grants;
    /** Promise name to the names of the Promises it requires, for waking it when one of them changes. */
    private final Map<String, Set<String>> requiredBy = new ConcurrentHashMap<>();

    public PromiseReconciler(KubernetesClient client, EventRecorder events, PledgeConfig config, WorkflowRunner runner,
            ResourceRequests resourceRequests, ApiGrants grants) {
        this.client = client;
        this.grants = grants;
        this.events = events;
        this.config = config;
        this.runner = runner;
        this.resourceRequests = resourceRequests;
        this.serialization = client.getKubernetesSerialization();
    }

    /**
     * A promise workflow Job that changes wakes its Promise (the Promise controls its Jobs); a Promise that changes
     * (installed, Available, deleted, new version) wakes the Promises that require it.
     */
    @Override
    public List<EventSource<?, Promise>> prepareEventSources(EventSourceContext<Promise> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Promise.class)
                .withName("promise-jobs")
                .withLabelSelector(KratixLabels.MANAGED_BY + "=" + KratixLabels.MANAGED_BY_KRATIX + ","
                        + KratixLabels.WORKFLOW_TYPE + "=" + WorkflowType.PROMISE.value())
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Promise.class, true))
                .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Promise.class, Promise.class)
                        .withName("required-promises")
                        .withSecondaryToPrimaryMapper(required -> requirers(required.getMetadata().getName()))
                        .build(), context));
    }

    /** The Promises whose last reconcile found that they require {@code required}. */
    private Set<ResourceID> requirers(String required) {
        Set<ResourceID> ids = new HashSet<>();
        requiredBy.forEach((requirer, names) -> {
            if (names.contains(required)) {
                ids.add(new ResourceID(requirer));
            }
        });
        return ids;
    }

    /** An exception the reconcile did not handle reaches status ({@link ErrorStatus}); the SDK retries. */
    @Override
    public ErrorStatusUpdateControl<Promise> updateErrorStatus(Promise promise, Context<Promise> context, Exception e) {
        return ErrorStatus.report(promise, AVAILABLE, e, Promise::new, dev.pledge.api.PromiseStatus::new, serialization);
    }

    @Override
    public UpdateControl<Promise> reconcile(Promise promise, Context<Promise> context) {
        if ("true".equals(label(promise, KratixLabels.PAUSED))) {
            return paused(promise);
        }
        List<String> problems = PromiseValidator.problems(promise);
        if (!problems.isEmpty()) {
            return unavailable(promise, "InvalidPromise", "Promise is invalid: " + String.join("; ", problems));
        }
        PromiseStatus status = copyOf(promise.getStatus());
        unpaused(promise, status);
        String unmet = requirements(promise, status, context);
        if (!promise.getSpec().hasNoApi()) {
            PromiseApi.Identity api = PromiseApi.identity(promise);
            Refusal refusal = installApi(promise, api);
            if (refusal != null) {
                return unavailable(promise, refusal.reason(), refusal.message());
            }
            status.setKind(api.kind());
            status.setApiVersion(api.apiVersion());
            boolean granted = grants.grant(promise, api);
            if (!established(api.crdName()) || !granted) {
                return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE, "APIPending",
                        "Waiting for the API " + api.crdName() + " to be established")).rescheduleAfter(WAIT);
            }
        }
        syncDependencies(promise);
        UpdateControl<Promise> suspended = suspended(promise, status);
        if (suspended != null) {
            return suspended;
        }
        WorkflowRunner.Outcome workflow = configureWorkflow(promise, status);
        if (workflow.failed()) {
            return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE, KratixConditions.CONFIGURE_WORKFLOW_FAILED,
                    KratixConditions.CONFIGURE_PIPELINE_FAILED + workflow.pipeline()));
        }
        if (!workflow.done()) {
            return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE, "WorkflowPending",
                    "Waiting for the configure workflow"));
        }
        if (!promise.getSpec().hasNoApi()) {
            resourceRequests.ensure(promise, PromiseApi.identity(promise), unmet);
            if ("true".equals(label(promise, RECONCILE_RESOURCES))) {
                resourceRequests.rerunAll(promise.getMetadata().getName());
                removeLabel(promise, RECONCILE_RESOURCES);
            }
        }
        if (unmet != null) {
            // woken by the required Promises' changes (see prepareEventSources)
            return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE,
                    KratixConditions.REQUIREMENTS_NOT_INSTALLED, unmet));
        }
        UpdateControl<Promise> control = patchIfChanged(promise, withAvailable(promise, status, Conditions.TRUE,
                "PromiseAvailable", "Ready to fulfil resource requests"));
        return hasConfigureWorkflow(promise) ? control.rescheduleAfter(interval(promise)) : control;
    }

    /**
     * {@code kratix.io/paused: "true"}: Available=False and Reconciled=Unknown, both PausedReconciliation, a warning
     * event, and nothing else (no Jobs, no writes); its requests pause too.
     */
    private UpdateControl<Promise> paused(Promise promise) {
        PromiseStatus status = copyOf(promise.getStatus());
        Long generation = promise.getMetadata().getGeneration();
        if (!Conditions.has(status.getConditions(), KratixConditions.RECONCILED, Conditions.UNKNOWN,
                KratixConditions.PAUSED_RECONCILIATION, KratixConditions.PAUSED)) {
            events.warning(promise, KratixConditions.PAUSED_RECONCILIATION, "'" + KratixLabels.PAUSED
                    + "' label set to 'true' for promise; pausing reconciliation");
        }
        status.setConditions(Conditions.set(status.getConditions(), KratixConditions.RECONCILED, Conditions.UNKNOWN,
                KratixConditions.PAUSED_RECONCILIATION, KratixConditions.PAUSED, generation));
        resourceRequests.refresh(promise);
        return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE,
                KratixConditions.PAUSED_RECONCILIATION, KratixConditions.PAUSED));
    }

    /**
     * A configure workflow its pipeline suspended (§3.5.6, decided by {@link Suspension}): held, nothing starts,
     * Available=False and Reconciled=Unknown say WorkflowSuspended "Suspended" with one warning, and the Promise is
     * looked at again when its retry falls due. A due retry removes the label (the suspended pipeline then runs
     * again); a manual reconciliation or a spec change removes it and runs from the first pipeline. Null when the
     * workflow goes on as usual.
     */
    /** How soon to look again at a suspended Promise whose Suspended pipeline entry is not written yet. */
    static final Duration SUSPENSION_NOT_SHOWN = Duration.ofSeconds(2);

    private UpdateControl<Promise> suspended(Promise promise, PromiseStatus status) {
        // The status writer's label and pipeline entry, as the API server has them now: the cache may not show them
        // yet when the Job's end wakes us, and this controller's status write would otherwise put back the old entry.
        Promise fresh = client.resources(Promise.class).withName(promise.getMetadata().getName()).get();
        if (fresh == null) {
            return null;
        }
        if (fresh.getStatus() != null && fresh.getStatus().getKratix() != null) {
            if (status.getKratix() == null) {
                status.setKratix(new PromiseStatus.KratixStatus());
            }
            status.getKratix().setWorkflows(fresh.getStatus().getKratix().getWorkflows());
        }
        PromiseStatus.WorkflowsStatus shown = status.getKratix() == null ? null : status.getKratix().getWorkflows();
        Suspension.Decision decision = Suspension.decide(
                "true".equals(label(fresh, KratixLabels.WORKFLOW_SUSPENDED)),
                "true".equals(label(fresh, MANUAL_RECONCILIATION)) || unpausing(status),
                fresh.getMetadata().getGeneration(), shown == null ? null : shown.getSuspendedGeneration(),
                shown == null ? null : shown.getPipelines(), Instant.now());
        if (decision instanceof Suspension.Decision.NotSuspended) {
            return null;
        }
        if (!(decision instanceof Suspension.Decision.Hold hold)) {
            String labels = decision instanceof Suspension.Decision.Restart
                    ? "{\"" + KratixLabels.WORKFLOW_SUSPENDED + "\":null,\"" + MANUAL_RECONCILIATION + "\":\"true\"}"
                    : "{\"" + KratixLabels.WORKFLOW_SUSPENDED + "\":null}";
            client.resources(Promise.class).withName(promise.getMetadata().getName()).patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":" + labels + "}}");
            return UpdateControl.<Promise>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
        }
        var entry = Suspension.suspendedEntry(shown == null ? null : shown.getPipelines());
        if (entry == null) {
            // the status writer labels first and writes the entry just after: a status written now would be
            // applied over its entry, so look again once it is there
            return UpdateControl.<Promise>noUpdate().rescheduleAfter(SUSPENSION_NOT_SHOWN);
        }
        Long generation = promise.getMetadata().getGeneration();
        if (!Conditions.has(status.getConditions(), KratixConditions.RECONCILED, Conditions.UNKNOWN,
                KratixConditions.WORKFLOW_SUSPENDED, KratixConditions.SUSPENDED)) {
            events.warning(promise, KratixConditions.WORKFLOW_SUSPENDED, "Pipeline " + entry.getName() + " suspended the workflow"
                            + (entry.getMessage() == null ? "" : ": " + entry.getMessage()));
        }
        status.setConditions(Conditions.set(status.getConditions(), KratixConditions.RECONCILED, Conditions.UNKNOWN,
                KratixConditions.WORKFLOW_SUSPENDED, KratixConditions.SUSPENDED, generation));
        UpdateControl<Promise> control = patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE,
                KratixConditions.WORKFLOW_SUSPENDED, KratixConditions.SUSPENDED));
        return hold.retryAt() == null ? control
                : control.rescheduleAfter(Duration.between(Instant.now(), hold.retryAt()).plusSeconds(1));
    }

    /**
     * Coming back from a pause: Reconciled says Unpaused until the configure workflow runs again from its first
     * pipeline (then it goes); the requests see the Promise un-paused and re-run theirs.
     */
    private static void unpaused(Promise promise, PromiseStatus status) {
        boolean wasPaused = Conditions.find(status.getConditions(), KratixConditions.RECONCILED)
                .filter(c -> KratixConditions.PAUSED_RECONCILIATION.equals(c.getReason())).isPresent();
        if (wasPaused) {
            status.setConditions(Conditions.set(status.getConditions(), KratixConditions.RECONCILED,
                    Conditions.UNKNOWN, KratixConditions.UNPAUSED, KratixConditions.PENDING,
                    promise.getMetadata().getGeneration()));
        }
    }

    private static boolean unpausing(PromiseStatus status) {
        return Conditions.find(status.getConditions(), KratixConditions.RECONCILED)
                .filter(c -> KratixConditions.UNPAUSED.equals(c.getReason())).isPresent();
    }

    private static void dropReconciled(PromiseStatus status) {
        if (status.getConditions() != null) {
            List<io.fabric8.kubernetes.api.model.Condition> left = new java.util.ArrayList<>(status.getConditions());
            left.removeIf(c -> KratixConditions.RECONCILED.equals(c.getType()));
            status.setConditions(left);
        }
    }

    /**
     * {@code spec.requiredPromises}: records each requirement's state in {@code status.requiredPromises} and the
     * RequirementsFulfilled condition; returns why they are not met, or null when they are (or there are none).
     */
    private String requirements(Promise promise, PromiseStatus status, Context<Promise> context) {
        String name = promise.getMetadata().getName();
        List<PromiseSpec.RequiredPromise> required = promise.getSpec().getRequiredPromises() == null ? List.of()
                : promise.getSpec().getRequiredPromises();
        if (required.isEmpty()) {
            requiredBy.remove(name);
            status.setRequiredPromises(null);
            if (Conditions.find(status.getConditions(), KratixConditions.REQUIREMENTS_FULFILLED).isPresent()) {
                status.setConditions(new ArrayList<>(status.getConditions().stream()
                        .filter(c -> !KratixConditions.REQUIREMENTS_FULFILLED.equals(c.getType())).toList()));
            }
            return null;
        }
        requiredBy.put(name, required.stream().map(PromiseSpec.RequiredPromise::getName).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        List<PromiseStatus.RequiredPromiseStatus> states = Requirements.states(required,
                n -> context.getPrimaryCache().get(new ResourceID(n)).orElse(null));
        String unmet = Requirements.unmet(states);
        status.setRequiredPromises(new ArrayList<>(states));
        status.setConditions(Conditions.set(status.getConditions(), KratixConditions.REQUIREMENTS_FULFILLED,
                unmet == null ? Conditions.TRUE : Conditions.FALSE,
                unmet == null ? KratixConditions.REQUIREMENTS_INSTALLED : KratixConditions.REQUIREMENTS_NOT_INSTALLED,
                unmet == null ? KratixConditions.REQUIREMENTS_FULFILLED_MESSAGE
                        : KratixConditions.REQUIREMENTS_NOT_FULFILLED_MESSAGE, promise.getMetadata().getGeneration()));
        return unmet;
    }

    private boolean hasConfigureWorkflow(Promise promise) {
        return promise.getSpec().getWorkflows() != null
                && !promise.getSpec().getWorkflows().pipelines(WorkflowType.PROMISE, WorkflowAction.CONFIGURE).isEmpty();
    }

    /**
     * Runs promise.configure: its Work goes to every matching Destination, and its directory-less selectors become
     * the default of the Promise's resource requests. Re-runs when the spec changes, on
     * kratix.io/manual-reconciliation, and when the reconciliation interval has passed since it last completed.
     */
    private WorkflowRunner.Outcome configureWorkflow(Promise promise, PromiseStatus status) {
        List<PipelineRun> runs = promiseRuns(promise, WorkflowAction.CONFIGURE);
        boolean unpausing = unpausing(status);
        if (runs.isEmpty()) {
            if (unpausing) {
                dropReconciled(status);
            }
            return new WorkflowRunner.Outcome(new dev.pledge.workflow.WorkflowProgress.Step.Done(), null);
        }
        boolean manual = "true".equals(label(promise, MANUAL_RECONCILIATION));
        boolean due = Conditions.find(status.getConditions(), CONFIGURE_COMPLETED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()).plus(interval(promise))
                        .isBefore(Instant.now()))
                .orElse(false);
        List<PromiseStatus.PipelineStatus> shown = status.getKratix() == null
                || status.getKratix().getWorkflows() == null ? null : status.getKratix().getWorkflows().getPipelines();
        WorkflowRunner.Outcome outcome = resume(runs, shown, manual || due || unpausing);
        if (outcome == null) {
            outcome = runner.advance(runs, manual || due || unpausing);
        }
        if (outcome.started() && manual) {
            removeLabel(promise, MANUAL_RECONCILIATION);
        }
        if (outcome.started() && unpausing) {
            dropReconciled(status);
        }
        List<String> names = runs.stream().map(r -> r.pipeline().name()).toList();
        var phases = WorkflowPhases.of(names, outcome.step(), outcome.pipeline(), false);
        status.setWorkflows(names.size());
        status.setWorkflowsSucceeded(phases.values().stream().filter(WorkflowPhases.SUCCEEDED::equals).count());
        status.setWorkflowsFailed(phases.values().stream().filter(WorkflowPhases.FAILED::equals).count());
        PromiseStatus.KratixStatus kratix = status.getKratix() == null ? new PromiseStatus.KratixStatus() : status.getKratix();
        PromiseStatus.WorkflowsStatus workflows = kratix.getWorkflows() == null ? new PromiseStatus.WorkflowsStatus()
                : kratix.getWorkflows();
        List<PromiseStatus.PipelineStatus> pipelines = new java.util.ArrayList<>();
        phases.forEach((name, phase) -> {
            PromiseStatus.PipelineStatus pipeline = new PromiseStatus.PipelineStatus();
            pipeline.setName(name);
            pipeline.setPhase(phase);
            pipelines.add(pipeline);
        });
        Suspension.keepAttempts(shown, pipelines, outcome.pipeline());
        workflows.setPipelines(pipelines);
        kratix.setWorkflows(workflows);
        if (Conditions.find(status.getConditions(), KratixConditions.RECONCILED)
                .filter(c -> KratixConditions.WORKFLOW_SUSPENDED.equals(c.getReason())).isPresent()) {
            dropReconciled(status);
        }
        status.setKratix(kratix);
        Long generation = promise.getMetadata().getGeneration();
        if (outcome.failed()) {
            String message = KratixConditions.CONFIGURE_PIPELINE_FAILED + outcome.pipeline();
            if (!Conditions.has(status.getConditions(), CONFIGURE_COMPLETED, Conditions.FALSE, KratixConditions.CONFIGURE_WORKFLOW_FAILED, message)) {
                events.warning(promise, KratixConditions.CONFIGURE_WORKFLOW_FAILED, message);
            }
            status.setConditions(Conditions.set(status.getConditions(), CONFIGURE_COMPLETED, Conditions.FALSE,
                    KratixConditions.CONFIGURE_WORKFLOW_FAILED, message, generation));
        } else if (!outcome.done()) {
            if (outcome.started()) {
                events.normal(promise, "PipelineStarted", "Configure Pipeline started: " + outcome.pipeline());
            }
            status.setConditions(Conditions.set(status.getConditions(), CONFIGURE_COMPLETED, Conditions.FALSE,
                    KratixConditions.PIPELINES_IN_PROGRESS, KratixConditions.PIPELINES_STILL_IN_PROGRESS, generation));
        }
        return outcome;
    }

    /**
     * After the suspended-workflow label went, the pipeline still marked Suspended starts again, not the first one
     * ({@link Suspension#resume}). Null when there is nothing to resume (or a run from the first was asked for).
     */
    private WorkflowRunner.Outcome resume(List<PipelineRun> runs, List<PromiseStatus.PipelineStatus> shown,
            boolean rerun) {
        List<String> names = runs.stream().map(r -> r.pipeline().name()).toList();
        int suspended = rerun ? -1 : Suspension.suspendedPipeline(names, shown);
        if (suspended < 0) {
            return null;
        }
        Step step = Suspension.resume(runner.jobs(runs.get(0)).stream().map(WorkflowRunner::summary).toList(),
                runs.get(0).hash(), suspended);
        if (!step.equals(new Step.Start(suspended))) {
            return null;
        }
        runner.start(runs.get(suspended));
        return new WorkflowRunner.Outcome(step, names.get(suspended));
    }

    /** The Promise's own reconciliation interval, else the operator's. */
    private Duration interval(Promise promise) {
        return ReconciliationInterval.of(promise.getSpec(), config.workflows().reconciliationInterval());
    }

    private List<PipelineRun> promiseRuns(Promise promise, WorkflowAction action) {
        if (promise.getSpec().getWorkflows() == null) {
            return List.of();
        }
        var raw = promise.getSpec().getWorkflows().pipelines(WorkflowType.PROMISE, action);
        var workflowConfig = promise.getSpec().getWorkflows().getConfig();
        String configured = workflowConfig == null ? null : workflowConfig.getPipelineNamespace();
        String namespace = configured == null ? config.systemNamespace() : configured;
        String hash = SpecHash.of(promise.getSpec());
        ParentObject parent = ParentObject.promise(promise.getMetadata().getName(), promise.getMetadata().getUid());
        return WorkflowRunner.runs(raw.size(), i -> new PipelineRun(promise.getMetadata().getName(),
                WorkflowType.PROMISE, action, Pipeline.from(raw.get(i)), i == raw.size() - 1, parent, namespace,
                configured != null, promise.getSpec().getDestinationSelectors(), hash));
    }

    private static String label(Promise promise, String key) {
        return promise.getMetadata().getLabels() == null ? null : promise.getMetadata().getLabels().get(key);
    }

    private void removeLabel(Promise promise, String key) {
        client.resources(Promise.class).withName(promise.getMetadata().getName()).patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + key + "\":null}}}");
    }

    @Override
    public DeleteControl cleanup(Promise promise, Context<Promise> context) {
        String name = promise.getMetadata().getName();
        List<PipelineRun> deleteRuns = promiseRuns(promise, WorkflowAction.DELETE);
        if (!deleteRuns.isEmpty() && !Conditions.find(conditions(promise), DELETE_COMPLETED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus())).isPresent()) {
            WorkflowRunner.Outcome outcome = runner.advance(deleteRuns.subList(0, 1), false);
            if (outcome.failed()) {
                events.warning(promise, KratixConditions.DELETE_WORKFLOW_FAILED, "The Delete Pipeline has failed");
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(15));
            }
            if (!outcome.done()) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
        }
        if (!promise.getSpec().hasNoApi() && established(PromiseApi.identity(promise).crdName())) {
            PromiseApi.Identity api = PromiseApi.identity(promise);
            var requests = client.genericKubernetesResources(api.group() + "/" + api.storageVersion(), api.kind())
                    .inAnyNamespace();
            if (!requests.list().getItems().isEmpty()) {
                resourceRequests.ensure(promise, api);
                requests.delete();
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
        }
        resourceRequests.stop(name);
        requiredBy.remove(name);
        var works = client.resources(Work.class).inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME, name);
        if (!works.list().getItems().isEmpty()) {
            works.delete();
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
        }
        if (!promise.getSpec().hasNoApi()) {
            String crdName = PromiseApi.identity(promise).crdName();
            var crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName);
            CustomResourceDefinition existing = crd.get();
            if (existing != null && name.equals(ownerOf(existing))) {
                crd.delete();
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
        }
        grants.revoke(promise);
        return DeleteControl.defaultDelete();
    }

    /** Why a Promise cannot be installed as it is. */
    private record Refusal(String reason, String message) {
    }

    /** Applies the API CRD when it changed; says why when the Promise cannot have it. */
    private Refusal installApi(Promise promise, PromiseApi.Identity api) {
        ObjectNode desired = PromiseApi.crdFor(promise);
        String hash = Kratix.md5(desired.toString());
        desired.with("metadata").with("annotations").put(DESIRED_HASH, hash);
        CustomResourceDefinition existing = client.apiextensions().v1().customResourceDefinitions()
                .withName(api.crdName()).get();
        if (existing != null) {
            String owner = ownerOf(existing);
            if (!promise.getMetadata().getName().equals(owner)) {
                return new Refusal("APIConflict", "The API " + api.crdName() + " is already provided by "
                        + (owner == null ? "a CustomResourceDefinition not installed by a Promise" : "Promise " + owner)
                        + "; remove spec.api or choose another group or plural");
            }
            if (hash.equals(existing.getMetadata().getAnnotations().get(DESIRED_HASH))) {
                return null;
            }
        }
        try {
            CustomResourceDefinition crd = serialization.convertValue(desired, CustomResourceDefinition.class);
            client.resource(crd).fieldManager("pledge").forceConflicts().serverSideApply();
            events.normal(promise, "APIInstalled", "Installed the API " + api.crdName());
            return null;
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            return new Refusal("InvalidAPI", "The API CRD in spec.api was rejected by the API server: " + reason);
        }
    }

    private boolean established(String crdName) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Creates, updates or deletes the static-dependency Work; writes nothing when it is already right. */
    private void syncDependencies(Promise promise) {
        String namespace = config.systemNamespace();
        Work desired = StaticDependencies.workFor(promise, namespace);
        var works = client.resources(Work.class).inNamespace(namespace);
        Work existing = works.withName(StaticDependencies.workName(promise)).get();
        if (desired == null) {
            if (existing != null) {
                works.resource(existing).delete();
            }
            return;
        }
        if (existing != null && sameTree(existing.getSpec(), desired.getSpec())
                && existing.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())) {
            return;
        }
        desired.getMetadata().setAnnotations(java.util.Map.of(KratixLabels.LAST_UPDATED_AT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        client.resource(desired).fieldManager("pledge").forceConflicts().serverSideApply();
    }

    private UpdateControl<Promise> unavailable(Promise promise, String reason, String message) {
        PromiseStatus status = copyOf(promise.getStatus());
        if (!Conditions.has(conditions(promise), AVAILABLE, Conditions.FALSE, reason, message)) {
            events.warning(promise, reason, message);
        }
        return patchIfChanged(promise, withAvailable(promise, status, Conditions.FALSE, reason, message));
    }

    private PromiseStatus withAvailable(Promise promise, PromiseStatus status, String available, String reason,
            String message) {
        boolean isAvailable = Conditions.TRUE.equals(available);
        boolean wasAvailable = "Available".equals(status.getStatus());
        status.setConditions(Conditions.set(status.getConditions(), AVAILABLE, available, reason, message,
                promise.getMetadata().getGeneration()));
        status.setStatus(isAvailable ? "Available" : "Unavailable");
        status.setMessage(isAvailable ? "Ready" : message);
        status.setObservedGeneration(promise.getMetadata().getGeneration());
        String version = promise.getMetadata().getLabels() == null ? null
                : promise.getMetadata().getLabels().get(KratixLabels.PROMISE_VERSION);
        status.setVersion(version);
        if (isAvailable && !wasAvailable) {
            status.setLastAvailableTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            events.normal(promise, "Available", "Promise is available");
        }
        return status;
    }

    private UpdateControl<Promise> patchIfChanged(Promise current, PromiseStatus status) {
        return StatusPatch.ifChanged(current, status, Promise::new, serialization);
    }

    private PromiseStatus copyOf(PromiseStatus status) {
        return status == null ? new PromiseStatus() : serialization.clone(status);
    }

    private boolean sameTree(Object a, Object b) {
        return StatusPatch.same(serialization, a, b);
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(Promise promise) {
        return promise.getStatus() == null ? List.of() : promise.getStatus().getConditions();
    }

    private static String ownerOf(CustomResourceDefinition crd) {
        return crd.getMetadata().getLabels() == null ? null : crd.getMetadata().getLabels().get(KratixLabels.PROMISE_NAME);
    }
}
