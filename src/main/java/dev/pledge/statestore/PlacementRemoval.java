package dev.pledge.statestore;

import java.util.Objects;

/** A placement whose files must go (its WorkPlacement is being deleted). */
public record PlacementRemoval(DestinationDirectory destination, PlacementId id) {

    public PlacementRemoval {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(id, "id");
    }
}
