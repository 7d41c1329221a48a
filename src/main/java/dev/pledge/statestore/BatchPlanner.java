package dev.pledge.statestore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.api.DestinationSpec.FilepathMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Turns a batch into the minimal {@link ChangeSet} against what a store holds. Shared by every kind of store, so
 * the layout rules (directory replacement, state files, aggregation) live only here and in
 * {@link StateStoreLayout}.
 */
public final class BatchPlanner {

    private static final byte[] DOCUMENT_SEPARATOR = "\n---\n".getBytes(StandardCharsets.UTF_8);

    private BatchPlanner() {
    }

    public static ChangeSet plan(StateStoreBatch batch, StoreSnapshot store) throws StateStoreException {
        StateStoreLayout.validate(batch);
        store.prefetch(directoriesTouched(batch));

        ChangeSet changes = new ChangeSet();
        // Removals first, so that a write in the same batch (another placement claiming a path) wins.
        for (PlacementRemoval removal : batch.removals()) {
            switch (removal.destination().mode()) {
                case nestedByMetadata -> store.filesUnder(
                        StateStoreLayout.placementDirectory(removal.destination(), removal.id()))
                        .forEach(changes::delete);
                case none -> removeFlat(removal, store, changes);
                case aggregatedYAML -> {
                    // handled per Destination below
                }
            }
        }
        for (PlacementWrite write : batch.writes()) {
            switch (write.destination().mode()) {
                case nestedByMetadata -> writeNested(write, store, changes);
                case none -> writeFlat(write, store, changes);
                case aggregatedYAML -> {
                    // handled per Destination below
                }
            }
        }
        writeAggregates(batch, store, changes);
        for (DestinationFile file : batch.files()) {
            String path = StateStoreLayout.within(file.destination(), file.file().path(), () -> file.file().path());
            putIfChanged(path, file.file().content(), store, changes);
        }
        return changes;
    }

    private static void writeNested(PlacementWrite write, StoreSnapshot store, ChangeSet changes)
            throws StateStoreException {
        String directory = StateStoreLayout.placementDirectory(write.destination(), write.id());
        Map<String, byte[]> wanted = StateStoreLayout.placementFiles(write);
        for (String existing : store.filesUnder(directory)) {
            if (!wanted.containsKey(existing)) {
                changes.delete(existing);
            }
        }
        for (Map.Entry<String, byte[]> file : wanted.entrySet()) {
            putIfChanged(file.getKey(), file.getValue(), store, changes);
        }
    }

    private static void writeFlat(PlacementWrite write, StoreSnapshot store, ChangeSet changes)
            throws StateStoreException {
        String stateFile = StateStoreLayout.stateFile(write.destination(), write.id());
        Map<String, byte[]> wanted = StateStoreLayout.placementFiles(write);
        for (String previous : previousFiles(write.destination(), stateFile, store)) {
            if (!wanted.containsKey(previous)) {
                changes.delete(previous);
            }
        }
        for (Map.Entry<String, byte[]> file : wanted.entrySet()) {
            putIfChanged(file.getKey(), file.getValue(), store, changes);
        }
        String root = StateStoreLayout.destinationRoot(write.destination());
        List<String> relative = wanted.keySet().stream()
                .map(p -> root.isEmpty() ? p : p.substring(root.length() + 1)).toList();
        putIfChanged(stateFile, stateFileContent(relative), store, changes);
    }

    private static void removeFlat(PlacementRemoval removal, StoreSnapshot store, ChangeSet changes)
            throws StateStoreException {
        String stateFile = StateStoreLayout.stateFile(removal.destination(), removal.id());
        previousFiles(removal.destination(), stateFile, store).forEach(changes::delete);
        if (store.read(stateFile).isPresent()) {
            changes.delete(stateFile);
        }
    }

