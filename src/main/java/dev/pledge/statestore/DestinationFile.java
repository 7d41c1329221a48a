package dev.pledge.statestore;

import java.util.Objects;

/** A file that belongs to a Destination rather than to a placement, such as the canary files. */
public record DestinationFile(DestinationDirectory destination, StoreFile file) {

    public DestinationFile {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(file, "file");
    }
}
