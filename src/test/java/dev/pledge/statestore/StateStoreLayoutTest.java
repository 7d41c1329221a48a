package dev.pledge.statestore;

import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout as pure path arithmetic: no store involved. */
class StateStoreLayoutTest {
    private final DestinationDirectory dev = DestinationDirectory.nested("dev", "clusters/dev");

    @Test
    void aResourcePlacementLivesUnderItsNamespacePromiseResourcePipelineAndGroupPrefix() throws Exception {
        PlacementId id = PlacementId.resource("team-a", "redis-a-1f2e3", "redis", "cache", "instance-configure",
                "5058f1af8388633f609cadb75a75dc9d");

        assertThat(StateStoreLayout.placementDirectory(dev, id))
                .isEqualTo("clusters/dev/resources/team-a/redis/cache/instance-configure/5058f");
    }

    @Test
    void dependenciesHaveNoNamespaceAndStaticDependenciesNoPipeline() throws Exception {
        assertThat(StateStoreLayout.placementDirectory(dev,
                PlacementId.dependency("kratix-platform-system", "wp", "redis", "promise-configure", "9f86d0818")))
                .isEqualTo("clusters/dev/dependencies/redis/promise-configure/9f86d");
        assertThat(StateStoreLayout.placementDirectory(dev,
                PlacementId.dependency("kratix-platform-system", "wp", "redis", null, "5058f1af83")))
                .isEqualTo("clusters/dev/dependencies/redis/5058f");
    }

    @Test
    void dotAndSlashMeanTheStoreRoot() throws Exception {
        assertThat(StateStoreLayout.destinationRoot(DestinationDirectory.flat("a", "."))).isEmpty();
        assertThat(StateStoreLayout.destinationRoot(DestinationDirectory.flat("a", "/"))).isEmpty();
        assertThat(StateStoreLayout.destinationRoot(DestinationDirectory.flat("a", "x/./y/"))).isEqualTo("x/y");
        assertThat(StateStoreLayout.storeRoot("/platform/")).isEqualTo("platform");
    }

    @Test
    void theStateFileOfModeNoneIsNamedAfterTheWorkPlacement() throws Exception {
        assertThat(StateStoreLayout.stateFile(DestinationDirectory.flat("f", "flat"),
                PlacementId.resource("ns", "wp-1", "p", "r", "pipe", "g")))
                .isEqualTo("flat/.kratix/ns-wp-1.yaml");
    }

    @Test
    void workloadPathsAreNormalisedInsideThePlacementDirectory() throws Exception {
        Map<String, byte[]> files = StateStoreLayout.placementFiles(resource(DestinationDirectory.flat("f", "f"),
                "wp", "r", file("./a//b.yaml", "x")));
        assertThat(files).containsOnlyKeys("f/a/b.yaml");
    }

    @Test
    void pathsThatCouldEscapeAreRefusedWithTheirNameAndPlacement() {
        for (String bad : List.of("/etc/passwd", "../x.yaml", "a/../../x.yaml", "a\\..\\x", ".git/hooks/pre-commit",
                "C:/windows", "", ".")) {
            assertThatThrownBy(() -> StateStoreLayout.placementFiles(resource(dev, "wp", "r", file(bad, "x"))))
                    .as(bad).isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining("workload path '" + bad + "' of placement default/wp");
        }
    }

    @Test
    void identitySegmentsMustBeSingleSegments() {
        PlacementId sneaky = PlacementId.resource("..", "wp", "redis", "r", "p", "abcdef");
        assertThatThrownBy(() -> StateStoreLayout.placementDirectory(dev, sneaky))
                .hasMessage("namespace '..' of placement ../wp is not a single path segment");
    }

    @Test
    void workloadContentIsGzipThenBase64() {
        String encoded = WorkloadContent.encode("kind: Namespace\n".getBytes(StandardCharsets.UTF_8));

        assertThat(StoreFile.fromWorkload("ns.yaml", encoded)).isEqualTo(file("ns.yaml", "kind: Namespace\n"));
        assertThatThrownBy(() -> WorkloadContent.decode("bad.yaml", "not base64!"))
                .hasMessageStartingWith("workload 'bad.yaml' is not gzip+base64 content");
    }

    @Test
    void canaryFilesSitAtTheRootOfNonNestedDestinations() {
        assertThat(CanaryFiles.forDestination(DestinationDirectory.flat("f", "f")))
                .extracting(f -> f.file().path())
                .containsExactly("kratix-canary-namespace.yaml", "kratix-canary-configmap.yaml");
        assertThat(CanaryFiles.forDestination(dev)).extracting(f -> f.file().path())
                .containsExactly("dependencies/kratix-canary-namespace.yaml", "resources/kratix-canary-configmap.yaml");
    }

    @Test
    void mergingBatchesKeepsTheNewestOperationPerPlacement() {
        PlacementWrite v1 = resource(dev, "wp", "r", file("a.yaml", "1"));
        PlacementWrite v2 = resource(dev, "wp", "r", file("a.yaml", "2"));
        PlacementWrite other = resource(dev, "other", "o", file("a.yaml", "o"));

        StateStoreBatch merged = StateStoreBatch.merge(List.of(Placements.batch(v1, other), Placements.batch(v2),
                StateStoreBatch.removing(List.of(Placements.removal(other)))));

        assertThat(merged.writes()).containsExactly(v2);
        assertThat(merged.removals()).containsExactly(Placements.removal(other));
    }

    @Test
    void secretValuesAreRedactedButUsernamesAndKnownHostsStayReadable() {
        SecretData secret = SecretData.of("ns/s", Map.of("username", "alice", "password", "hunter2-long",
                "knownHosts", "host ssh-ed25519 AAAA"));

        assertThat(secret.redact("alice tried hunter2-long on host ssh-ed25519 AAAA"))
                .isEqualTo("alice tried *** on host ssh-ed25519 AAAA");
        assertThat(secret.toString()).isEqualTo("SecretData[ns/s, keys=[knownHosts, password, username]]");
    }
}
