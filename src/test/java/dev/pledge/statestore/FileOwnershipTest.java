package dev.pledge.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-owner rule between placements that want the same paths, without a store. */
class FileOwnershipTest {
    static final String ROOT_GROUP = "5058f1af8388633f609cadb75a75dc9d";
    static final Instant EARLY = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant LATE = Instant.parse("2026-12-01T11:00:00Z");

    final DestinationDirectory nested = DestinationDirectory.nested("worker-1", "worker-1");
    final DestinationDirectory flat = DestinationDirectory.flat("flat", "flat");

    @Test
    void aWorkInAnotherNamespaceNamingAPromiseCannotTakeItsDependencyDirectory() {
        PlacementClaim owner = staticDeps("kratix-platform-system", "p00.worker-1-5058f", true, EARLY);
        PlacementClaim intruder = staticDeps("intruder", "fake.worker-1-5058f", false, LATE);

        var conflict = FileOwnership.conflict(intruder, List.of(owner));

        assertThat(conflict).hasValueSatisfying(c -> {
            assertThat(c.path()).isEqualTo("worker-1/dependencies/p00/5058f");
            assertThat(c.owner()).isEqualTo(owner);
            assertThat(c.describe(intruder)).contains("WorkPlacement kratix-platform-system/p00.worker-1-5058f")
                    .contains("Promise 'p00'").contains("WorkPlacement intruder/fake.worker-1-5058f wrote nothing");
        });
        assertThat(FileOwnership.conflict(owner, List.of(intruder))).isEmpty();
    }

    @Test
    void thePlacementWhoseFilesAreInTheStoreKeepsThemEvenWhenAnotherIsOlder() {
        PlacementClaim written = staticDeps("a", "late", true, LATE);
        PlacementClaim older = staticDeps("b", "early", false, EARLY);

        assertThat(FileOwnership.conflict(older, List.of(written))).isPresent();
        assertThat(FileOwnership.conflict(written, List.of(older))).isEmpty();
    }

    @Test
    void betweenPlacementsThatHaveNotWrittenTheOldestThenTheFirstByNameOwns() {
        PlacementClaim older = staticDeps("b", "x", false, EARLY);
        PlacementClaim younger = staticDeps("a", "x", false, LATE);
        PlacementClaim sameTimeLaterName = staticDeps("c", "x", false, EARLY);

        assertThat(FileOwnership.conflict(younger, List.of(older))).isPresent();
        assertThat(FileOwnership.conflict(sameTimeLaterName, List.of(older))).isPresent();
        assertThat(FileOwnership.conflict(older, List.of(younger, sameTimeLaterName))).isEmpty();
    }

    @Test
    void aDirectoryInsideAnotherPlacementsDirectoryOverlapsIt() {
        // A pipeline named like the static group's prefix would nest inside the static dependencies' directory.
        PlacementClaim statics = staticDeps("kratix-platform-system", "p00", true, EARLY);
        PlacementClaim inside = new PlacementClaim(nested, PlacementId.dependency("intruder", "n", "p00", "5058f",
                ROOT_GROUP), List.of("x.yaml"), false, LATE);

        assertThat(FileOwnership.conflict(inside, List.of(statics)))
                .hasValueSatisfying(c -> assertThat(c.path()).isEqualTo("worker-1/dependencies/p00/5058f"));
    }

    @Test
    void inModeNoneEachFileHasOneOwnerAndOtherFilesAreFree() {
        PlacementClaim first = flatClaim("first", EARLY, "app.yaml", "shared/config.yaml");
        PlacementClaim clash = flatClaim("clash", LATE, "./shared//config.yaml");
        PlacementClaim apart = flatClaim("apart", LATE, "other.yaml");

        assertThat(FileOwnership.conflict(clash, List.of(first)))
                .hasValueSatisfying(c -> assertThat(c.path()).isEqualTo("flat/shared/config.yaml"));
        assertThat(FileOwnership.conflict(apart, List.of(first))).isEmpty();
    }

    @Test
    void placementsOnOtherDestinationsOrTheSamePlacementNeverConflict() {
        PlacementClaim here = staticDeps("ns", "p", false, LATE);
        PlacementClaim elsewhere = new PlacementClaim(DestinationDirectory.nested("worker-2", "worker-2"),
                here.id(), List.of(), true, EARLY);
        PlacementClaim itself = new PlacementClaim(nested, here.id(), List.of(), true, EARLY);

        assertThat(FileOwnership.conflict(here, List.of(elsewhere, itself))).isEmpty();
    }

    @Test
    void anAggregatedFileBelongsToNoSinglePlacement() {
        DestinationDirectory aggregated = DestinationDirectory.aggregated("agg", "agg", null);
        PlacementClaim a = new PlacementClaim(aggregated, id("a"), List.of("x.yaml"), true, EARLY);
        PlacementClaim b = new PlacementClaim(aggregated, id("b"), List.of("x.yaml"), false, LATE);

        assertThat(FileOwnership.conflict(b, List.of(a))).isEmpty();
    }

    @Test
    void removingAPlacementKeepsADirectoryAnotherPlacementHasWritten() {
        PlacementClaim owner = staticDeps("kratix-platform-system", "p00", true, EARLY);
        PlacementClaim refused = staticDeps("intruder", "fake", false, LATE);

        assertThat(FileOwnership.sharedWithWrittenPlacement(refused, List.of(owner))).isPresent();
        assertThat(FileOwnership.sharedWithWrittenPlacement(owner, List.of(refused)))
                .as("a refused placement holds nothing, so the owner's removal deletes its own directory").isEmpty();
    }

    @Test
    void inModeNoneWorkloadsMayNotWriteCanaryOrStateFiles() {
        for (String reserved : List.of(".kratix/kratix-platform-system-other.yaml", ".KRATIX/x.yaml",
                "kratix-canary-namespace.yaml", "./kratix-canary-configmap.yaml")) {
            PlacementWrite write = new PlacementWrite(flat, id("hostile"), List.of(StoreFile.text(reserved, "x")));
            assertThatThrownBy(() -> StateStoreLayout.placementFiles(write)).as(reserved)
                    .isInstanceOf(UnsafePathException.class).hasMessageContaining("is reserved for Pledge's");
        }
        PlacementWrite nestedOk = new PlacementWrite(nested, id("fine"),
                List.of(StoreFile.text(".kratix/x.yaml", "x"), StoreFile.text("kratix-canary-namespace.yaml", "y")));
        assertThat(catchPaths(nestedOk)).as("inside a nested placement's own directory these names are harmless")
                .hasSize(2);
    }

    private static java.util.Map<String, byte[]> catchPaths(PlacementWrite write) {
        try {
            return StateStoreLayout.placementFiles(write);
        } catch (UnsafePathException e) {
            throw new AssertionError(e);
        }
    }

    private PlacementClaim staticDeps(String namespace, String name, boolean written, Instant created) {
        return new PlacementClaim(nested, PlacementId.dependency(namespace, name, "p00", null, ROOT_GROUP),
                List.of("static/p00-dependencies.yaml"), written, created);
    }

    private PlacementClaim flatClaim(String name, Instant created, String... paths) {
        return new PlacementClaim(flat, id(name), List.of(paths), false, created);
    }

    private static PlacementId id(String name) {
        return PlacementId.resource("default", name, "redis", name, "instance-configure", ROOT_GROUP);
    }
}
