package dev.pledge.scheduling;

import dev.pledge.api.Kratix;
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
        return Kratix.md5(directory);
    }

    public EffectiveSelector effectiveSelector() {
        return EffectiveSelector.resolve(selectors);
    }
}
