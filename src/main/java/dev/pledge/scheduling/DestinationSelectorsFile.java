package dev.pledge.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow's {@code /kratix/metadata/destination-selectors.yaml}: a list of {@code {directory?, matchLabels}}
 * entries. An entry with a directory schedules that top-level directory of the output on its own; the entry
 * without one (at most one) adds to the default scheduling of the rest of the output.
 *
 * <p>{@link #parse} rejects, with a one-line message: anything but a list, an entry without matchLabels, two
 * entries for the same directory ({@code foo} and {@code foo/} are the same), two entries without a directory,
 * and nested or outside directories. Whether a directory exists is checked by {@link WorkloadGrouping}, which
 * sees the output.
 */
public record DestinationSelectorsFile(List<Entry> entries) {

    /** The file name inside the workflow's metadata directory. */
    public static final String FILE_NAME = "destination-selectors.yaml";

    public static final DestinationSelectorsFile NONE = new DestinationSelectorsFile(List.of());

    /**
     * One entry, its directory cleaned ({@code "."} when absent) and its position in the file.
     */
    public record Entry(int index, String directory, Map<String, String> matchLabels) {
        public Entry {
            matchLabels = Collections.unmodifiableMap(new LinkedHashMap<>(matchLabels));
        }

        public boolean isRoot() {
            return WorkloadGroup.ROOT.equals(directory);
        }
    }

    public DestinationSelectorsFile {
        entries = List.copyOf(entries);
    }

    /** The entry without a directory, if any. */
    public Optional<Entry> rootEntry() {
        return entries.stream().filter(Entry::isRoot).findFirst();
    }

    /** Entries naming a directory, in file order. */
    public List<Entry> directoryEntries() {
        return entries.stream().filter(entry -> !entry.isRoot()).toList();
    }

    /** Parses and checks the file's text; an empty file has no entries. */
    public static DestinationSelectorsFile parse(String text) {
        List<JsonNode> documents;
        try {
            documents = Yaml.documents(text);
        } catch (Yaml.YamlException e) {
            throw new InvalidSchedulingInput(e.getMessage());
        }
        if (documents.isEmpty()) {
            return NONE;
        }
        if (documents.size() > 1) {
            throw new InvalidSchedulingInput("not a list: found " + documents.size() + " YAML documents, expected one list");
        }
        JsonNode list = documents.get(0);
        if (!list.isArray()) {
            throw new InvalidSchedulingInput("not a list: expected a list of {directory, matchLabels} entries, found a "
                    + kind(list));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> indexByDirectory = new HashMap<>();
        for (int index = 0; index < list.size(); index++) {
            Entry entry = entry(index, list.get(index));
            Integer earlier = indexByDirectory.putIfAbsent(entry.directory(), index);
            if (earlier != null) {
                throw new InvalidSchedulingInput(entry.isRoot()
                        ? "entries with index " + earlier + " and " + index
                                + " both have no directory; only one entry may set the default scheduling"
                        : "entries with index " + earlier + " and " + index + " both name directory \""
                                + entry.directory() + "\"");
            }
            entries.add(entry);
        }
        return new DestinationSelectorsFile(entries);
    }

    private static Entry entry(int index, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidSchedulingInput("entry with index " + index + " is not a mapping but a " + kind(node));
        }
        String directory = directory(index, node.get("directory"));
        JsonNode labels = node.get("matchLabels");
        if (labels == null || labels.isNull() || (labels.isObject() && labels.isEmpty())) {
            throw new InvalidSchedulingInput("entry with index " + index + " has no matchLabels");
        }
        if (!labels.isObject()) {
            throw new InvalidSchedulingInput("entry with index " + index
                    + ": matchLabels must be a mapping of label keys to values, found a " + kind(labels));
        }
        Map<String, String> matchLabels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().isValueNode() || label.getValue().isNull()) {
                throw new InvalidSchedulingInput("entry with index " + index + ": the value of matchLabels \""
                        + label.getKey() + "\" must be a string");
            }
            matchLabels.put(label.getKey(), label.getValue().asText());
        }
        return new Entry(index, directory, matchLabels);
    }

    /** Cleans the directory as a path ({@code "."} when absent, no trailing slash) and insists on one level. */
    private static String directory(int index, JsonNode node) {
        if (node == null || node.isNull()) {
            return WorkloadGroup.ROOT;
        }
        String raw = node.asText();
        if (raw.startsWith("/")) {
            throw new InvalidSchedulingInput("entry with index " + index + ": directory \"" + raw
                    + "\" must be relative to the output, not absolute");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidSchedulingInput("entry with index " + index + ": directory \"" + raw
                        + "\" points outside the output");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.size() > 1) {
            throw new InvalidSchedulingInput("entry with index " + index + ": directory \"" + raw
                    + "\" is nested; sub-directories are not allowed, only top-level directories of the output");
        }
        return segments.isEmpty() ? WorkloadGroup.ROOT : segments.get(0);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "mapping";
            case ARRAY -> "list";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }
}
