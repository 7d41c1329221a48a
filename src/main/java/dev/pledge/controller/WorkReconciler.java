package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.KratixConditions;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.SelectorSources;
import dev.pledge.api.Work;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.WorkStatus;
import dev.pledge.metrics.PledgeMetrics;
import dev.pledge.operator.LeanCache;
import dev.pledge.scheduling.Decision;
import dev.pledge.scheduling.DestinationIndex;
import dev.pledge.scheduling.DestinationView;
import dev.pledge.scheduling.Scheduler;
import dev.pledge.scheduling.SelectorSource;
import dev.pledge.scheduling.SourcedSelector;
import dev.pledge.scheduling.WorkKind;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.validation.KubernetesName;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Schedules a Work: asks the scheduling rules where each workload group goes and makes the WorkPlacements match.
 * Placements on Destinations that are no longer targeted are labelled {@code kratix.io/orphaned: "true"} and left
 * alone (their files stay); when their Destination matches again the label goes and updates resume. Every
 * Destination change re-evaluates every Work, from the informer's cache: no list calls per decision.
 */
@ControllerConfiguration(name = "work", finalizerName = WorkReconciler.FINALIZER,
        informer = @Informer(itemStore = LeanCache.class))
public class WorkReconciler implements Reconciler<Work>, Cleaner<Work> {
    public static final String FINALIZER = KratixLabels.WORK_CLEANUP_FINALIZER;
    static final String DESTINATIONS = PlatformInformers.DESTINATIONS;
    static final String PLACEMENTS = "placements";
    static final String READY = KratixConditions.READY;
    static final String SCHEDULE_SUCCEEDED = "ScheduleSucceeded";

    private final KubernetesClient client;
    private final EventRecorder events;
    private final PledgeMetrics metrics;
    private final KubernetesSerialization serialization;
    /** Set while a recount of the per-Destination gauge is due (see {@link #countPlacementsPerDestination}). */
    private final AtomicBoolean recountDue = new AtomicBoolean();
    private volatile InformerEventSource<WorkPlacement, Work> placementCache;

    public WorkReconciler(KubernetesClient client, EventRecorder events, PledgeMetrics metrics) {
        this.client = client;
        this.events = events;
        this.metrics = metrics;
        this.serialization = client.getKubernetesSerialization();
    }

