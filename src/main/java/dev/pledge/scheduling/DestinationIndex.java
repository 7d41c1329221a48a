package dev.pledge.scheduling;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of the Destinations, indexed by label so that finding the candidates of a selector costs
 * one bit-set intersection per selector pair instead of a scan of every Destination's labels.
 *
 * <p>Destinations are numbered in name order, so every candidate list comes out sorted by name. Answers are
 * remembered per distinct selector: a batch of groups costs at most one intersection per distinct selector, and
 * groups that share a selector share one (unmodifiable) list. Build a new index whenever a Destination changes.
 * Safe for concurrent use.
 */
public final class DestinationIndex {
    /** Bounds the memory a long-lived index spends remembering answers; past it, answers are recomputed. */
    private static final int MEMO_LIMIT = 65_536;

    private final List<DestinationView> destinations;
    private final Map<String, Integer> positionByName;
    private final Map<String, Map<String, BitSet>> positionsByLabel;
    /** Destinations that accept work with no selector: all but the strict ones. */
    private final BitSet acceptsUnselected;
    private final Map<EffectiveSelector, List<String>> candidatesBySelector = new ConcurrentHashMap<>();

    private DestinationIndex(List<DestinationView> destinations) {
        this.destinations = List.copyOf(destinations);
        this.positionByName = new HashMap<>();
        this.positionsByLabel = new HashMap<>();
        this.acceptsUnselected = new BitSet(destinations.size());
        for (int position = 0; position < destinations.size(); position++) {
            DestinationView destination = destinations.get(position);
            if (positionByName.put(destination.name(), position) != null) {
                throw new IllegalArgumentException("two Destinations named \"" + destination.name() + "\"");
            }
            if (!destination.strictMatchLabels()) {
                acceptsUnselected.set(position);
            }
            for (Map.Entry<String, String> label : destination.labels().entrySet()) {
                positionsByLabel.computeIfAbsent(label.getKey(), key -> new HashMap<>())
                        .computeIfAbsent(label.getValue(), value -> new BitSet())
                        .set(position);
            }
        }
    }

    /** Indexes the given Destinations; their names must be unique. */
    public static DestinationIndex of(Collection<DestinationView> destinations) {
        List<DestinationView> byName = new ArrayList<>(destinations);
        byName.sort(Comparator.comparing(DestinationView::name));
        return new DestinationIndex(byName);
    }

    /** Every Destination, sorted by name. */
    public List<DestinationView> destinations() {
        return destinations;
    }

    public Optional<DestinationView> destination(String name) {
        Integer position = positionByName.get(name);
        return position == null ? Optional.empty() : Optional.of(destinations.get(position));
    }

    /** Names of the Destinations the selector matches, sorted; unmodifiable. */
    public List<String> candidates(EffectiveSelector selector) {
        List<String> known = candidatesBySelector.get(selector);
        if (known != null) {
            return known;
        }
        List<String> names = names(matching(selector));
        if (candidatesBySelector.size() < MEMO_LIMIT) {
            candidatesBySelector.putIfAbsent(selector, names);
        }
        return names;
    }

    private BitSet matching(EffectiveSelector selector) {
        if (selector.isEmpty()) {
            return acceptsUnselected;
        }
        List<BitSet> perPair = new ArrayList<>(selector.matchLabels().size());
        for (Map.Entry<String, String> pair : selector.matchLabels().entrySet()) {
            BitSet holders = positionsByLabel.getOrDefault(pair.getKey(), Map.of()).get(pair.getValue());
            if (holders == null) {
                return new BitSet();
            }
            perPair.add(holders);
        }
        perPair.sort(Comparator.comparingInt(BitSet::cardinality));
        BitSet result = (BitSet) perPair.get(0).clone();
        for (int i = 1; i < perPair.size() && !result.isEmpty(); i++) {
            result.and(perPair.get(i));
        }
        return result;
    }

    private List<String> names(BitSet positions) {
        List<String> names = new ArrayList<>(positions.cardinality());
        for (int position = positions.nextSetBit(0); position >= 0; position = positions.nextSetBit(position + 1)) {
            names.add(destinations.get(position).name());
        }
        // an immutable list, so that Decision's defensive List.copyOf shares it instead of copying every name
        return List.copyOf(names);
    }
}
