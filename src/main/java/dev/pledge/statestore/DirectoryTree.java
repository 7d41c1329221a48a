package dev.pledge.statestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A store's files as a directory on local disk: the working tree of a Git clone or a plain directory. Store paths
 * are resolved under {@code root}, and a path that would leave it (also through a symbolic link) is refused.
 */
public final class DirectoryTree implements StoreSnapshot {
    private static final String GIT_DIRECTORY = ".git";

    private final Path root;

    public DirectoryTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Set<String> filesUnder(String directory) throws StateStoreException {
        Path start = resolve(directory);
        Set<String> files = new TreeSet<>();
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(GIT_DIRECTORY) && !p.startsWith(GIT_DIRECTORY + "/"))
                    .forEach(files::add);
        } catch (IOException e) {
            throw io("list", directory, e);
        }
        return files;
    }

    @Override
    public boolean holds(String path, byte[] content) throws StateStoreException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            throw io("read", path, e);
        }
    }

    @Override
    public Optional<byte[]> read(String path) throws StateStoreException {
        Path file = resolve(path);
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(file))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw io("read", path, e);
        }
    }

    /** Writes and deletes the files of a change set; directories left empty by deletes are removed. */
    public void apply(ChangeSet changes) throws StateStoreException {
        for (String path : changes.deletes()) {
            Path file = resolve(path);
            try {
                Files.deleteIfExists(file);
                pruneEmptyParents(file.getParent());
            } catch (IOException e) {
                throw io("delete", path, e);
            }
        }
        for (Map.Entry<String, byte[]> put : changes.puts().entrySet()) {
            Path file = resolve(put.getKey());
            try {
                Files.createDirectories(file.getParent());
                requireInside(file.getParent().toRealPath(), put.getKey());
                if (Files.isSymbolicLink(file)) {
                    Files.delete(file);
                }
                Files.write(file, put.getValue());
            } catch (IOException e) {
                throw io("write", put.getKey(), e);
            }
        }
    }

    private void pruneEmptyParents(Path directory) throws IOException {
        Path current = directory;
        while (current != null && current.startsWith(root) && !current.equals(root)) {
            try (Stream<Path> entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            } catch (NoSuchFileException e) {
                current = current.getParent();
                continue;
            }
            Files.delete(current);
            current = current.getParent();
        }
    }

    /** The local file of a store path; refuses paths that would leave the root. */
    public Path resolve(String path) throws UnsafePathException {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new UnsafePathException("path '" + path + "' would leave the state store's directory");
        }
        if (!Files.isDirectory(root)) {
            return resolved; // nothing below the root exists yet, so no link can redirect the path
        }
        Path firstExisting = resolved;
        while (firstExisting != null && !Files.exists(firstExisting, LinkOption.NOFOLLOW_LINKS)) {
            firstExisting = firstExisting.getParent();
        }
        if (firstExisting != null && !firstExisting.equals(resolved)) {
            try {
                requireInside(firstExisting.toRealPath(), path);
            } catch (IOException e) {
                throw new UnsafePathException("path '" + path + "' cannot be resolved: " + e.getMessage());
            }
        }
        return resolved;
    }

    private void requireInside(Path realDirectory, String path) throws UnsafePathException {
        try {
            if (!realDirectory.startsWith(root.toRealPath())) {
                throw new UnsafePathException("path '" + path + "' leads out of the state store's directory"
                        + " through a symbolic link");
            }
        } catch (IOException e) {
            throw new UnsafePathException("path '" + path + "' cannot be resolved: " + e.getMessage());
        }
    }

    private static StateStoreException io(String action, String path, IOException e) {
        return new StateStoreException(StateStoreException.Reason.IO, "cannot " + action + " '" + path + "': "
                + e.getClass().getSimpleName() + " " + e.getMessage());
    }
}
