package dev.pledge.statestore;

import dev.pledge.api.DestinationSpec.FilepathMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Upstream Kratix's file layout, as pure path arithmetic (kratix-reference §3.8.1). All results are relative to
 * the store's root, use {@code /}, and are proven to stay inside their Destination's directory: every path that is
 * absolute, climbs with {@code ..}, or names {@code .git} is refused with an error naming it.
 */
public final class StateStoreLayout {

    /** Directory of the {@code none} mode's state files, inside the Destination's directory. */
    public static final String STATE_DIRECTORY = ".kratix";
    private static final int GROUP_ID_PREFIX = 5;

    private StateStoreLayout() {
    }

    /**
     * The Destination's directory relative to the store root; empty for the root itself ({@code .} or {@code /},
     * as upstream). Any other absolute path is refused rather than quietly read as relative.
     */
    public static String destinationRoot(DestinationDirectory destination) throws UnsafePathException {
        String path = destination.path().strip();
        if (!path.isEmpty() && path.chars().allMatch(c -> c == '/')) {
            path = "";
        }
        return normalize(path, true, () -> "path '" + destination.path() + "' of Destination '"
                + destination.name() + "'");
    }

    /** A store's {@code spec.path} (the prefix inside the repository or bucket); empty for none. */
    public static String storeRoot(String specPath) throws UnsafePathException {
        String path = specPath == null ? "" : specPath.strip();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        String shown = path;
        return normalize(path, true, () -> "state store path '" + shown + "'");
    }

    /** The directory a placement owns in {@code nestedByMetadata} mode. */
    public static String placementDirectory(DestinationDirectory destination, PlacementId id)
            throws UnsafePathException {
        List<String> segments = new ArrayList<>();
        if (id.isResource()) {
            segments.add("resources");
            segments.add(segment(id.namespace(), "namespace", id));
            segments.add(segment(id.promise(), "promise", id));
            segments.add(segment(id.resource(), "resource", id));
        } else {
            segments.add("dependencies");
            segments.add(segment(id.promise(), "promise", id));
        }
        if (id.pipeline() != null && !id.pipeline().isEmpty()) {
            segments.add(segment(id.pipeline(), "pipeline", id));
        }
        String group = id.groupId().length() > GROUP_ID_PREFIX ? id.groupId().substring(0, GROUP_ID_PREFIX)
                : id.groupId();
        segments.add(segment(group, "workload group id", id));
        return join(destinationRoot(destination), String.join("/", segments));
    }

    /** The {@code none} mode's record of the files a placement wrote. */
    public static String stateFile(DestinationDirectory destination, PlacementId id) throws UnsafePathException {
        String file = segment(id.namespace(), "namespace", id) + "-" + segment(id.name(), "name", id) + ".yaml";
        return join(destinationRoot(destination), STATE_DIRECTORY + "/" + file);
    }

    /** The {@code aggregatedYAML} mode's single file. */
    public static String aggregatedFile(DestinationDirectory destination) throws UnsafePathException {
        String name = destination.aggregatedFilename();
        return within(destination, name, () -> "filepath.filename '" + name + "' of Destination '"
                + destination.name() + "'");
    }

    /**
     * Where each file of a placement lands, for the modes that write files one by one ({@code nestedByMetadata}
     * and {@code none}); keys are store paths, in the placement's order.
     */
    public static Map<String, byte[]> placementFiles(PlacementWrite write) throws UnsafePathException {
        String base = switch (write.destination().mode()) {
            case nestedByMetadata -> placementDirectory(write.destination(), write.id());
            case none, aggregatedYAML -> destinationRoot(write.destination());
        };
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (StoreFile file : write.files()) {
            String relative = normalize(file.path(), false, () -> "workload path '" + file.path()
                    + "' of placement " + write.id().displayName() + " (Destination '"
                    + write.destination().name() + "')");
            if (write.destination().mode() == FilepathMode.none) {
                refuseReserved(relative, write);
            }
            files.put(join(base, relative), file.content());
        }
        return files;
    }

