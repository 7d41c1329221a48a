package dev.pledge.statestore.s3;

import dev.pledge.api.Kratix;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StoreSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bucket as the planner sees it: each Destination's directory is listed once per round (key and ETag), and
 * "does the object hold this content" is answered by comparing the ETag with the content's MD5, without
 * downloading anything.
 */
final class BucketSnapshot implements StoreSnapshot {
    private static final int SEPARATE_LISTINGS = 16;

    private final BucketClient client;
    /** Listed directories and, for each, the ETag of every object below it by store path. */
    private final Map<String, Map<String, String>> listings = new HashMap<>();

    BucketSnapshot(BucketClient client) {
        this.client = client;
    }

    /**
     * A few directories are listed one by one (a single placement lists only its own directory, as upstream
     * does); a large batch lists their closest common directory once instead of making one call per placement.
     */
    @Override
    public void prefetch(Collection<String> directories) throws StateStoreException {
        if (directories.size() > SEPARATE_LISTINGS) {
            listing(commonDirectory(directories));
            return;
        }
        for (String directory : directories) {
            listing(directory);
        }
    }

    static String commonDirectory(Collection<String> directories) {
        String[] common = null;
        int length = 0;
        for (String directory : directories) {
            String[] parts = directory.isEmpty() ? new String[0] : directory.split("/");
            if (common == null) {
                common = parts;
                length = parts.length;
                continue;
            }
            int same = 0;
            while (same < Math.min(length, parts.length) && common[same].equals(parts[same])) {
                same++;
            }
            length = same;
        }
        return common == null ? "" : String.join("/", java.util.Arrays.copyOf(common, length));
    }

    @Override
    public Set<String> filesUnder(String directory) throws StateStoreException {
        Set<String> files = new TreeSet<>();
        for (String path : listing(directory).keySet()) {
            if (StateStoreLayout.isInside(directory, path) && !path.equals(directory)) {
                files.add(path);
            }
        }
        return files;
    }

    @Override
    public boolean holds(String path, byte[] content) throws StateStoreException {
        String etag = listing(parentOf(path)).get(path);
        return etag != null && etag.equalsIgnoreCase(Kratix.md5(content));
    }

    @Override
    public Optional<byte[]> read(String path) throws StateStoreException {
        if (!listing(parentOf(path)).containsKey(path)) {
            return Optional.empty();
        }
        return client.get(path);
    }

    /** The listing that covers the directory: an already listed ancestor, or a new listing of it. */
    private Map<String, String> listing(String directory) throws StateStoreException {
        for (Map.Entry<String, Map<String, String>> listed : listings.entrySet()) {
            if (StateStoreLayout.isInside(listed.getKey(), directory)) {
                return listed.getValue();
            }
        }
        Map<String, String> etags = client.list(directory);
        listings.put(directory, etags);
        return etags;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
