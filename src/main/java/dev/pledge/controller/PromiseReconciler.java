package dev.pledge.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.api.Kratix;
import dev.pledge.api.KratixConditions;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Pipeline;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseSpec;
import dev.pledge.api.PromiseStatus;
import dev.pledge.api.Work;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.config.PledgeConfig;
import dev.pledge.operator.LeanCache;
import dev.pledge.promise.PromiseApi;
import dev.pledge.promise.PromiseRules;
import dev.pledge.promise.Requirements;
import dev.pledge.promise.StaticDependencies;
import dev.pledge.validation.PromiseValidator;
import dev.pledge.workflow.ParentObject;
import dev.pledge.workflow.PipelineRun;
import dev.pledge.workflow.ReconciliationInterval;
import dev.pledge.workflow.SpecHash;
import dev.pledge.workflow.WorkflowPhases;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Installs a Promise: validates it, installs its API as a CRD, keeps the static-dependency Work in step with
 * {@code spec.dependencies}, runs its configure workflow, starts its resource requests' controller, and reports
 * all of it in the Promise's status. Each reconcile observes (the Promise, and its pipeline Jobs, CRD and
 * static-dependency Work from informer caches), decides ({@link PromiseRules}), acts, and writes the status the
 * {@link PromiseStatusAggregator} computes from what it observed, once and only when it changed. Deleting a
 * Promise runs its delete pipeline, deletes its requests, then its Works (and through them their placements and
 * files), then its CRD.
 */
@ControllerConfiguration(name = "promise", finalizerName = KratixLabels.PROMISE_CLEANUP_FINALIZER,
        generationAwareEventProcessing = false)