    @Override
    public List<EventSource<?, Work>> prepareEventSources(EventSourceContext<Work> context) {
        var destinations = PlatformInformers.destinations(context, d -> context.getPrimaryCache().list()
                .map(ResourceID::fromResource).collect(Collectors.toSet()));
        var placements = new InformerEventSource<>(InformerEventSourceConfiguration.from(WorkPlacement.class, Work.class)
                .withName(PLACEMENTS)
                .withItemStore(new LeanCache<>())
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Work.class))
                .build(), context);
        placementCache = placements;
        return List.of(destinations, placements);
    }

    /** An exception the reconcile did not handle reaches status ({@link ErrorStatus}); the SDK retries. */
    @Override
    public ErrorStatusUpdateControl<Work> updateErrorStatus(Work work, Context<Work> context, Exception e) {
        return ErrorStatus.report(work, READY, e, Work::new, dev.pledge.api.WorkStatus::new, serialization);
    }

    @Override
    public UpdateControl<Work> reconcile(Work work, Context<Work> context) {
        String invalid = WorkPlacements.problem(work);
        if (invalid != null) {
            return patchIfChanged(work, invalid(work, invalid));
        }
        Scheduler scheduler = new Scheduler(DestinationIndex.of(destinations(context)));
        Map<String, List<WorkPlacement>> placementsByGroup = placements(work, context).stream()
                .collect(Collectors.groupingBy(p -> p.getSpec().getId(), LinkedHashMap::new, Collectors.toList()));
        WorkKind kind = kindOf(work);
        String promise = work.getSpec().getPromiseName();

        List<String> unscheduled = new ArrayList<>();
        List<String> orphanedGroups = new ArrayList<>();
        int scheduled = 0;
        for (WorkSpec.WorkloadGroup group : work.getSpec().getWorkloadGroups()) {
            List<WorkPlacement> existing = placementsByGroup.getOrDefault(group.getId(), List.of());
            Map<String, WorkPlacement> byDestination = new HashMap<>();
            existing.forEach(p -> byDestination.put(p.getSpec().getTargetDestinationName(), p));
            Decision decision = scheduler.decide(kind, toSchedulingGroup(group), byDestination.keySet());
            if (decision.unscheduled()) {
                unscheduled.add(group.getId());
                continue;
            }
            if (!decision.targets().isEmpty()) {
                scheduled++;
            }
            for (String destination : decision.targets()) {
                applyTarget(work, group, destination, byDestination.get(destination), promise);
            }
            for (String destination : decision.orphaned()) {
                orphan(byDestination.get(destination), promise);
            }
            if (!decision.orphaned().isEmpty()) {
                orphanedGroups.add(group.getId());
            }
        }
        deleteDangling(work, placementsByGroup);
        countPlacementsPerDestination();
        return patchIfChanged(work, status(work, context, scheduled, unscheduled, orphanedGroups));
    }

    @Override
    public DeleteControl cleanup(Work work, Context<Work> context) {
        var placements = client.resources(WorkPlacement.class).inNamespace(work.getMetadata().getNamespace())
                .withLabel(KratixLabels.WORK, work.getMetadata().getName());
        if (placements.list().getItems().isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        placements.delete();
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
    }

    private void applyTarget(Work work, WorkSpec.WorkloadGroup group, String destination, WorkPlacement existing,
            String promise) {
        WorkPlacement desired = WorkPlacements.desired(work, group, destination);
        if (existing != null && sameTree(existing.getSpec(), desired.getSpec())
                && Objects.equals(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            return;
        }
        if (existing != null && WorkPlacements.isOrphaned(existing)) {
            events.normal(work, "PlacementAdopted", "Destination " + destination
                    + " matches again: placement " + existing.getMetadata().getName() + " is updated again");
        }
        if (existing == null) {
            metrics.schedulingOutcome(promise, PledgeMetrics.SCHEDULED, 1);
        }
        client.resource(desired).fieldManager("pledge").forceConflicts().serverSideApply();
    }

    private void orphan(WorkPlacement placement, String promise) {
        if (WorkPlacements.isOrphaned(placement)) {
            return;
        }
        // Re-apply what we own with the label added: the spec stays as it was, so the placement gets no update.
        WorkPlacement labelled = new WorkPlacement();
        labelled.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(placement.getMetadata().getName())
                .withNamespace(placement.getMetadata().getNamespace())
                .withLabels(placement.getMetadata().getLabels())
                .addToLabels(KratixLabels.ORPHANED, "true")
                .withFinalizers(WorkPlacements.REPO_CLEANUP_FINALIZER)  // applied by us too: leaving it out would drop it
                .withAnnotations(placement.getMetadata().getAnnotations())
                .withOwnerReferences(placement.getMetadata().getOwnerReferences())
                .build());
        labelled.setSpec(placement.getSpec());
        client.resource(labelled).fieldManager("pledge").forceConflicts().serverSideApply();
        metrics.schedulingOutcome(promise, PledgeMetrics.ORPHANED, 1);
    }

    /**
     * Keeps the per-Destination placement gauge current, from the informer's cache (no API call). Counting walks
     * every placement, so it runs at most once a second, a second after the first reconcile that asks: a burst of
     * 1,000 Works counted once per reconcile spent more CPU on this than on scheduling.
     */
    private void countPlacementsPerDestination() {
        if (recountDue.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                recountDue.set(false);
                Map<String, Integer> counts = new java.util.TreeMap<>();
                placementCache.list(p -> p.getMetadata().getDeletionTimestamp() == null)
                        .forEach(p -> counts.merge(p.getSpec().getTargetDestinationName(), 1, Integer::sum));
                metrics.placementsPerDestination(counts);
            }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        }
    }

    /** Placements of groups the Work no longer has are removed (their files with them). */
    private void deleteDangling(Work work, Map<String, List<WorkPlacement>> placementsByGroup) {
        var current = work.getSpec().getWorkloadGroups().stream().map(WorkSpec.WorkloadGroup::getId)
                .collect(Collectors.toSet());
        placementsByGroup.forEach((id, placements) -> {
            if (!current.contains(id)) {
                placements.forEach(p -> client.resource(p).delete());
            }
        });
    }

    private WorkStatus status(Work work, Context<Work> context, int scheduled, List<String> unscheduled,
            List<String> orphaned) {
        WorkStatus status = new WorkStatus();
        status.setWorkPlacements(work.getSpec().getWorkloadGroups().size());
        status.setWorkPlacementsCreated(scheduled);
        List<Condition> conditions = work.getStatus() == null ? List.of() : work.getStatus().getConditions();
        List<String> failing = placements(work, context).stream().filter(p -> !WorkPlacements.isOrphaned(p))
                .filter(p -> p.getStatus() != null && Conditions.find(p.getStatus().getConditions(), "WriteSucceeded")
                        .filter(c -> Conditions.FALSE.equals(c.getStatus())).isPresent())
                .map(p -> p.getMetadata().getName()).sorted().toList();
        Long generation = work.getMetadata().getGeneration();
        if (!unscheduled.isEmpty()) {
            if (!Conditions.has(conditions, SCHEDULE_SUCCEEDED, Conditions.FALSE, "UnscheduledWorkloads",
                    unscheduledMessage(unscheduled))) {
                events.warning(work, "NoMatchingDestination", unscheduledMessage(unscheduled));
                metrics.schedulingOutcome(work.getSpec().getPromiseName(), PledgeMetrics.UNSCHEDULED, unscheduled.size());
            }
            conditions = Conditions.set(conditions, SCHEDULE_SUCCEEDED, Conditions.FALSE, "UnscheduledWorkloads",
                    unscheduledMessage(unscheduled), generation);
            conditions = Conditions.set(conditions, READY, Conditions.FALSE, "UnscheduledWorkloads", "Pending", generation);
        } else if (!failing.isEmpty()) {
            conditions = Conditions.set(conditions, SCHEDULE_SUCCEEDED, Conditions.FALSE, "WorkplacementsFailing",
                    "Workplacements failed to write: " + failing + ownershipRefusals(work, context), generation);
            conditions = Conditions.set(conditions, READY, Conditions.FALSE, "WorkplacementsFailing", "Failing", generation);
        } else if (!orphaned.isEmpty()) {
            conditions = Conditions.set(conditions, SCHEDULE_SUCCEEDED, Conditions.FALSE, "DestinationSelectorMismatch",
                    "Target destination no longer matches destinationSelectors for workloadGroups: " + orphaned, generation);
            conditions = Conditions.set(conditions, READY, Conditions.FALSE, "Orphaned", "Orphaned", generation);
        } else {
            conditions = Conditions.set(conditions, SCHEDULE_SUCCEEDED, Conditions.TRUE, "AllWorkplacementsScheduled",
                    "All workplacements scheduled successfully", generation);
            conditions = Conditions.set(conditions, READY, Conditions.TRUE, "AllWorkplacementsScheduled", "Ready", generation);
        }
        status.setConditions(conditions);
        return status;
    }

    /** Placements refused because another placement holds their files, each with the owner's name. */
    private static String ownershipRefusals(Work work, Context<Work> context) {
        return placements(work, context).stream()
                .flatMap(p -> p.getStatus() == null ? java.util.stream.Stream.empty()
                        : Conditions.find(p.getStatus().getConditions(), "WriteSucceeded").stream())
                .filter(c -> Conditions.FALSE.equals(c.getStatus())
                        && WorkPlacementReconciler.FILES_OWNED_ELSEWHERE.equals(c.getReason()))
                .map(c -> "; " + c.getMessage()).sorted().distinct().collect(java.util.stream.Collectors.joining());
    }

    private WorkStatus invalid(Work work, String message) {
        List<Condition> conditions = work.getStatus() == null ? List.of() : work.getStatus().getConditions();
        if (!Conditions.has(conditions, SCHEDULE_SUCCEEDED, Conditions.FALSE, "InvalidWork", message)) {
            events.warning(work, "InvalidWork", message);
        }
        Long generation = work.getMetadata().getGeneration();
        conditions = Conditions.set(conditions, SCHEDULE_SUCCEEDED, Conditions.FALSE, "InvalidWork", message, generation);
        conditions = Conditions.set(conditions, READY, Conditions.FALSE, "InvalidWork", "Invalid", generation);
        WorkStatus status = new WorkStatus();
        status.setWorkPlacements(work.getSpec().getWorkloadGroups().size());
        status.setWorkPlacementsCreated(0);
        status.setConditions(conditions);
        return status;
    }

    private static String unscheduledMessage(List<String> groups) {
        return "No matching destination found for workloadGroups: " + groups;
    }

    private UpdateControl<Work> patchIfChanged(Work current, WorkStatus status) {
        return StatusPatch.ifChanged(current, status, Work::new, serialization);
    }

    private static List<DestinationView> destinations(Context<Work> context) {
        @SuppressWarnings("unchecked")
        var source = (InformerEventSource<Destination, Work>) context.eventSourceRetriever()
                .getEventSourceFor(Destination.class, DESTINATIONS);
        // A Destination whose name cannot be a label value can hold no placement (its own status says why);
        // scheduling to it would fail every Work that selects it.
        return source.list(d -> d.getMetadata().getDeletionTimestamp() == null
                        && KubernetesName.problem(d.getMetadata().getName()) == null)
                .map(d -> new DestinationView(d.getMetadata().getName(), d.labels(),
                        d.getSpec() != null && Boolean.TRUE.equals(d.getSpec().getStrictMatchLabels())))
                .toList();
    }

    /** The Work's placements, from the cache's index of owners: no walk over every placement. */
    private static List<WorkPlacement> placements(Work work, Context<Work> context) {
        String name = work.getMetadata().getName();
        return context.getSecondaryResourcesAsStream(WorkPlacement.class)
                .filter(p -> p.getMetadata().getLabels() != null
                        && name.equals(p.getMetadata().getLabels().get(KratixLabels.WORK))
                        && p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    static WorkKind kindOf(Work work) {
        String type = work.getMetadata().getLabels() == null ? null : work.getMetadata().getLabels().get(KratixLabels.WORK_TYPE);
        if (KratixLabels.WORK_TYPE_PROMISE.equals(type)) {
            return WorkKind.PROMISE_WORKFLOW;
        }
        if (KratixLabels.WORK_TYPE_RESOURCE.equals(type)) {
            return WorkKind.RESOURCE_WORKFLOW;
        }
        String resource = work.getSpec().getResourceName();
        return resource == null || resource.isEmpty() ? WorkKind.DEPENDENCIES : WorkKind.RESOURCE_WORKFLOW;
    }

    static WorkloadGroup toSchedulingGroup(WorkSpec.WorkloadGroup group) {
        List<SourcedSelector> selectors = group.getDestinationSelectors() == null ? List.of()
                : group.getDestinationSelectors().stream()
                        .map(s -> new SourcedSelector(s.getMatchLabels() == null ? Map.of() : s.getMatchLabels(),
                                SelectorSource.fromWireName(s.getSource() == null ? SelectorSources.PROMISE : s.getSource())))
                        .toList();
        List<String> files = group.getWorkloads().stream().map(w -> w.getFilepath()).toList();
        return new WorkloadGroup(group.getId(), group.getDirectory(), files, selectors);
    }

    private boolean sameTree(Object a, Object b) {
        return StatusPatch.same(serialization, a, b);
    }

}
