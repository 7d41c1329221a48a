package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkPlacementStatus;
import dev.pledge.api.Workload;
import dev.pledge.metrics.PledgeMetrics;
import dev.pledge.statestore.CoalescingWriter;
import dev.pledge.statestore.PlacementId;
import dev.pledge.statestore.PlacementRemoval;
import dev.pledge.statestore.PlacementWrite;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StoreFile;
import dev.pledge.statestore.WriteResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Writes a WorkPlacement's files to its Destination's state store. Placements reconciled together share one
 * write round per store (one commit and push for Git). A placement already written at its generation is not
 * written again, and an orphaned placement is never updated; deleting a placement removes its files.
 */
@ControllerConfiguration(name = "workplacement", finalizerName = WorkPlacements.REPO_CLEANUP_FINALIZER)
public class WorkPlacementReconciler implements Reconciler<WorkPlacement>, Cleaner<WorkPlacement> {
    static final String WRITE_SUCCEEDED = "WriteSucceeded";
    static final String READY = "Ready";
    static final Duration RETRY = Duration.ofSeconds(15);

    private final KubernetesClient client;
    private final StateStores stores;
    private final EventRecorder events;
    private final PledgeMetrics metrics;
    private final KubernetesSerialization serialization;

    public WorkPlacementReconciler(KubernetesClient client, StateStores stores, EventRecorder events,
            PledgeMetrics metrics) {
        this.client = client;
        this.stores = stores;
        this.events = events;
        this.metrics = metrics;
        this.serialization = client.getKubernetesSerialization();
    }

    @Override
    public UpdateControl<WorkPlacement> reconcile(WorkPlacement placement, Context<WorkPlacement> context) {
        Long generation = placement.getMetadata().getGeneration();
        List<Condition> conditions = placement.getStatus() == null ? List.of() : placement.getStatus().getConditions();
        boolean written = Conditions.find(conditions, WRITE_SUCCEEDED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus()) && Objects.equals(c.getObservedGeneration(), generation))
                .isPresent();
        boolean orphaned = WorkPlacements.isOrphaned(placement);
        if (written || (orphaned && Conditions.find(conditions, WRITE_SUCCEEDED).isPresent())) {
            return patchIfChanged(placement, readiness(placement, conditions, orphaned));
        }
        Destination destination = client.resources(Destination.class)
                .withName(placement.getSpec().getTargetDestinationName()).get();
        if (destination == null) {
            return failed(placement, "DestinationNotFound", "Destination "
                    + placement.getSpec().getTargetDestinationName() + " not found");
        }
        String store = destination.getSpec().getStateStoreRef().getKind() + "/"
                + destination.getSpec().getStateStoreRef().getName();
        long started = System.nanoTime();
        try {
            CoalescingWriter writer = stores.writerFor(destination);
            List<PlacementWrite> writes = new java.util.ArrayList<>(aggregatedCompanions(placement, destination));
            writes.add(write(placement, destination));
            WriteResult result = writer.submit(StateStoreBatch.writing(writes)).get();
            metrics.stateStoreWrite(destination.getSpec().getStateStoreRef().getKind().name(), store, true,
                    Duration.ofNanos(System.nanoTime() - started), 1);
            WorkPlacementStatus status = copyOf(placement.getStatus());
            status.setConditions(Conditions.set(status.getConditions(), WRITE_SUCCEEDED, Conditions.TRUE,
                    "WorkloadsWrittenToStateStore", "Workloads written to State Store", generation));
            if (result.versionId() != null && !result.versionId().isEmpty()) {
                status.setVersionID(result.versionId());
            }
            status.setConditions(readiness(placement, status.getConditions(), orphaned).getConditions());
            return patchIfChanged(placement, status);
        } catch (StateStores.Unavailable e) {
            return failed(placement, e.reason(), e.getMessage());
        } catch (ExecutionException e) {
            metrics.stateStoreWrite(destination.getSpec().getStateStoreRef().getKind().name(), store, false,
                    Duration.ofNanos(System.nanoTime() - started), 1);
            String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            return failed(placement, "WorkloadsFailedWrite", message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UpdateControl.<WorkPlacement>noUpdate().rescheduleAfter(RETRY);
        }
    }

    @Override
    public DeleteControl cleanup(WorkPlacement placement, Context<WorkPlacement> context) {
        Destination destination = client.resources(Destination.class)
                .withName(placement.getSpec().getTargetDestinationName()).get();
        if (destination == null) {
            return DeleteControl.defaultDelete();
        }
        try {
            PlacementRemoval removal = new PlacementRemoval(StateStores.directoryOf(destination), idOf(placement));
            stores.writerFor(destination).submit(new StateStoreBatch(aggregatedCompanions(placement, destination),
                    List.of(removal), List.of())).get();
            return DeleteControl.defaultDelete();
        } catch (StateStores.Unavailable | ExecutionException e) {
            String message = e instanceof ExecutionException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            events.warning(placement, "FailedDeleteFilesFromRepository", message);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY);
        }
    }

    /**
     * In the aggregatedYAML mode one file holds every placement of the Destination, so a write or removal carries
     * the Destination's other live placements along; other modes need none.
     */
    private List<PlacementWrite> aggregatedCompanions(WorkPlacement placement, Destination destination) {
        if (StateStores.directoryOf(destination).mode() != dev.pledge.api.DestinationSpec.FilepathMode.aggregatedYAML) {
            return List.of();
        }
        return client.resources(WorkPlacement.class).inAnyNamespace()
                .withLabel(KratixLabels.TARGET_DESTINATION_NAME, destination.getMetadata().getName()).list().getItems()
                .stream()
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
