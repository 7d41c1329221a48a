package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.KratixConditions;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkPlacementStatus;
import dev.pledge.api.Workload;
import dev.pledge.operator.LeanCache;
import dev.pledge.statestore.CoalescingWriter;
import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.PlacementId;
import dev.pledge.statestore.PlacementRemoval;
import dev.pledge.statestore.PlacementWrite;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StoreFile;
import dev.pledge.statestore.UnsafePathException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a WorkPlacement's files to its Destination's state store. A reconcile hands the placement to the store's
 * next round and returns; placements arriving while a round runs all go out together in the next one (one commit
 * and push for Git). When the round ends the placement is reconciled again and reports it in status, once. A
 * placement already written at its generation is not written again, and an orphaned placement is never updated;
 * deleting a placement removes its files the same way. Destinations, stores and Secrets are read from informers.
 * When a Destination's path changes, its written placements are moved: removed under the old path and written
 * under the new one in one round.
 */
@ControllerConfiguration(name = "workplacement", finalizerName = WorkPlacements.REPO_CLEANUP_FINALIZER,
        informer = @Informer(itemStore = LeanCache.class))
public class WorkPlacementReconciler implements Reconciler<WorkPlacement>, Cleaner<WorkPlacement> {
    static final String WRITE_SUCCEEDED = "WriteSucceeded";
    static final String READY = KratixConditions.READY;
    static final Duration RETRY = Duration.ofSeconds(15);
    /** WriteSucceeded reason when another placement holds a path this one would write. */
    static final String FILES_OWNED_ELSEWHERE = "FilesOwnedByAnotherPlacement";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WorkPlacementReconciler.class);

    private final StateStores stores;
    private final EventRecorder events;
    private final KubernetesSerialization serialization;
    private final PlacementRounds rounds = new PlacementRounds();

    public WorkPlacementReconciler(KubernetesClient client, StateStores stores, EventRecorder events) {
        this.stores = stores;
        this.events = events;
        this.serialization = client.getKubernetesSerialization();
    }

    @Override
    public List<EventSource<?, WorkPlacement>> prepareEventSources(EventSourceContext<WorkPlacement> context) {
        // A Destination that appears or changes retries the placements waiting for it at once, instead of after
        // RETRY; written placements are not woken, so an idle Destination costs nothing.
        // A Destination whose path changed wakes the placements written under the old one, to move them.
        var destinations = PlatformInformers.destinations(context, d -> context.getPrimaryCache()
                .list(p -> d.getMetadata().getName().equals(p.getSpec().getTargetDestinationName())
                        && (!written(p) || movedFrom(p, d) != null))
                .map(ResourceID::fromResource).collect(Collectors.toSet()));
        // Likewise a store or Secret event retries every placement not yet written (none, once converged).
        List<EventSource<?, WorkPlacement>> sources = new ArrayList<>(List.of(rounds, destinations,
                PlatformInformers.secrets(context, s -> unwritten(context))));
        sources.addAll(PlatformInformers.stateStores(context, s -> unwritten(context)));
        return sources;
    }

    private static Set<ResourceID> unwritten(EventSourceContext<WorkPlacement> context) {
        return context.getPrimaryCache().list(p -> !written(p)).map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** An exception the reconcile did not handle reaches status ({@link ErrorStatus}); the SDK retries. */
    @Override
    public ErrorStatusUpdateControl<WorkPlacement> updateErrorStatus(WorkPlacement placement, Context<WorkPlacement> context, Exception e) {
        return ErrorStatus.report(placement, READY, e, WorkPlacement::new, dev.pledge.api.WorkPlacementStatus::new, serialization);
    }

    @Override
    public UpdateControl<WorkPlacement> reconcile(WorkPlacement placement, Context<WorkPlacement> context) {
        List<Condition> conditions = placement.getStatus() == null ? List.of() : placement.getStatus().getConditions();
        boolean orphaned = WorkPlacements.isOrphaned(placement);
        Destination destination = PlatformInformers.destination(context, placement.getSpec().getTargetDestinationName());
        String movedFrom = orphaned ? null : movedFrom(placement, destination);
        if ((written(placement) && movedFrom == null)
                || (orphaned && Conditions.find(conditions, WRITE_SUCCEEDED).isPresent())) {
            return patchIfChanged(placement, readiness(placement, conditions, orphaned));
        }
        ResourceID id = ResourceID.fromResource(placement);
        Long generation = placement.getMetadata().getGeneration();
        var ended = rounds.takeOutcome(id, PlacementRounds.Operation.WRITE, generation);
        if (ended.isPresent()) {
            return report(placement, ended.get(), destination);
        }
        if (rounds.inFlight(id, PlacementRounds.Operation.WRITE, generation)) {
            return UpdateControl.noUpdate();  // the round's end reconciles this placement again
        }
        if (destination == null) {
            return failed(placement, "DestinationNotFound", "Destination "
                    + placement.getSpec().getTargetDestinationName() + " not found");
        }
        var owned = PlacementClaims.conflict(placement, destination, context.getPrimaryCache().list());
        if (owned.isPresent()) {
            return failed(placement, FILES_OWNED_ELSEWHERE,
                    owned.get().describe(PlacementClaims.of(placement, destination)));
        }
        try {
            CoalescingWriter writer = stores.writerFor(destination, PlatformInformers.lookup(context));
            List<PlacementWrite> writes = new ArrayList<>(aggregatedCompanions(placement, destination, context));
            writes.add(write(placement, destination));
            // Moved: the files leave the old directory in the same round (one commit) that writes them in the new.
            List<PlacementRemoval> removals = movedFrom == null ? List.of()
                    : List.of(new PlacementRemoval(withPath(StateStores.directoryOf(destination), movedFrom),
                            idOf(placement)));
            rounds.track(id, PlacementRounds.Operation.WRITE, generation,
                    writer.submit(new StateStoreBatch(writes, removals, List.of())));
            return UpdateControl.noUpdate();
        } catch (StateStores.Unavailable e) {
            return failed(placement, e.reason(), e.getMessage());
        }
    }

    /** The placement's round has ended: write what it did to the placement's status. */
    private UpdateControl<WorkPlacement> report(WorkPlacement placement, PlacementRounds.Outcome outcome,
            Destination destination) {
        if (!outcome.succeeded()) {
            return failed(placement, "WorkloadsFailedWrite", outcome.failureMessage());
        }
        Long generation = placement.getMetadata().getGeneration();
        WorkPlacementStatus status = copyOf(placement.getStatus());
        status.setConditions(Conditions.set(status.getConditions(), WRITE_SUCCEEDED, Conditions.TRUE,
                "WorkloadsWrittenToStateStore", "Workloads written to State Store", generation));
        String versionId = outcome.result().versionId();
        if (versionId != null && !versionId.isEmpty()) {
            status.setVersionID(versionId);
        }
        if (destination != null) {
            status.setDestinationPath(destination.getSpec().getPath());
        }
        status.setConditions(readiness(placement, status.getConditions(), WorkPlacements.isOrphaned(placement))
                .getConditions());
        return patchIfChanged(placement, status);
    }

    @Override
    public DeleteControl cleanup(WorkPlacement placement, Context<WorkPlacement> context) {
        ResourceID id = ResourceID.fromResource(placement);
        Long generation = placement.getMetadata().getGeneration();
        var ended = rounds.takeOutcome(id, PlacementRounds.Operation.REMOVE, generation);
        if (ended.isPresent() && ended.get().succeeded()) {
            return DeleteControl.defaultDelete();
        }
        if (ended.isPresent()) {
            events.warning(placement, "FailedDeleteFilesFromRepository", ended.get().failureMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
        }
        if (rounds.inFlight(id, PlacementRounds.Operation.REMOVE, generation)) {
            return DeleteControl.noFinalizerRemoval();  // the round's end calls cleanup again
        }
        Destination destination = PlatformInformers.destination(context, placement.getSpec().getTargetDestinationName());
        if (destination == null) {
            rounds.forget(id);
            return DeleteControl.defaultDelete();
        }
        var shared = PlacementClaims.heldByAnotherOnRemoval(placement, destination, context.getPrimaryCache().list());
        if (shared.isPresent()) {
            // Its directory holds another placement's files: removing this placement must not delete them.
            LOG.infof("WorkPlacement %s/%s removed without deleting %s, which WorkPlacement %s holds",
                    placement.getMetadata().getNamespace(), placement.getMetadata().getName(), shared.get().path(),
                    shared.get().owner().id().displayName());
            rounds.forget(id);
            return DeleteControl.defaultDelete();
        }
        try {
            PlacementRemoval removal = new PlacementRemoval(StateStores.directoryOf(destination), idOf(placement));
            rounds.track(id, PlacementRounds.Operation.REMOVE, generation,
                    stores.writerFor(destination, PlatformInformers.lookup(context)).submit(new StateStoreBatch(
                            aggregatedCompanions(placement, destination, context), List.of(removal), List.of())));
            return DeleteControl.noFinalizerRemoval();
        } catch (StateStores.Unavailable e) {
            events.warning(placement, "FailedDeleteFilesFromRepository", e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
        }
    }

    /** Written at its current generation, as its status says. */
    private static boolean written(WorkPlacement placement) {
        List<Condition> conditions = placement.getStatus() == null ? List.of() : placement.getStatus().getConditions();
        Long generation = placement.getMetadata().getGeneration();
        return Conditions.find(conditions, WRITE_SUCCEEDED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus()) && Objects.equals(c.getObservedGeneration(), generation))
                .isPresent();
    }

    /**
     * The Destination path a placement written at its generation was written under, when its Destination now points
     * to another directory; null when it is where it belongs, not written, or written before the path was recorded.
     */
    static String movedFrom(WorkPlacement placement, Destination destination) {
        if (destination == null || !written(placement) || placement.getStatus().getDestinationPath() == null) {
            return null;
        }
        DestinationDirectory now = StateStores.directoryOf(destination);
        String was = placement.getStatus().getDestinationPath();
        try {
            return StateStoreLayout.destinationRoot(now).equals(StateStoreLayout.destinationRoot(withPath(now, was)))
                    ? null : was;
        } catch (UnsafePathException e) {
            return null; // the old path was refused when it was current; nothing can have been written there
        }
    }

    private static DestinationDirectory withPath(DestinationDirectory directory, String path) {
        return new DestinationDirectory(directory.name(), path, directory.mode(), directory.aggregatedFilename());
    }

    /**
     * In the aggregatedYAML mode one file holds every placement of the Destination, so a write or removal carries
     * the Destination's other live placements along; other modes need none.
     */
    private List<PlacementWrite> aggregatedCompanions(WorkPlacement placement, Destination destination,
            Context<WorkPlacement> context) {
        if (StateStores.directoryOf(destination).mode() != dev.pledge.api.DestinationSpec.FilepathMode.aggregatedYAML) {
            return List.of();
        }
        String name = destination.getMetadata().getName();
        return context.getPrimaryCache()
                .list(p -> p.getMetadata().getLabels() != null
                        && name.equals(p.getMetadata().getLabels().get(KratixLabels.TARGET_DESTINATION_NAME)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> !(p.getMetadata().getNamespace().equals(placement.getMetadata().getNamespace())
                        && p.getMetadata().getName().equals(placement.getMetadata().getName())))
                .map(p -> write(p, destination))
                .toList();
    }

    static PlacementWrite write(WorkPlacement placement, Destination destination) {
        List<StoreFile> files = placement.getSpec().getWorkloads().stream()
                .map((Workload w) -> StoreFile.fromWorkload(w.getFilepath(), w.getContent())).toList();
        return new PlacementWrite(StateStores.directoryOf(destination), idOf(placement), files);
    }

    static PlacementId idOf(WorkPlacement placement) {
        var spec = placement.getSpec();
        String resource = spec.getResourceName() == null || spec.getResourceName().isEmpty() ? null : spec.getResourceName();
        String pipeline = placement.getMetadata().getLabels() == null ? null
                : placement.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME);
        return new PlacementId(placement.getMetadata().getNamespace(), placement.getMetadata().getName(),
                spec.getPromiseName(), resource, pipeline, spec.getId());
    }

    private WorkPlacementStatus readiness(WorkPlacement placement, List<Condition> conditions, boolean orphaned) {
        WorkPlacementStatus status = copyOf(placement.getStatus());
        Long generation = placement.getMetadata().getGeneration();
        status.setConditions(orphaned
                ? Conditions.set(conditions, READY, Conditions.FALSE, "Orphaned", "Orphaned", generation)
                : Conditions.set(conditions, READY, Conditions.TRUE, "WorkloadsWrittenToTargetDestination", "Ready",
                        generation));
        return status;
    }

    private UpdateControl<WorkPlacement> failed(WorkPlacement placement, String reason, String message) {
        WorkPlacementStatus status = copyOf(placement.getStatus());
        List<Condition> conditions = status.getConditions();
        Long generation = placement.getMetadata().getGeneration();
        if (!Conditions.has(conditions, WRITE_SUCCEEDED, Conditions.FALSE, reason, message)) {
            events.warning(placement, "FailedWriteToDestination", message);
        }
        conditions = Conditions.set(conditions, WRITE_SUCCEEDED, Conditions.FALSE, reason, message, generation);
        conditions = Conditions.set(conditions, READY, Conditions.FALSE, "WorkloadsFailedWrite", "Failing", generation);
        status.setConditions(conditions);
        return patchIfChanged(placement, status).rescheduleAfter(RETRY);
    }

    private UpdateControl<WorkPlacement> patchIfChanged(WorkPlacement current, WorkPlacementStatus status) {
        return StatusPatch.ifChanged(current, status, WorkPlacement::new, serialization);
    }

    private WorkPlacementStatus copyOf(WorkPlacementStatus status) {
        return status == null ? new WorkPlacementStatus() : serialization.clone(status);
    }

}
