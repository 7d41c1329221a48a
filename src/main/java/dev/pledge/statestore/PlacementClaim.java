package dev.pledge.statestore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one placement wants to hold in its Destination's directory, and what decides who keeps a path two
 * placements want: whether it has written its files already, then when it was created, then its name.
 *
 * @param workloadPaths the workloads' {@code filepath}s, as the placement carries them
 * @param written       its files are in the store (its last write succeeded)
 * @param created       when the placement object was created; null sorts last
 */
public record PlacementClaim(DestinationDirectory destination, PlacementId id, List<String> workloadPaths,
        boolean written, Instant created) {

    public PlacementClaim {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(id, "id");
        workloadPaths = List.copyOf(workloadPaths);
    }

    /** The same placement (namespace and name) on the same Destination. */
    boolean isSamePlacement(PlacementClaim other) {
        return destination.name().equals(other.destination.name()) && id.namespace().equals(other.id.namespace())
                && id.name().equals(other.id.name());
    }
}
