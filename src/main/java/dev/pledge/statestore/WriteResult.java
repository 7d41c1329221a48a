package dev.pledge.statestore;

/**
 * What a batch changed. {@code versionId} is the commit SHA for Git and empty for stores without versions.
 */
public record WriteResult(boolean changed, String versionId, int filesWritten, int filesDeleted) {

    public static WriteResult unchanged(String versionId) {
        return new WriteResult(false, versionId == null ? "" : versionId, 0, 0);
    }

    public static WriteResult of(ChangeSet changes, String versionId) {
        return new WriteResult(!changes.isEmpty(), versionId == null ? "" : versionId, changes.puts().size(),
                changes.deletes().size());
    }
}