    private static void writeAggregates(StateStoreBatch batch, StoreSnapshot store, ChangeSet changes)
            throws StateStoreException {
        Map<String, List<PlacementWrite>> writesPerFile = new LinkedHashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        for (PlacementRemoval removal : batch.removals()) {
            if (removal.destination().mode() == FilepathMode.aggregatedYAML) {
                touched.add(StateStoreLayout.aggregatedFile(removal.destination()));
            }
        }
        for (PlacementWrite write : batch.writes()) {
            if (write.destination().mode() == FilepathMode.aggregatedYAML) {
                String file = StateStoreLayout.aggregatedFile(write.destination());
                touched.add(file);
                writesPerFile.computeIfAbsent(file, f -> new ArrayList<>()).add(write);
            }
        }
        for (String file : touched) {
            List<PlacementWrite> writes = writesPerFile.getOrDefault(file, List.of());
            if (writes.isEmpty()) {
                if (store.read(file).isPresent()) {
                    changes.delete(file);
                }
            } else {
                putIfChanged(file, aggregate(writes), store, changes);
            }
        }
    }

    /** Every workload of every placement, placements sorted by name as upstream does, joined as YAML documents. */
    static byte[] aggregate(List<PlacementWrite> writes) {
        List<PlacementWrite> sorted = new ArrayList<>(writes);
        sorted.sort(Comparator.comparing((PlacementWrite w) -> w.id().name()).thenComparing(w -> w.id().namespace()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (PlacementWrite write : sorted) {
            for (StoreFile file : write.files()) {
                if (!first) {
                    out.writeBytes(DOCUMENT_SEPARATOR);
                }
                out.writeBytes(file.content());
                first = false;
            }
        }
        return out.toByteArray();
    }

    private static void putIfChanged(String path, byte[] content, StoreSnapshot store, ChangeSet changes)
            throws StateStoreException {
        if (!store.holds(path, content)) {
            changes.put(path, content);
        }
    }

    /**
     * The store paths of the files a {@code none}-mode state file lists. Entries are relative to the Destination's
     * directory, as upstream writes them; an entry that could leave that directory is ignored, never deleted.
     */
    private static List<String> previousFiles(DestinationDirectory destination, String stateFile, StoreSnapshot store)
            throws StateStoreException {
        Optional<byte[]> content = store.read(stateFile);
        if (content.isEmpty()) {
            return List.of();
        }
        List<JsonNode> parsed;
        try {
            parsed = dev.pledge.yaml.Yaml.documents(new String(content.get(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new StateStoreException(StateStoreException.Reason.IO, "state file '" + stateFile
                    + "' is not valid YAML; fix or delete it");
        }
        List<String> files = new ArrayList<>();
        if (parsed.size() == 1 && parsed.get(0).path("files").isArray()) {
            for (var entry : parsed.get(0).path("files")) {
                if (entry.isTextual()) {
                    String path = entry.asText();
                    try {
                        files.add(StateStoreLayout.within(destination, path, () -> path));
                    } catch (UnsafePathException e) {
                        // a hand-edited or hostile state file: never delete outside the Destination
                    }
                }
            }
        }
        return files;
    }

    static byte[] stateFileContent(List<String> files) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(Map.of("files", new ArrayList<>(files))).getBytes(StandardCharsets.UTF_8);
    }

    /** The directories the plan will look into: a nested placement's own directory, else the Destination's. */
    private static Set<String> directoriesTouched(StateStoreBatch batch) throws UnsafePathException {
        Set<String> directories = new LinkedHashSet<>();
        for (PlacementWrite write : batch.writes()) {
            directories.add(write.destination().mode() == FilepathMode.nestedByMetadata
                    ? StateStoreLayout.placementDirectory(write.destination(), write.id())
                    : StateStoreLayout.destinationRoot(write.destination()));
        }
        for (PlacementRemoval removal : batch.removals()) {
            directories.add(removal.destination().mode() == FilepathMode.nestedByMetadata
                    ? StateStoreLayout.placementDirectory(removal.destination(), removal.id())
                    : StateStoreLayout.destinationRoot(removal.destination()));
        }
        for (DestinationFile file : batch.files()) {
            directories.add(StateStoreLayout.destinationRoot(file.destination()));
        }
        return directories;
    }
}
