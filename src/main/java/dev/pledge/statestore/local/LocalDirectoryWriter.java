package dev.pledge.statestore.local;

import dev.pledge.statestore.BatchPlanner;
import dev.pledge.statestore.ChangeSet;
import dev.pledge.statestore.DirectoryTree;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Writes placements as files in a directory: what a GitOps agent would see, without a server. */
public final class LocalDirectoryWriter implements StateStoreWriter {
    private final String store;
    private final DirectoryTree tree;
    private final ReentrantLock lock = new ReentrantLock();

    LocalDirectoryWriter(String store, DirectoryTree tree) {
        this.store = store;
        this.tree = tree;
    }

    @Override
    public WriteResult apply(StateStoreBatch batch) throws StateStoreException {
        lock.lock();
        try {
            ChangeSet changes = BatchPlanner.plan(batch, tree);
            if (changes.isEmpty()) {
                return WriteResult.unchanged("");
            }
            tree.apply(changes);
            return WriteResult.of(changes, "");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) throws StateStoreException {
        return tree.read(path);
    }

    @Override
    public void checkPermissions() throws StateStoreException {
        try {
            Files.createDirectories(tree.root());
            Files.delete(Files.createTempFile(tree.root(), ".kratix-write-permission-check", ""));
        } catch (IOException e) {
            throw new StateStoreException(StateStoreException.Reason.IO, store + ": cannot write to directory "
                    + tree.root() + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        // nothing held open
    }
}
