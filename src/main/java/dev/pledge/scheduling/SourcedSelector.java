package dev.pledge.scheduling;

import java.util.Map;
import java.util.Objects;

/** One {@code matchLabels} map and where it came from; a null map counts as empty. */
public record SourcedSelector(Map<String, String> matchLabels, SelectorSource source) {

    public SourcedSelector {
        Objects.requireNonNull(source, "source");
        matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
    }
}
