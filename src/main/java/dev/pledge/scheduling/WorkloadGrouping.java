package dev.pledge.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Splits what a workflow wrote to {@code /kratix/output} into workload groups, following its
 * destination-selectors.yaml.
 *
 * <ul>
 *   <li>Each entry with a directory becomes a group of every file below that top-level directory, scheduled by that
 *       entry's labels <em>only</em>: the Promise's selectors and the defaults are ignored for it.</li>
 *   <li>Every other file forms the root group ({@value WorkloadGroup#ROOT}), scheduled by the entry without a
 *       directory (if any) together with the {@link SchedulingDefaults}. It exists only when it has a file.</li>
 * </ul>
 * Directory groups come first, in file order, then the root group, as upstream lists them.
 */
public final class WorkloadGrouping {

    private WorkloadGrouping() {
    }

    /**
     * @param work        which workflow produced the output; not {@link WorkKind#DEPENDENCIES}
     * @param outputFiles every file of the output, relative to it, {@code /}-separated
     * @throws InvalidSchedulingInput when an entry names a directory that holds no file of the output
     */
    public static List<WorkloadGroup> group(WorkKind work, List<String> outputFiles, DestinationSelectorsFile selectors,
            SchedulingDefaults defaults) {
        SelectorSource source = work.workflowSource()
                .orElseThrow(() -> new IllegalArgumentException(work + " is not the output of a workflow"));
        Map<String, TreeSet<String>> filesByDirectory = new LinkedHashMap<>();
        for (DestinationSelectorsFile.Entry entry : selectors.directoryEntries()) {
            filesByDirectory.put(entry.directory(), new TreeSet<>());
        }
        TreeSet<String> rootFiles = new TreeSet<>();
        for (String file : outputFiles) {
            TreeSet<String> directoryFiles = filesByDirectory.get(topLevelDirectory(file));
            (directoryFiles == null ? rootFiles : directoryFiles).add(file);
        }

        List<WorkloadGroup> groups = new ArrayList<>();
        for (DestinationSelectorsFile.Entry entry : selectors.directoryEntries()) {
            TreeSet<String> files = filesByDirectory.get(entry.directory());
            if (files.isEmpty()) {
                throw new InvalidSchedulingInput("entry with index " + entry.index() + ": directory \""
                        + entry.directory() + "\" does not exist in the output (no file below it)");
            }
            groups.add(WorkloadGroup.of(entry.directory(), List.copyOf(files),
                    List.of(new SourcedSelector(entry.matchLabels(), source))));
        }
        if (!rootFiles.isEmpty()) {
            List<SourcedSelector> rootSelectors = new ArrayList<>();
            selectors.rootEntry().ifPresent(entry -> rootSelectors.add(new SourcedSelector(entry.matchLabels(), source)));
            rootSelectors.addAll(defaults.forRootOf(work));
            groups.add(WorkloadGroup.of(WorkloadGroup.ROOT, List.copyOf(rootFiles), rootSelectors));
        }
        return groups;
    }

    /** The single group of a Promise's static dependencies: one file, the Promise's own selectors. */
    public static WorkloadGroup dependencies(String file, SchedulingDefaults defaults) {
        return WorkloadGroup.of(WorkloadGroup.ROOT, List.of(file), defaults.forRootOf(WorkKind.DEPENDENCIES));
    }

    private static String topLevelDirectory(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? WorkloadGroup.ROOT : file.substring(0, slash);
    }
}
