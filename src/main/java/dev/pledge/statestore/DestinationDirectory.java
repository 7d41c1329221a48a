package dev.pledge.statestore;

import dev.pledge.api.DestinationSpec.FilepathMode;
import java.util.Objects;

/**
 * Where and how a Destination's files live in its state store: the Destination's name, its {@code spec.path}
 * (relative to the store's root; {@code "."} or {@code "/"} mean the root), its {@code filepath.mode} and the file
 * name the {@code aggregatedYAML} mode writes.
 */
public record DestinationDirectory(String name, String path, FilepathMode mode, String aggregatedFilename) {

    public static final String DEFAULT_AGGREGATED_FILENAME = "aggregated.yaml";

    public DestinationDirectory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        mode = mode == null ? FilepathMode.nestedByMetadata : mode;
        aggregatedFilename = aggregatedFilename == null || aggregatedFilename.isBlank()
                ? DEFAULT_AGGREGATED_FILENAME : aggregatedFilename;
    }

    public static DestinationDirectory nested(String name, String path) {
        return new DestinationDirectory(name, path, FilepathMode.nestedByMetadata, null);
    }

    public static DestinationDirectory flat(String name, String path) {
        return new DestinationDirectory(name, path, FilepathMode.none, null);
    }

    public static DestinationDirectory aggregated(String name, String path, String filename) {
        return new DestinationDirectory(name, path, FilepathMode.aggregatedYAML, filename);
    }
}
