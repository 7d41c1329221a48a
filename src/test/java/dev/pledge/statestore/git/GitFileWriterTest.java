package dev.pledge.statestore.git;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterContract;
import dev.pledge.testing.BareRepositories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/**
 * The Git writer pushing to a bare repository on this machine through a {@code file://} URL, with no Secret and
 * the default authMethod: the state store {@code pledge local} creates.
 */
class GitFileWriterTest extends StateStoreWriterContract {
    private Path bare;

    @Override
    protected StateStoreWriter openWriter(String storePath) throws Exception {
        bare = Files.createTempDirectory("pledge-file-store-").resolve("state.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        return GitHttpWriterTest.open(bare.toUri().toString(), storePath, "main", null, SecretData.none());
    }

    @Override
    protected Map<String, String> storeFiles() {
        return BareRepositories.files(bare, "main");
    }

    @Test
    void aPlainPathWorksLikeAFileUrl() throws Exception {
        Path other = Files.createTempDirectory("pledge-file-store-").resolve("state.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(other.toFile()).call().close();
        try (StateStoreWriter byPath = GitHttpWriterTest.open(other.toString(), null, "main", null, SecretData.none())) {
            byPath.apply(batch(resource(DestinationDirectory.nested("dev", "dev"), "a", "a", file("a.yaml", "a: 1"))));
        }
        assertThat(BareRepositories.files(other, "main").keySet()).anyMatch(path -> path.endsWith("/a.yaml"));
    }
}