    /**
     * In the {@code none} mode workloads land at the Destination's root, beside files only Pledge writes: the
     * canaries and the {@code .kratix} state files. A workload may replace neither.
     */
    private static void refuseReserved(String relative, PlacementWrite write) throws UnsafePathException {
        String first = relative.split("/", 2)[0];
        if (first.equalsIgnoreCase(STATE_DIRECTORY) || relative.equalsIgnoreCase(CanaryFiles.NAMESPACE_FILE)
                || relative.equalsIgnoreCase(CanaryFiles.CONFIGMAP_FILE)) {
            throw new UnsafePathException("workload path '" + relative + "' of placement "
                    + write.id().displayName() + " (Destination '" + write.destination().name()
                    + "') is reserved for Pledge's " + (first.equalsIgnoreCase(STATE_DIRECTORY) ? "state files"
                            : "canary files") + "; choose another filepath");
        }
    }

    /** A path inside the Destination's directory; refuses anything that would leave it. */
    public static String within(DestinationDirectory destination, String relative, Supplier<String> what)
            throws UnsafePathException {
        return join(destinationRoot(destination), normalize(relative, false, what));
    }

    /** Whether a store path lies inside the directory (the empty directory is the store's root). */
    public static boolean isInside(String directory, String path) {
        return directory.isEmpty() || path.equals(directory) || path.startsWith(directory + "/");
    }

    public static String join(String directory, String relative) {
        if (directory.isEmpty()) {
            return relative;
        }
        return relative.isEmpty() ? directory : directory + "/" + relative;
    }

    /** Checks every path of a batch without touching a store, so one caller's bad path fails only that caller. */
    public static void validate(StateStoreBatch batch) throws UnsafePathException {
        for (PlacementWrite write : batch.writes()) {
            placementFiles(write);
            if (write.destination().mode() == FilepathMode.aggregatedYAML) {
                aggregatedFile(write.destination());
            }
        }
        for (PlacementRemoval removal : batch.removals()) {
            destinationRoot(removal.destination());
            if (removal.destination().mode() == FilepathMode.nestedByMetadata) {
                placementDirectory(removal.destination(), removal.id());
            }
        }
        for (DestinationFile file : batch.files()) {
            within(file.destination(), file.file().path(), () -> "file '" + file.file().path()
                    + "' of Destination '" + file.destination().name() + "'");
        }
    }

    private static String segment(String value, String field, PlacementId id) throws UnsafePathException {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..") || value.contains("/")
                || value.contains("\\") || value.indexOf('\0') >= 0) {
            throw new UnsafePathException(field + " '" + value + "' of placement " + id.namespace() + "/" + id.name()
                    + " is not a single path segment");
        }
        return value;
    }

    private static String normalize(String raw, boolean emptyAllowed, Supplier<String> what)
            throws UnsafePathException {
        if (raw == null || raw.isBlank()) {
            if (emptyAllowed) {
                return "";
            }
            throw new UnsafePathException(what.get() + " is empty");
        }
        if (raw.startsWith("/") || raw.matches("^[A-Za-z]:.*")) {
            throw new UnsafePathException(what.get() + " is absolute; it must be relative to its directory");
        }
        if (raw.indexOf('\\') >= 0 || raw.indexOf('\0') >= 0) {
            throw new UnsafePathException(what.get() + " contains a backslash or NUL character");
        }
        String nameProblem = FileNames.problem(raw);
        if (nameProblem != null) {
            throw new UnsafePathException(FileNames.printable(what.get()) + " " + nameProblem);
        }
        List<String> kept = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafePathException(what.get() + " contains '..' and could escape its directory");
            }
            if (part.equalsIgnoreCase(".git")) {
                throw new UnsafePathException(what.get() + " names a .git directory");
            }
            kept.add(part);
        }
        if (kept.isEmpty() && !emptyAllowed) {
            throw new UnsafePathException(what.get() + " names the directory itself, not a file");
        }
        return String.join("/", kept);
    }
}
