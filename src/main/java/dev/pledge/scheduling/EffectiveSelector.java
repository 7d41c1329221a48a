package dev.pledge.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one label map a workload group is scheduled by, after merging every selector that applies to it.
 *
 * <p>Matching is equality-based: a Destination matches when it carries every pair; extra Destination labels do not
 * matter. The empty selector is special: it matches every Destination except those with {@code strictMatchLabels},
 * whatever labels they have (our seed's rule; upstream still sends such work to an unlabelled strict Destination).
 */
public record EffectiveSelector(SortedMap<String, String> matchLabels) {

    public static final EffectiveSelector NONE = new EffectiveSelector(new TreeMap<>());

    /** Earlier sources first; within one source, the order the selectors were given in. */
    private static final Comparator<SourcedSelector> PRECEDENCE = Comparator.comparing(SourcedSelector::source);

    public EffectiveSelector {
        matchLabels = Collections.unmodifiableSortedMap(new TreeMap<>(matchLabels));
    }

    public static EffectiveSelector of(Map<String, String> matchLabels) {
        return new EffectiveSelector(new TreeMap<>(matchLabels == null ? Map.of() : matchLabels));
    }

    /**
     * Merges selectors into one: the union of their keys where, on a conflict, the higher-precedence source wins
     * (Promise, then promise workflow, then resource workflow) and, within one source, the first entry wins. A
     * conflict is not an error: the loser is silently dropped, as upstream does.
     */
    public static EffectiveSelector resolve(Collection<SourcedSelector> selectors) {
        List<SourcedSelector> ordered = new ArrayList<>(selectors);
        ordered.sort(PRECEDENCE);
        TreeMap<String, String> merged = new TreeMap<>();
        for (SourcedSelector selector : ordered) {
            selector.matchLabels().forEach(merged::putIfAbsent);
        }
        return new EffectiveSelector(merged);
    }

    /** Several {@code matchLabels} maps of one source (a Promise's {@code destinationSelectors}) as one; first wins. */
    public static Map<String, String> squash(List<Map<String, String>> entries) {
        TreeMap<String, String> squashed = new TreeMap<>();
        for (Map<String, String> entry : entries) {
            if (entry != null) {
                entry.forEach(squashed::putIfAbsent);
            }
        }
        return Collections.unmodifiableSortedMap(squashed);
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty();
    }

    public boolean matches(DestinationView destination) {
        if (isEmpty()) {
            return !destination.strictMatchLabels();
        }
        for (Map.Entry<String, String> pair : matchLabels.entrySet()) {
            if (!pair.getValue().equals(destination.labels().get(pair.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Why the Destination does not match, in a few words; empty when it matches. */
    public Optional<String> mismatch(DestinationView destination) {
        if (isEmpty()) {
            return destination.strictMatchLabels()
                    ? Optional.of("strictMatchLabels and the work has no selector")
                    : Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        matchLabels.forEach((key, wanted) -> {
            String actual = destination.labels().get(key);
            if (actual == null) {
                problems.add("missing label " + key + "=" + wanted);
            } else if (!actual.equals(wanted)) {
                problems.add("missing label " + key + "=" + wanted + " (has " + key + "=" + actual + ")");
            }
        });
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
    }

    /** {@code key=value,key=value}, sorted by key; empty when there is no selector. */
    @Override
    public String toString() {
        return matchLabels.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }
}
