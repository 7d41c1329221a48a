package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec.FilepathMode;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.WorkPlacement;
import dev.pledge.metrics.PledgeMetrics;
import dev.pledge.statestore.CanaryFiles;
import dev.pledge.statestore.DestinationFile;
import dev.pledge.statestore.FileOwnership;
import dev.pledge.statestore.PlacementRemoval;
import dev.pledge.statestore.PlacementWrite;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.WriteResult;
import dev.pledge.validation.KubernetesName;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Self-repair: every placement already written to a store, and every Destination's canary files, go to the store
 * again as one batch. The writer plans that batch against the store as it is now, so a file deleted or edited
 * behind Pledge's back is written back in one commit (one S3 round), and a store nobody touched sees one fetch
 * (one listing) and no commit. Runs for each store on its reconciliation interval and on its own events (the
 * store or its Secret changed), from {@link StateStoreReconciler}.
 *
 * <p>It reads placements with one list call and writes no Kubernetes object. Placements being written, refused,
 * orphaned or deleted are left to their own reconciles, and only the owner of a path is repaired.
 */
@ApplicationScoped
public class PlacementRepair {
    private static final Logger LOG = Logger.getLogger(PlacementRepair.class);

    private final KubernetesClient client;
    private final StateStores stores;
    private final PledgeMetrics metrics;

    public PlacementRepair(KubernetesClient client, StateStores stores, PledgeMetrics metrics) {
        this.client = client;
        this.stores = stores;
        this.metrics = metrics;
    }

    /** Writes back what drifted in the store; returns what the round changed (nothing, when nothing drifted). */
    public WriteResult verify(String kind, String name) throws StateStores.Unavailable, StateStoreException {
        List<Destination> destinations = client.resources(Destination.class).list().getItems().stream()
                .filter(d -> d.getMetadata().getDeletionTimestamp() == null && d.getSpec() != null
                        && d.getSpec().getStateStoreRef() != null
                        && kind.equals(d.getSpec().getStateStoreRef().getKind().name())
                        && name.equals(d.getSpec().getStateStoreRef().getName())
                        // a Destination whose name cannot be a label value has no placements (it is not Ready)
                        && KubernetesName.labelValueProblem(d.getMetadata().getName()) == null)
                .toList();
        if (destinations.isEmpty()) {
            return WriteResult.unchanged("");
        }
        Snapshot snapshot = snapshot(destinations);
        if (snapshot.batch().isEmpty()) {
            return WriteResult.unchanged("");
        }
        WriteResult result = round(kind, name, snapshot.batch());
        if (result.changed()) {
            int files = result.filesWritten() + result.filesDeleted();
            metrics.stateStoreRepair(kind, name, files);
            LOG.infof("%s/%s: %d missing or changed files written back (%s)", kind, name, files, result.versionId());
        }
        settleRaces(kind, name, destinations, snapshot);
        return result;
    }

    /** What the store should hold now: placements and canaries, and the generation each placement was read at. */
    private record Snapshot(StateStoreBatch batch, Map<String, Long> generations) {
    }

    private Snapshot snapshot(List<Destination> destinations) {
        List<PlacementWrite> writes = new ArrayList<>();
        List<DestinationFile> canaries = new ArrayList<>();
        Map<String, Long> generations = new HashMap<>();
        for (Destination destination : destinations) {
            List<WorkPlacement> live = placementsOn(destination).stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
            boolean aggregated = StateStores.directoryOf(destination).mode() == FilepathMode.aggregatedYAML;
            for (WorkPlacement placement : live) {
                // One aggregated file holds every live placement of its Destination, as a normal write does.
                if (aggregated || repairable(placement, destination, live)) {
                    writes.add(WorkPlacementReconciler.write(placement, destination));
                    generations.put(key(placement), placement.getMetadata().getGeneration());
                }
            }
            if (canariesWritten(destination)) {
                canaries.addAll(CanaryFiles.forDestination(StateStores.directoryOf(destination)));
            }
        }
        return new Snapshot(new StateStoreBatch(writes, List.of(), canaries), generations);
    }

