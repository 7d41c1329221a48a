package dev.pledge.statestore;

import java.util.List;
import java.util.Objects;

/**
 * The complete set of files one placement has now. Writing it replaces what the placement had before: files it
 * no longer produces are deleted. File paths are the workloads' {@code filepath}s, relative to the placement's
 * directory.
 */
public record PlacementWrite(DestinationDirectory destination, PlacementId id, List<StoreFile> files) {

    public PlacementWrite {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(id, "id");
        files = List.copyOf(files);
    }
}
