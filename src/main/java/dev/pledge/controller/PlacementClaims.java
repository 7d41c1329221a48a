package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec.FilepathMode;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.Workload;
import dev.pledge.statestore.FileOwnership;
import dev.pledge.statestore.PlacementClaim;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * WorkPlacements as claims on their Destination's files, so the ownership rule in
 * {@link dev.pledge.statestore.FileOwnership} can decide between two placements that want the same path. The
 * placements themselves are the ownership record: nothing extra is stored.
 */
final class PlacementClaims {

    private PlacementClaims() {
    }

    static PlacementClaim of(WorkPlacement placement, Destination destination) {
        List<String> paths = placement.getSpec().getWorkloads() == null ? List.of()
                : placement.getSpec().getWorkloads().stream().map(Workload::getFilepath).toList();
        return new PlacementClaim(StateStores.directoryOf(destination), WorkPlacementReconciler.idOf(placement),
                paths, hasWritten(placement), created(placement));
    }

    /** The claims of the other live placements on the Destination (placements being deleted hold nothing). */
    static List<PlacementClaim> othersOn(Destination destination, WorkPlacement placement,
            Stream<WorkPlacement> all) {
        String name = destination.getMetadata().getName();
        boolean nested = StateStores.directoryOf(destination).mode() == FilepathMode.nestedByMetadata;
        return all.filter(p -> name.equals(p.getSpec().getTargetDestinationName()))
                // Nested directories start with the Promise and the resource: others can never overlap, so a burst
                // of many requests does not compare every pair.
                .filter(p -> !nested || (Objects.equals(p.getSpec().getPromiseName(), placement.getSpec().getPromiseName())
                        && resourceOf(p).equals(resourceOf(placement))))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> !(p.getMetadata().getNamespace().equals(placement.getMetadata().getNamespace())
                        && p.getMetadata().getName().equals(placement.getMetadata().getName())))
                .map(p -> of(p, destination))
                .toList();
    }

    /** The placement that holds a path this one wants, if any: then this one must write nothing. */
    static Optional<FileOwnership.Conflict> conflict(WorkPlacement placement, Destination destination,
            Stream<WorkPlacement> all) {
        return FileOwnership.conflict(of(placement, destination), othersOn(destination, placement, all));
    }

    /**
     * For a nested placement being deleted: another live placement that has written into its directory, whose files
     * the removal must leave. In mode {@code none} a refused placement has no state file, so its removal deletes
     * nothing anyway.
     */
    static Optional<FileOwnership.Conflict> heldByAnotherOnRemoval(WorkPlacement placement, Destination destination,
            Stream<WorkPlacement> all) {
        if (StateStores.directoryOf(destination).mode() != FilepathMode.nestedByMetadata) {
            return Optional.empty();
        }
        return FileOwnership.sharedWithWrittenPlacement(of(placement, destination),
                othersOn(destination, placement, all));
    }

    private static String resourceOf(WorkPlacement placement) {
        return placement.getSpec().getResourceName() == null ? "" : placement.getSpec().getResourceName();
    }

    /** Its last write succeeded, so its files are in the store (also true of an orphaned placement). */
    static boolean hasWritten(WorkPlacement placement) {
        List<Condition> conditions = placement.getStatus() == null ? List.of() : placement.getStatus().getConditions();
        return Conditions.find(conditions, WorkPlacementReconciler.WRITE_SUCCEEDED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus())).isPresent();
    }

    private static Instant created(WorkPlacement placement) {
        String timestamp = placement.getMetadata().getCreationTimestamp();
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
