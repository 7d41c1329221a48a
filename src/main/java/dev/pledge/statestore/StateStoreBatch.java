package dev.pledge.statestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one round of writing does to one store: placements to write, placements to remove, and files owned
 * by Destinations (canaries). At most one operation per placement: {@link #merge} keeps the newest.
 *
 * <p>For a Destination in {@code aggregatedYAML} mode the batch's writes for that Destination are the whole
 * content of its aggregated file, so the caller passes every live placement of that Destination.
 */
public record StateStoreBatch(List<PlacementWrite> writes, List<PlacementRemoval> removals,
        List<DestinationFile> files) {

    public StateStoreBatch {
        writes = List.copyOf(writes);
        removals = List.copyOf(removals);
        files = List.copyOf(files);
    }

    public static StateStoreBatch writing(List<PlacementWrite> writes) {
        return new StateStoreBatch(writes, List.of(), List.of());
    }

    public static StateStoreBatch removing(List<PlacementRemoval> removals) {
        return new StateStoreBatch(List.of(), removals, List.of());
    }

    public static StateStoreBatch destinationFiles(List<DestinationFile> files) {
        return new StateStoreBatch(List.of(), List.of(), files);
    }

    public boolean isEmpty() {
        return writes.isEmpty() && removals.isEmpty() && files.isEmpty();
    }

    public int size() {
        return writes.size() + removals.size() + files.size();
    }

    /** Coalesces batches in arrival order; a later operation on a placement replaces an earlier one. */
    public static StateStoreBatch merge(Collection<StateStoreBatch> batches) {
        Map<String, Object> perPlacement = new LinkedHashMap<>();
        Map<String, DestinationFile> perFile = new LinkedHashMap<>();
        for (StateStoreBatch batch : batches) {
            for (PlacementRemoval removal : batch.removals) {
                String key = key(removal.destination(), removal.id());
                perPlacement.remove(key);
                perPlacement.put(key, removal);
            }
            for (PlacementWrite write : batch.writes) {
                String key = key(write.destination(), write.id());
                perPlacement.remove(key);
                perPlacement.put(key, write);
            }
            for (DestinationFile file : batch.files) {
                perFile.put(file.destination().name() + "|" + file.file().path(), file);
            }
        }
        List<PlacementWrite> writes = new ArrayList<>();
        List<PlacementRemoval> removals = new ArrayList<>();
        for (Object operation : perPlacement.values()) {
            if (operation instanceof PlacementWrite write) {
                writes.add(write);
            } else {
                removals.add((PlacementRemoval) operation);
            }
        }
        return new StateStoreBatch(writes, removals, new ArrayList<>(perFile.values()));
    }

    /** Names of the placements in this batch, for commit messages. */
    public List<String> placementNames() {
        List<String> names = new ArrayList<>();
        writes.forEach(w -> names.add(w.id().displayName()));
        removals.forEach(r -> names.add(r.id().displayName()));
        if (!files.isEmpty()) {
            names.add(CanaryFiles.PLACEMENT_NAME);
        }
        return names;
    }

    /** Per Destination directory: a placement moving to a new path is removed from the old one and written anew. */
    private static String key(DestinationDirectory destination, PlacementId id) {
        return destination.name() + "|" + destination.path() + "|" + id.namespace() + "/" + id.name();
    }
}
