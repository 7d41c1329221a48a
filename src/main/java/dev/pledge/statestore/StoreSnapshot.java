package dev.pledge.statestore;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Read access to what a store holds at the start of a round, as the {@link BatchPlanner} needs it. */
public interface StoreSnapshot {

    /** Announces the directories the planner will look into, so remote stores can list each once. */
    default void prefetch(Collection<String> directories) throws StateStoreException {
    }

    /** Every file below the directory, recursively; paths relative to the store's root. */
    Set<String> filesUnder(String directory) throws StateStoreException;

    /** Whether the file exists with exactly this content. */
    boolean holds(String path, byte[] content) throws StateStoreException;

    Optional<byte[]> read(String path) throws StateStoreException;
}
