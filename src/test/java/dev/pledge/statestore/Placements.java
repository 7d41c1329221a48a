package dev.pledge.statestore;

import java.util.Arrays;
import java.util.List;

/** Builders that keep the tests' placements short. */
public final class Placements {
    private Placements() {
    }

    public static StoreFile file(String path, String content) {
        return StoreFile.text(path, content);
    }

    public static PlacementWrite resource(DestinationDirectory destination, String name, String resource,
            StoreFile... files) {
        return new PlacementWrite(destination, PlacementId.resource("default", name, "redis", resource,
                "instance-configure", "5058f1af8388633f609cadb75a75dc9d"), Arrays.asList(files));
    }

    public static PlacementWrite dependency(DestinationDirectory destination, String name, StoreFile... files) {
        return new PlacementWrite(destination, PlacementId.dependency("kratix-platform-system", name, "redis",
                "promise-configure", "9f86d081884c7d659a2feaa0c55ad015"), Arrays.asList(files));
    }

    public static PlacementRemoval removal(PlacementWrite write) {
        return new PlacementRemoval(write.destination(), write.id());
    }

    public static StateStoreBatch batch(PlacementWrite... writes) {
        return StateStoreBatch.writing(List.of(writes));
    }

    public static String yaml(String kind, String name) {
        return "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
    }
}
