package dev.pledge.statestore;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The minimal difference between what a store holds and what a batch wants: files to put (new or changed
 * content) and files to delete. Paths are relative to the store's root.
 */
public final class ChangeSet {
    private final SortedMap<String, byte[]> puts = new TreeMap<>();
    private final SortedSet<String> deletes = new TreeSet<>();

    /** A put wins over an earlier delete of the same path. */
    void put(String path, byte[] content) {
        deletes.remove(path);
        puts.put(path, content);
    }

    /** A delete never undoes a put of the same batch: two placements may write the same path in mode none. */
    void delete(String path) {
        if (!puts.containsKey(path)) {
            deletes.add(path);
        }
    }

    public SortedMap<String, byte[]> puts() {
        return Collections.unmodifiableSortedMap(puts);
    }

    public SortedSet<String> deletes() {
        return Collections.unmodifiableSortedSet(deletes);
    }

    public boolean isEmpty() {
        return puts.isEmpty() && deletes.isEmpty();
    }

    public long bytesToWrite() {
        return puts.values().stream().mapToLong(c -> c.length).sum();
    }

    @Override
    public String toString() {
        return "ChangeSet[puts=" + puts.keySet() + ", deletes=" + deletes + "]";
    }
}
