package dev.pledge.scheduling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Documents of one Work that are scheduled together, and the selectors that apply to them.
 *
 * @param id        md5 hex of the directory, as upstream (the root's is {@value #ROOT_ID})
 * @param directory {@value #ROOT} for the root group, else one top-level directory of the output
 * @param files     paths relative to the output root (a directory group's paths start with its directory)
 * @param selectors every selector that applies, with its source; {@link EffectiveSelector#resolve} merges them
 */
public record WorkloadGroup(String id, String directory, List<String> files, List<SourcedSelector> selectors) {

    public static final String ROOT = ".";
    public static final String ROOT_ID = "5058f1af8388633f609cadb75a75dc9d";

    public WorkloadGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(directory, "directory");
        files = List.copyOf(files);
        selectors = List.copyOf(selectors);
    }

    /** A group for the directory, its id derived from it. */
    public static WorkloadGroup of(String directory, List<String> files, List<SourcedSelector> selectors) {
        return new WorkloadGroup(idOf(directory), directory, files, selectors);
    }

    /** The group id of a directory: md5 hex of its name. */
    public static String idOf(String directory) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(directory.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    public EffectiveSelector effectiveSelector() {
        return EffectiveSelector.resolve(selectors);
    }
}
