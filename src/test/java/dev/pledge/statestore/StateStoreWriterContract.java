package dev.pledge.statestore;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.dependency;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.removal;
import static dev.pledge.statestore.Placements.resource;
import static dev.pledge.statestore.Placements.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every kind of state store does, whatever holds the files: upstream's three layouts, directory
 * replacement, removal, canaries, no-op rounds, and refusing paths that escape. Each kind runs it against a real
 * store; every store here is opened with {@code spec.path: platform}.
 */
public abstract class StateStoreWriterContract {
    protected static final String STORE_PATH = "platform";

    protected StateStoreWriter writer;

    /** A writer on a fresh, empty store whose {@code spec.path} is {@code storePath}. */
    protected abstract StateStoreWriter openWriter(String storePath) throws Exception;

    /** Every file in the store now, by its full path (including the store path), as text. */
    protected abstract Map<String, String> storeFiles() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        writer = openWriter(STORE_PATH);
    }

    @AfterEach
    void closeStore() {
        writer.close();
    }

    private final DestinationDirectory nested = DestinationDirectory.nested("dev-cluster", "dev");
    private final DestinationDirectory flat = DestinationDirectory.flat("flat-cluster", "clusters/flat");
    private final DestinationDirectory aggregated = DestinationDirectory.aggregated("agg", "agg", null);

    @Test
    void nestedByMetadataPutsEachPlacementInItsOwnDirectory() throws Exception {
        writer.write(List.of(
                resource(nested, "redis-a", "a", file("redis.yaml", yaml("Redis", "a"))),
                dependency(nested, "redis-deps", file("operator/crd.yaml", yaml("CRD", "redis")))));
        writer.write(List.of(new PlacementWrite(nested,
                PlacementId.dependency("kratix-platform-system", "redis-static", "redis", null, "5058f1af83"),
                List.of(file("static/redis-dependencies.yaml", yaml("Deployment", "op"))))));

        assertThat(storeFiles()).containsOnly(
                Map.entry("platform/dev/resources/default/redis/a/instance-configure/5058f/redis.yaml",
                        yaml("Redis", "a")),
                Map.entry("platform/dev/dependencies/redis/promise-configure/9f86d/operator/crd.yaml",
                        yaml("CRD", "redis")),
                Map.entry("platform/dev/dependencies/redis/5058f/static/redis-dependencies.yaml",
                        yaml("Deployment", "op")));
    }

    @Test
    void rewritingAPlacementDeletesTheFilesItNoLongerProduces() throws Exception {
        writer.apply(batch(resource(nested, "redis-a", "a", file("one.yaml", "1"), file("sub/two.yaml", "2"))));
        WriteResult second = writer.apply(batch(resource(nested, "redis-a", "a", file("one.yaml", "1+"))));

        assertThat(storeFiles()).containsOnly(
                Map.entry("platform/dev/resources/default/redis/a/instance-configure/5058f/one.yaml", "1+"));
        assertThat(second.filesWritten()).isEqualTo(1);
        assertThat(second.filesDeleted()).isEqualTo(1);
    }

    @Test
    void removingAPlacementDeletesItsDirectoryAndNothingElse() throws Exception {
        PlacementWrite a = resource(nested, "redis-a", "a", file("a.yaml", "a"));
        PlacementWrite b = resource(nested, "redis-b", "b", file("b.yaml", "b"));
        writer.apply(batch(a, b));

        writer.delete(List.of(removal(a)));

        assertThat(storeFiles()).containsOnlyKeys(
                "platform/dev/resources/default/redis/b/instance-configure/5058f/b.yaml");
    }

    @Test
    void modeNoneWritesAtTheDestinationRootAndRecordsTheFilesInAStateFile() throws Exception {
        PlacementWrite first = resource(flat, "redis-a", "a", file("a.yaml", "a"), file("shared/x.yaml", "x"));
        writer.apply(batch(first));
        assertThat(storeFiles()).containsOnlyKeys("platform/clusters/flat/a.yaml",
                "platform/clusters/flat/shared/x.yaml", "platform/clusters/flat/.kratix/default-redis-a.yaml");
        assertThat(storeFiles().get("platform/clusters/flat/.kratix/default-redis-a.yaml"))
                .isEqualTo("files:\n- a.yaml\n- shared/x.yaml\n");

        writer.apply(batch(resource(flat, "redis-a", "a", file("a.yaml", "a2"))));
        assertThat(storeFiles()).containsOnlyKeys("platform/clusters/flat/a.yaml",
                "platform/clusters/flat/.kratix/default-redis-a.yaml");

        writer.delete(List.of(removal(first)));
        assertThat(storeFiles()).isEmpty();
    }

    @Test
    void aggregatedYamlJoinsEveryPlacementOfTheDestinationSortedByName() throws Exception {
        PlacementWrite b = resource(aggregated, "wp-b", "b", file("b.yaml", "kind: B"));
        PlacementWrite a = resource(aggregated, "wp-a", "a", file("a1.yaml", "kind: A1"), file("a2.yaml", "kind: A2"));
        writer.apply(batch(b, a));
        assertThat(storeFiles()).containsOnly(
                Map.entry("platform/agg/aggregated.yaml", "kind: A1\n---\nkind: A2\n---\nkind: B"));

        writer.apply(new StateStoreBatch(List.of(b), List.of(removal(a)), List.of()));
        assertThat(storeFiles()).containsOnly(Map.entry("platform/agg/aggregated.yaml", "kind: B"));

        writer.delete(List.of(removal(b)));
        assertThat(storeFiles()).isEmpty();
    }

    @Test
    void aggregatedYamlUsesTheDestinationsFilename() throws Exception {
        DestinationDirectory named = DestinationDirectory.aggregated("agg", "/", "all.yaml");
        writer.apply(batch(resource(named, "wp-a", "a", file("a.yaml", "kind: A"))));
        assertThat(storeFiles()).containsOnly(Map.entry("platform/all.yaml", "kind: A"));
    }

    @Test
    void canaryFilesGoUnderDependenciesAndResourcesForNestedDestinations() throws Exception {
        writer.apply(StateStoreBatch.destinationFiles(CanaryFiles.forDestination(nested)));
        writer.apply(StateStoreBatch.destinationFiles(CanaryFiles.forDestination(flat)));

        Map<String, String> files = storeFiles();
        assertThat(files).containsOnlyKeys(
                "platform/dev/dependencies/kratix-canary-namespace.yaml",
                "platform/dev/resources/kratix-canary-configmap.yaml",
                "platform/clusters/flat/kratix-canary-namespace.yaml",
                "platform/clusters/flat/kratix-canary-configmap.yaml");
        assertThat(files.get("platform/dev/resources/kratix-canary-configmap.yaml"))
                .contains("name: kratix-info").contains("namespace: kratix-worker-system")
                .contains("canary: this confirms your infrastructure is reading from Kratix state stores");
    }

    @Test
    void aBatchThatChangesNothingWritesNothing() throws Exception {
        StateStoreBatch batch = batch(resource(nested, "redis-a", "a", file("a.yaml", "a")));
        assertThat(writer.apply(batch).changed()).isTrue();

        WriteResult again = writer.apply(batch);

        assertThat(again.changed()).isFalse();
        assertThat(again.filesWritten()).isZero();
    }

    @Test
    void escapingPathsAreRefusedByNameAndNothingIsWritten() throws Exception {
        PlacementWrite good = resource(nested, "redis-a", "a", file("a.yaml", "a"));
        for (String bad : List.of("../../../outside.yaml", "/etc/passwd", "ok/../../../x.yaml", ".git/config")) {
            PlacementWrite evil = resource(flat, "evil", "e", file(bad, "pwned"));
            assertThatThrownBy(() -> writer.apply(batch(good, evil)))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("default/evil");
        }
        DestinationDirectory climbing = DestinationDirectory.nested("up", "../elsewhere");
        assertThatThrownBy(() -> writer.apply(batch(resource(climbing, "x", "x", file("a.yaml", "a")))))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("'../elsewhere'");

        assertThat(storeFiles()).isEmpty();
    }

    @Test
    void readFileReturnsWhatTheStoreHolds() throws Exception {
        writer.apply(batch(resource(flat, "redis-a", "a", file("a.yaml", "hello"))));

        assertThat(writer.readFile("clusters/flat/a.yaml")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(writer.readFile("clusters/flat/missing.yaml")).isEmpty();
    }

    @Test
    void permissionsCheckPassesWithGoodCredentials() throws Exception {
        writer.checkPermissions();
    }
}
