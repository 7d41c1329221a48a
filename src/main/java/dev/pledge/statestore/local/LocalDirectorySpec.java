package dev.pledge.statestore.local;

import java.nio.file.Path;

/** A state store that is a plain directory on this machine (local mode and tests); {@code path} as in the CRDs. */
public record LocalDirectorySpec(Path directory, String path) {
}