    /** Written at its current generation, still targeted, and the owner of every path it writes. */
    private static boolean repairable(WorkPlacement placement, Destination destination, List<WorkPlacement> live) {
        if (WorkPlacements.isOrphaned(placement) || !writtenAtGeneration(placement)) {
            return false;
        }
        return PlacementClaims.conflict(placement, destination, live.stream()).isEmpty();
    }

    private static boolean writtenAtGeneration(WorkPlacement placement) {
        return placement.getStatus() != null && Conditions.find(placement.getStatus().getConditions(),
                WorkPlacementReconciler.WRITE_SUCCEEDED).filter(c -> Conditions.TRUE.equals(c.getStatus())
                        && Objects.equals(c.getObservedGeneration(), placement.getMetadata().getGeneration()))
                .isPresent();
    }

    private static boolean canariesWritten(Destination destination) {
        return destination.getStatus() != null && Conditions.find(destination.getStatus().getConditions(),
                DestinationReconciler.READY).filter(c -> Conditions.TRUE.equals(c.getStatus())
                        && "TestDocumentsWritten".equals(c.getReason())).isPresent();
    }

    /**
     * The batch was read from Kubernetes before its round; a placement that changed or started deleting in between
     * may have had its newer round overtaken by ours. Put such placements right: the current content for those
     * written at a newer generation, a removal for those now deleted. Usually there are none, and nothing is sent.
     */
    private void settleRaces(String kind, String name, List<Destination> destinations, Snapshot snapshot)
            throws StateStores.Unavailable, StateStoreException {
        List<PlacementWrite> writes = new ArrayList<>();
        List<PlacementRemoval> removals = new ArrayList<>();
        Map<String, WorkPlacement> now = new HashMap<>();
        Map<String, Destination> destinationOf = new HashMap<>();
        for (Destination destination : destinations) {
            for (WorkPlacement placement : placementsOn(destination)) {
                now.put(key(placement), placement);
                destinationOf.put(key(placement), destination);
            }
        }
        Set<String> aggregatesToRebuild = new HashSet<>();
        for (PlacementWrite sent : snapshot.batch().writes()) {
            String key = sent.destination().name() + "|" + sent.id().displayName();
            WorkPlacement current = now.get(key);
            if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
                removals.add(new PlacementRemoval(sent.destination(), sent.id()));
                if (sent.destination().mode() == FilepathMode.aggregatedYAML) {
                    // our stale write may have landed after its removal: the file is rebuilt from who is live now
                    aggregatesToRebuild.add(sent.destination().name());
                }
            } else if (!Objects.equals(current.getMetadata().getGeneration(), snapshot.generations().get(key))
                    && writtenAtGeneration(current)) {
                writes.add(WorkPlacementReconciler.write(current, destinationOf.get(key)));
            }
        }
        for (Map.Entry<String, WorkPlacement> entry : now.entrySet()) {
            WorkPlacement placement = entry.getValue();
            if (aggregatesToRebuild.contains(placement.getSpec().getTargetDestinationName())
                    && placement.getMetadata().getDeletionTimestamp() == null) {
                writes.add(WorkPlacementReconciler.write(placement, destinationOf.get(entry.getKey())));
            }
        }
        if (!writes.isEmpty() || !removals.isEmpty()) {
            round(kind, name, new StateStoreBatch(writes, removals, List.of()));
        }
    }

    private WriteResult round(String kind, String name, StateStoreBatch batch)
            throws StateStores.Unavailable, StateStoreException {
        try {
            return stores.writer(kind, name).submit(batch).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StateStoreException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException(StateStoreException.Reason.IO, "interrupted while verifying " + kind + "/"
                    + name);
        }
    }

    private List<WorkPlacement> placementsOn(Destination destination) {
        return client.resources(WorkPlacement.class).inAnyNamespace()
                .withLabel(KratixLabels.TARGET_DESTINATION_NAME, destination.getMetadata().getName())
                .list().getItems();
    }

    private static String key(WorkPlacement placement) {
        return placement.getSpec().getTargetDestinationName() + "|" + displayName(placement);
    }

    private static String displayName(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