public class PromiseReconciler implements Reconciler<Promise>, Cleaner<Promise> {
    static final String DESIRED_HASH = "pledge.dev/desired-hash";
    static final Duration WAIT = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final EventRecorder events;
    private final PledgeConfig config;
    private final KubernetesSerialization serialization;
    private final WorkflowRunner runner;
    private final ResourceRequests resourceRequests;
    private final ApiGrants grants;
    /** Promise name to the names of the Promises it requires, for waking it when one of them changes. */
    private final Map<String, Set<String>> requiredBy = new ConcurrentHashMap<>();
    private InformerEventSource<Job, Promise> jobs;
    private InformerEventSource<CustomResourceDefinition, Promise> crds;
    private InformerEventSource<Work, Promise> dependencyWorks;

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
     * Every cache the Promise controller reads, and what wakes a Promise: its workflow Jobs (it controls them), the
     * CRD of its API (labelled with its name), its static-dependency Work, a change of a Promise it requires
     * (installed, Available, deleted, new version), and a change of its requests' rollout counts.
     */
    @Override
    public List<EventSource<?, Promise>> prepareEventSources(EventSourceContext<Promise> context) {
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Promise.class)
                .withName("promise-jobs")
                .withItemStore(LeanCache.statusOnly())
                .withLabelSelector(KratixLabels.MANAGED_BY + "=" + KratixLabels.MANAGED_BY_KRATIX + ","
                        + KratixLabels.WORKFLOW_TYPE + "=" + WorkflowType.PROMISE.value())
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Promise.class, true))
                .build(), context);
        crds = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(CustomResourceDefinition.class, Promise.class)
                .withName("promise-apis")
                .withItemStore(new LeanCache<>())
                .withLabelSelector(KratixLabels.PROMISE_NAME)
                .withSecondaryToPrimaryMapper(PromiseReconciler::promiseOf)
                .build(), context);
        dependencyWorks = new InformerEventSource<>(InformerEventSourceConfiguration.from(Work.class, Promise.class)
                .withName("static-dependencies")
                .withNamespaces(Set.of(config.systemNamespace()))
                .withLabelSelector(KratixLabels.WORK_TYPE + "=" + KratixLabels.WORK_TYPE_STATIC_DEPENDENCY)
                .withSecondaryToPrimaryMapper(PromiseReconciler::promiseOf)
                .build(), context);
        SimpleInboundEventSource<Promise> rollouts = new SimpleInboundEventSource<>("rollouts");
        resourceRequests.onRolloutChange(promise -> rollouts.propagateEvent(new ResourceID(promise)));
        return List.of(jobs, crds, dependencyWorks, rollouts,
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Promise.class, Promise.class)
                        .withName("required-promises")
                        .withSecondaryToPrimaryMapper(required -> requirers(required.getMetadata().getName()))
                        .build(), context));
    }

    /** The Promise an object names in its {@code kratix.io/promise-name} label. */
    private static Set<ResourceID> promiseOf(io.fabric8.kubernetes.api.model.HasMetadata object) {
        String promise = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get(KratixLabels.PROMISE_NAME);
        return promise == null ? Set.of() : Set.of(new ResourceID(promise));
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
        return ErrorStatus.report(promise, KratixConditions.AVAILABLE, e, Promise::new, PromiseStatus::new,
                serialization);
    }

    /** Observe, decide, act, then write the aggregated status once. */
    @Override
    public UpdateControl<Promise> reconcile(Promise promise, Context<Promise> context) {
        Observation seen = new Observation(promise);
        if ("true".equals(label(promise, KratixLabels.PAUSED))) {
            // nothing else happens: no Jobs, no writes; its requests pause too
            resourceRequests.refresh(promise);
            return write(promise, context, seen.paused());
        }
        List<String> problems = PromiseValidator.problems(promise);
        if (!problems.isEmpty()) {
            return write(promise, context, seen.refused(new PromiseStatusAggregator.Refusal("InvalidPromise",
                    "Promise is invalid: " + String.join("; ", problems))));
        }
        requirements(promise, context, seen);
        if (!promise.getSpec().hasNoApi()) {
            PromiseApi.Identity api = PromiseApi.identity(promise);
            PromiseStatusAggregator.Refusal refusal = installApi(promise, api);
            if (refusal != null) {
                return write(promise, context, seen.refused(refusal));
            }
            boolean granted = grants.grant(promise, api);
            seen.api = api;
            if (!established(api.crdName()) || !granted) {
                seen.apiPending = true;
                return write(promise, context, seen).rescheduleAfter(WAIT);
            }
        }
        syncDependencies(promise, context);
        PromiseRules.ConfigurePlan workflow = configureWorkflow(promise, context);
        if (workflow == null) {
            // the API server shows a suspension the cache does not yet: its label event brings the Promise back
            return UpdateControl.<Promise>noUpdate().rescheduleAfter(WAIT);
        }
        seen.workflow = workflow;
        if (workflow.done() && !promise.getSpec().hasNoApi()) {
            resourceRequests.ensure(promise, PromiseApi.identity(promise), seen.unmet);
            if ("true".equals(label(promise, KratixLabels.RECONCILE_RESOURCES))) {
                resourceRequests.rerunAll(promise.getMetadata().getName());
                removeLabel(promise, KratixLabels.RECONCILE_RESOURCES);
            }
        }
        // an unmet requirement is woken by the required Promises' changes (see prepareEventSources)
        UpdateControl<Promise> control = write(promise, context, seen);
        if (workflow.held()) {
            Instant retryAt = workflow.retryAt();
            return retryAt == null ? control
                    : control.rescheduleAfter(Duration.between(Instant.now(), retryAt).plusSeconds(1));
        }
        boolean available = workflow.done() && seen.unmet == null;
        return available && workflow.hasPipelines() ? control.rescheduleAfter(interval(promise)) : control;
    }

    /** What this reconcile found so far; {@link #observed()} hands it to the aggregator. */
    private final class Observation {
        final Promise promise;
        boolean paused;
        PromiseStatusAggregator.Refusal refusal;
        List<PromiseStatus.RequiredPromiseStatus> requirements;
        String unmet;
        PromiseApi.Identity api;
        boolean apiPending;
        PromiseRules.ConfigurePlan workflow;

        Observation(Promise promise) {
            this.promise = promise;
        }

        Observation paused() {
            paused = true;
            return this;
        }

        Observation refused(PromiseStatusAggregator.Refusal why) {
            refusal = why;
            return this;
        }

        PromiseStatusAggregator.Observed observed() {
            return new PromiseStatusAggregator.Observed(promise.getMetadata().getGeneration(),
                    promise.getMetadata().getLabels(), paused, refusal, requirements, unmet, api, apiPending, workflow,
                    resourceRequests.rollout(promise.getMetadata().getName()));
        }
    }

    /**
     * The aggregated status, written only when it changed; then the events the change calls for. The write is
     * conditional on the Promise's resourceVersion (see {@link #applyStatus}): a status computed from a cache that
     * is behind is not written, and the newer Promise's event brings it back.
     */
    private UpdateControl<Promise> write(Promise promise, Context<Promise> context, Observation seen) {
        PromiseStatus current = promise.getStatus();
        PromiseStatusAggregator.Aggregate next = PromiseStatusAggregator.aggregate(current,
                current == null ? null : serialization.clone(current), seen.observed(), Instant.now());
        if (!StatusPatch.same(serialization, current, next.status()) && !applyStatus(promise, context, next.status())) {
            return UpdateControl.<Promise>noUpdate().rescheduleAfter(WAIT);
        }
        for (PromiseStatusAggregator.Event event : next.events()) {
            if (event.warning()) {
                events.warning(promise, event.reason(), event.message());
            } else {
                events.normal(promise, event.reason(), event.message());
            }
        }
        return UpdateControl.noUpdate();
    }

    /**
     * Writes the Promise's status by server-side apply, with the resourceVersion it was computed from as a
     * precondition. The in-Job status writer also writes this status (a suspended pipeline's entry,
     * ConfigureWorkflowCompleted=True): an unconditional apply from a cache that has not seen its write yet would
     * put the old entries back. Returns false when the Promise changed since (409 Conflict): nothing was written.
     */
    private static boolean applyStatus(Promise promise, Context<Promise> context, PromiseStatus status) {
        Promise patch = new Promise();
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(promise.getMetadata().getName());
        metadata.setResourceVersion(promise.getMetadata().getResourceVersion());
        patch.setMetadata(metadata);
        patch.setStatus(status);
        try {
            // the Operator SDK's own status apply (its field manager), which also updates its Promise cache
            context.resourceOperations().serverSideApplyPrimaryStatus(patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    /**
     * {@code spec.requiredPromises}, read from the Promise cache: each requirement's state, and why they are not
     * met (null when they are, or there are none).
     */
    private void requirements(Promise promise, Context<Promise> context, Observation seen) {
        String name = promise.getMetadata().getName();
        List<PromiseSpec.RequiredPromise> required = promise.getSpec().getRequiredPromises() == null ? List.of()
                : promise.getSpec().getRequiredPromises();
        if (required.isEmpty()) {
            requiredBy.remove(name);
            return;
        }
        requiredBy.put(name, required.stream().map(PromiseSpec.RequiredPromise::getName).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        seen.requirements = Requirements.states(required,
                n -> context.getPrimaryCache().get(new ResourceID(n)).orElse(null));
        seen.unmet = Requirements.unmet(seen.requirements);
    }

    /**
     * Runs promise.configure as {@link PromiseRules#configure} decides from the Job cache: its Work goes to every
     * matching Destination, and its directory-less selectors become the default of the Promise's resource requests.
     * Null when a pipeline would start but the API server shows the workflow suspended (the cache is behind).
     */
    private PromiseRules.ConfigurePlan configureWorkflow(Promise promise, Context<Promise> context) {
        List<PipelineRun> runs = promiseRuns(promise, WorkflowAction.CONFIGURE);
        List<String> names = runs.stream().map(r -> r.pipeline().name()).toList();
        boolean manual = "true".equals(label(promise, KratixLabels.MANUAL_RECONCILIATION));
        PromiseRules.ConfigurePlan plan = PromiseRules.configure(new PromiseRules.ConfigureInput(
                cachedJobs(context, WorkflowAction.CONFIGURE), names, SpecHash.of(promise.getSpec()), manual,
                PromiseStatusAggregator.unpausing(promise.getStatus()),
                PromiseStatusAggregator.configureCompletedAt(promise.getStatus()), interval(promise), Instant.now(),
                config.workflows().jobsToKeep(), shown(promise)));
        if (plan.removeSuspendedLabel()) {
            removeLabel(promise, KratixLabels.WORKFLOW_SUSPENDED);
        } else if (plan.pipelineToStart() >= 0 && suspendedOnServer(promise)) {
            // a pipeline labels the Promise before its Job ends: the Job cache can be ahead of the Promise cache
            return null;
        }
        if (plan.pipelineToStart() >= 0) {
            start(promise, runs.get(plan.pipelineToStart()));
        }
        if (!plan.pruneJobs().isEmpty()) {
            runner.delete(runs.get(0).namespace(), plan.pruneJobs());
        }
        if (plan.removeManualLabel()) {
            removeLabel(promise, KratixLabels.MANUAL_RECONCILIATION);
        }
        return plan;
    }

    /** What the Promise shows of a suspended workflow (§3.5.6). */
    private static PromiseRules.Shown shown(Promise promise) {
        PromiseStatus.WorkflowsStatus workflows = promise.getStatus() == null || promise.getStatus().getKratix() == null
                ? null : promise.getStatus().getKratix().getWorkflows();
        return new PromiseRules.Shown("true".equals(label(promise, KratixLabels.WORKFLOW_SUSPENDED)),
                promise.getMetadata().getGeneration(), workflows == null ? null : workflows.getSuspendedGeneration(),
                workflows == null ? null : workflows.getPipelines());
    }

    /** Whether the Promise on the API server (not the cache) carries {@code kratix.io/workflow-suspended}. */
    private boolean suspendedOnServer(Promise promise) {
        Promise fresh = client.resources(Promise.class).withName(promise.getMetadata().getName()).get();
        return fresh != null && "true".equals(label(fresh, KratixLabels.WORKFLOW_SUSPENDED));
    }

    /** Starts a pipeline's Job, and shows it to the Job cache at once so the next reconcile does not start it again. */
    private void start(Promise promise, PipelineRun run) {
        Job created = runner.startJob(run);
        jobs.handleRecentResourceCreate(ResourceID.fromResource(promise), created);
    }

    /** The Promise's workflow Jobs of this action, from the Job cache. */
    private static List<JobSummary> cachedJobs(Context<Promise> context, WorkflowAction action) {
        return context.getSecondaryResources(Job.class).stream()
                .filter(j -> j.getMetadata().getLabels() != null
                        && action.value().equals(j.getMetadata().getLabels().get(KratixLabels.WORKFLOW_ACTION)))
                .map(WorkflowRunner::summary)
                .toList();
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
                PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + key + "\":null}}}");
    }

    /**
     * promise.delete first (its first pipeline, as upstream; the Job cache says where it stands), then the
     * Promise's resource requests, then its Works, then its CRD, then Pledge's grant on the API.
     */
    @Override
    public DeleteControl cleanup(Promise promise, Context<Promise> context) {
        String name = promise.getMetadata().getName();
        List<PipelineRun> deleteRuns = promiseRuns(promise, WorkflowAction.DELETE);
        if (!deleteRuns.isEmpty() && !Conditions.find(conditions(promise), KratixConditions.DELETE_WORKFLOW_COMPLETED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus())).isPresent()) {
            PipelineRun run = deleteRuns.get(0);
            PromiseRules.DeletePlan plan = PromiseRules.delete(cachedJobs(context, WorkflowAction.DELETE),
                    run.pipeline().name(), run.hash(), shown(promise), Instant.now());
            if (plan.held()) {
                return deleteSuspended(promise, context, plan);
            }
            if (plan.removeSuspendedLabel()) {
                removeLabel(promise, KratixLabels.WORKFLOW_SUSPENDED);
            }
            if (plan.rerun() && !applyStatus(promise, context, deletePipelineRunning(promise, run.pipeline().name()))) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
            Step step = plan.step();
            if (step instanceof Step.Failed) {
                events.warning(promise, KratixConditions.DELETE_WORKFLOW_FAILED, "The Delete Pipeline has failed");
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(15));
            }
            if (step instanceof Step.Start) {
                start(promise, run);
            }
            if (!(step instanceof Step.Done)) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
        }
        if (!promise.getSpec().hasNoApi() && established(PromiseApi.identity(promise).crdName())) {
            PromiseApi.Identity api = PromiseApi.identity(promise);
            var requests = client.genericKubernetesResources(ResourceRequests.definition(api)).inAnyNamespace();
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

    /**
     * The delete pipeline suspended the deletion: nothing is deleted, DeleteWorkflowCompleted=False
     * DeleteWorkflowSuspended with one warning, and the deletion is looked at again when its retry falls due (the
     * label's removal brings it back too).
     */
    private DeleteControl deleteSuspended(Promise promise, Context<Promise> context, PromiseRules.DeletePlan plan) {
        PromiseStatus status = promise.getStatus() == null ? new PromiseStatus() : serialization.clone(promise.getStatus());
        if (!Conditions.has(status.getConditions(), KratixConditions.DELETE_WORKFLOW_COMPLETED, Conditions.FALSE,
                KratixConditions.DELETE_WORKFLOW_SUSPENDED, KratixConditions.DELETE_WORKFLOW_SUSPENDED_MESSAGE)) {
            status.setConditions(Conditions.set(status.getConditions(), KratixConditions.DELETE_WORKFLOW_COMPLETED,
                    Conditions.FALSE, KratixConditions.DELETE_WORKFLOW_SUSPENDED,
                    KratixConditions.DELETE_WORKFLOW_SUSPENDED_MESSAGE, promise.getMetadata().getGeneration()));
            if (!applyStatus(promise, context, status)) {
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
            }
            events.warning(promise, KratixConditions.DELETE_WORKFLOW_SUSPENDED,
                    KratixConditions.DELETE_WORKFLOW_SUSPENDED_MESSAGE);
        }
        return plan.retryAt() == null ? DeleteControl.noFinalizerRemoval()
                : DeleteControl.noFinalizerRemoval()
                        .rescheduleAfter(Duration.between(Instant.now(), plan.retryAt()).plusSeconds(1));
    }

    /** The Promise's status with the suspended delete pipeline's entry Running again (it runs again now). */
    private PromiseStatus deletePipelineRunning(Promise promise, String pipeline) {
        PromiseStatus status = serialization.clone(promise.getStatus());
        status.getKratix().getWorkflows().getPipelines().stream().filter(p -> pipeline.equals(p.getName()))
                .forEach(p -> {
                    p.setPhase(WorkflowPhases.RUNNING);
                    p.setMessage(null);
                    p.setNextRetryAt(null);
                });
        return status;
    }

    /**
     * Applies the API CRD when its desired hash changed; says why when the Promise cannot have it. The CRD is read
     * from the cache of Promise-installed CRDs; only one the cache does not hold (not installed yet, or not
     * installed by a Promise) is asked for.
     */
    private PromiseStatusAggregator.Refusal installApi(Promise promise, PromiseApi.Identity api) {
        ObjectNode desired = PromiseApi.crdFor(promise);
        String hash = Kratix.md5(desired.toString());
        desired.with("metadata").with("annotations").put(DESIRED_HASH, hash);
        CustomResourceDefinition existing = crds.get(new ResourceID(api.crdName())).orElseGet(() ->
                client.apiextensions().v1().customResourceDefinitions().withName(api.crdName()).get());
        if (existing != null) {
            String owner = ownerOf(existing);
            if (!promise.getMetadata().getName().equals(owner)) {
                return new PromiseStatusAggregator.Refusal("APIConflict", "The API " + api.crdName()
                        + " is already provided by " + (owner == null
                                ? "a CustomResourceDefinition not installed by a Promise" : "Promise " + owner)
                        + "; remove spec.api or choose another group or plural");
            }
            if (existing.getMetadata().getAnnotations() != null
                    && hash.equals(existing.getMetadata().getAnnotations().get(DESIRED_HASH))) {
                return null;
            }
        }
        try {
            CustomResourceDefinition crd = serialization.convertValue(desired, CustomResourceDefinition.class);
            CustomResourceDefinition applied = client.resource(crd).fieldManager("pledge").forceConflicts()
                    .serverSideApply();
            crds.handleRecentResourceUpdate(ResourceID.fromResource(promise), applied, existing);
            events.normal(promise, "APIInstalled", "Installed the API " + api.crdName());
            return null;
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            return new PromiseStatusAggregator.Refusal("InvalidAPI",
                    "The API CRD in spec.api was rejected by the API server: " + reason);
        }
    }

    /** Whether the API's CRD is Established, from the CRD cache (its Established event wakes the Promise). */
    private boolean established(String crdName) {
        CustomResourceDefinition crd = crds.get(new ResourceID(crdName)).orElse(null);
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * Creates, updates or deletes the static-dependency Work (there only while the Promise has dependencies),
     * comparing with the Work cache; writes nothing when it is already right.
     */
    private void syncDependencies(Promise promise, Context<Promise> context) {
        String namespace = config.systemNamespace();
        Work desired = StaticDependencies.workFor(promise, namespace);
        Work existing = dependencyWorks.get(new ResourceID(StaticDependencies.workName(promise), namespace))
                .orElse(null);
        if (desired == null) {
            if (existing != null) {
                client.resource(existing).delete();
            }
            return;
        }
        if (existing != null && StatusPatch.same(serialization, existing.getSpec(), desired.getSpec())
                && existing.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())) {
            return;
        }
        desired.getMetadata().setAnnotations(Map.of(KratixLabels.LAST_UPDATED_AT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        Work applied = client.resource(desired).fieldManager("pledge").forceConflicts().serverSideApply();
        dependencyWorks.handleRecentResourceUpdate(ResourceID.fromResource(promise), applied, existing);
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(Promise promise) {
        return promise.getStatus() == null ? List.of() : promise.getStatus().getConditions();
    }

    private static String ownerOf(CustomResourceDefinition crd) {
        return crd.getMetadata().getLabels() == null ? null : crd.getMetadata().getLabels().get(KratixLabels.PROMISE_NAME);
    }
}
