package dev.pledge.statestore.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where local clones live: one directory per operator process, {@code <tmp>/pledge-git-clones/<pid>}, each clone a
 * temporary directory inside it. A writer deletes its clone when it closes, but a process killed with
 * {@code kill -9} cannot; so the first clone a process makes sweeps the directories of processes that are gone,
 * and empties its own (in a container the restarted operator has the same pid as the one that was killed).
 */
final class CloneDirectories {
    static final String ROOT_NAME = "pledge-git-clones";

    private final Path root;
    private final long pid;
    private Path own;

    CloneDirectories(Path root, long pid) {
        this.root = root;
        this.pid = pid;
    }

    private static final CloneDirectories PROCESS = new CloneDirectories(
            Path.of(System.getProperty("java.io.tmpdir"), ROOT_NAME), ProcessHandle.current().pid());

    /** The directories of this process. */
    static CloneDirectories ofThisProcess() {
        return PROCESS;
    }

    /** A new, empty directory for one clone. */
    synchronized Path newClone() throws IOException {
        if (own == null) {
            Path mine = root.resolve(Long.toString(pid));
            sweep(mine);
            own = Files.createDirectories(mine);
        }
        return Files.createTempDirectory(own, "clone-");
    }

    /** Removes what earlier processes left: their directories if they are gone, and anything under ours. */
    private void sweep(Path mine) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (entry.equals(mine) || isStale(entry.getFileName().toString())) {
                    deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            // best effort: a directory we cannot list or delete costs disk space, not correctness
        }
    }

    private static boolean isStale(String name) {
        try {
            return ProcessHandle.of(Long.parseLong(name)).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left for the next sweep
                }
            });
        } catch (IOException e) {
            // left for the next sweep
        }
    }
}
