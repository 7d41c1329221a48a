package dev.pledge.statestore.local;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterContract;
import dev.pledge.statestore.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryWriterTest extends StateStoreWriterContract {
    @TempDir
    Path directory;

    @Override
    protected StateStoreWriter openWriter(String storePath) throws Exception {
        return new LocalDirectoryWriterFactory().open(new StateStoreDefinition(LocalDirectoryWriterFactory.KIND,
                "local", "1", new LocalDirectorySpec(directory.resolve("store"), storePath), null));
    }

    @Override
    protected Map<String, String> storeFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path root = directory.resolve("store");
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void aSymbolicLinkInTheStoreCannotLeadWritesOutside() throws Exception {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Files.createDirectories(directory.resolve("store/platform"));
        Files.createSymbolicLink(directory.resolve("store/platform/dev"), outside);

        assertThatThrownBy(() -> writer.apply(batch(resource(DestinationDirectory.flat("d", "dev"), "wp", "r",
                file("a.yaml", "a"))))).isInstanceOf(UnsafePathException.class).hasMessageContaining("symbolic link");
        try (Stream<Path> escaped = Files.list(outside)) {
            assertThat(escaped).isEmpty();
        }
    }

    @Test
    void aStateFileListingPathsOutsideTheDestinationDeletesNothingThere() throws Exception {
        Files.createDirectories(directory.resolve("store/platform/flat/.kratix"));
        Files.writeString(directory.resolve("store/platform/keep.yaml"), "keep");
        Files.writeString(directory.resolve("store/platform/flat/mine.yaml"), "mine");
        Files.writeString(directory.resolve("store/platform/flat/.kratix/default-wp.yaml"),
                "files:\n- ../keep.yaml\n- /etc/hostname\n- mine.yaml\n");

        writer.delete(java.util.List.of(dev.pledge.statestore.Placements.removal(resource(
                DestinationDirectory.flat("flat", "flat"), "wp", "r"))));

        assertThat(storeFiles()).containsOnlyKeys("platform/keep.yaml");
    }
}
