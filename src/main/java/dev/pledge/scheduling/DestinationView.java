package dev.pledge.scheduling;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What scheduling needs to know about a Destination: its name, its labels (kept sorted by key) and whether it only
 * accepts work that selects it explicitly ({@code spec.strictMatchLabels}).
 */
public record DestinationView(String name, Map<String, String> labels, boolean strictMatchLabels) {

    public DestinationView {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
    }

    public static DestinationView of(String name, Map<String, String> labels) {
        return new DestinationView(name, labels, false);
    }

    public static DestinationView strict(String name, Map<String, String> labels) {
        return new DestinationView(name, labels, true);
    }
}
