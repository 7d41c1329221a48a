package dev.pledge.statestore;

import java.util.List;
import java.util.Optional;

/**
 * Writes placements into one state store (a Git repository, an S3 bucket, a directory...). One instance serves
 * one store; calls on it are serialized by the implementation. Every path is relative to the store's root
 * directory (its {@code spec.path}) and uses {@code /}.
 */
public interface StateStoreWriter extends AutoCloseable {

    /**
     * Applies a batch in one round: one commit and push for Git, one round of puts and deletes for S3. Writes
     * nothing and returns {@link WriteResult#unchanged} when the store already holds exactly this content.
     */
    WriteResult apply(StateStoreBatch batch) throws StateStoreException;

    default WriteResult write(List<PlacementWrite> placements) throws StateStoreException {
        return apply(StateStoreBatch.writing(placements));
    }

    default WriteResult delete(List<PlacementRemoval> placements) throws StateStoreException {
        return apply(StateStoreBatch.removing(placements));
    }

    /** The file's content as the store holds it now, or empty when there is no such file. */
    Optional<byte[]> readFile(String path) throws StateStoreException;

    /** Proves the credentials can read and write the store; throws with a one-line reason otherwise. */
    void checkPermissions() throws StateStoreException;

    @Override
    void close();
}
