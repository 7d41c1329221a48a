package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.WorkPlacement;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.Conflicts;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.testing.GitHttpServer;
import dev.pledge.testing.GitStores;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What happens to written state when the platform team changes it, on the real control plane and Git server: a
 * deleted store lets go of its writer and local clone at once, and a Destination whose path changes has its
 * placements moved to the new path in the store.
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class StateStoreChangesTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    final KubernetesClient client = ControlPlane.client();

    @Test
    void aDeletedGitStateStoreReleasesItsWriterAndItsClone() {
        String url = GitHttpServer.get().newRepository("released-git");
        secret("released-git");
        client.resource(GitStores.store("released-git", url, "released-git-git")).create();
        destination("released-1", "released-git", "released");
        await().atMost(TIMEOUT).until(() -> ready(client.resources(GitStateStore.class).withName("released-git").get()));
        await().atMost(TIMEOUT).until(() -> !clonesOf(url).isEmpty()); // the Destination's canaries were pushed from it

        client.resources(GitStateStore.class).withName("released-git").delete();

        await().atMost(TIMEOUT).until(() -> clonesOf(url).isEmpty());
    }

    @Test
    void aDestinationPathChangeMovesItsWrittenPlacementsToTheNewPath() {
        String url = GitHttpServer.get().newRepository("move-git");
        secret("move-git");
        client.resource(GitStores.store("move-git", url, "move-git-git")).create();
        Path repo = GitHttpServer.get().repository(url);
        destination("move-1", "move-git", "before");
        client.resource(ControlLoopTest.promise("move-p", Map.of("suite", "move-1"), "moved")).create();
        String file = "dependencies/move-p/5058f/static/move-p-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey("before/" + file));
        await().atMost(TIMEOUT).until(() -> "before".equals(writtenUnder("move-p-static-deps.move-1-5058f")));

        Conflicts.retry(() -> client.resources(Destination.class).withName("move-1").edit(d -> {
            d.getSpec().setPath("after");
            return d;
        }));

        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").containsKey("after/" + file));
        await().atMost(TIMEOUT).until(() -> "after".equals(writtenUnder("move-p-static-deps.move-1-5058f")));
        assertThat(BareRepositories.files(repo, "main").keySet())
                .as("nothing of the placement is left under the old path").noneMatch(p -> p.startsWith("before/dependencies/move-p/"))
                .contains("after/" + file);
    }

    void destination(String name, String store, String path) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of("suite", name)).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(path);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, store));
        destination.setSpec(spec);
        client.resource(destination).create();
    }

    void secret(String store) {
        client.resource(new SecretBuilder().withNewMetadata().withName(store + "-git").withNamespace("default")
                .endMetadata().withStringData(Map.of("username", GitHttpServer.USER, "password", GitHttpServer.PASSWORD))
                .build()).serverSideApply();
    }

    static boolean ready(GitStateStore store) {
        return store != null && store.getStatus() != null && store.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    String writtenUnder(String placement) {
        WorkPlacement found = client.resources(WorkPlacement.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE)
                .withName(placement).get();
        return found == null || found.getStatus() == null ? null : found.getStatus().getDestinationPath();
    }

    /** The local clones of {@code url} on this machine: directories named pledge-git* whose Git remote is it. */
    static List<Path> clonesOf(String url) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> roots = Files.list(tmp)) {
            return roots.filter(p -> p.getFileName().toString().startsWith("pledge-git")).flatMap(root -> {
                try {
                    return Files.find(root, 5, (p, a) -> p.getFileName().toString().equals("config")
                            && p.getParent().getFileName().toString().equals(".git")).toList().stream();
                } catch (IOException | UncheckedIOException e) {
                    return Stream.empty(); // another process removed its clone meanwhile
                }
            }).filter(config -> {
                try {
                    return Files.readString(config).contains(url);
                } catch (IOException e) {
                    return false;
                }
            }).map(config -> config.getParent().getParent()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
