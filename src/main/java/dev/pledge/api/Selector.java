package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/** An equality-based label selector: a Destination matches when it carries every pair. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Selector {
    @JsonPropertyDescription("Label pairs a Destination must all carry to match.")
    private Map<String, String> matchLabels;

    public Selector() {
    }

    public Selector(Map<String, String> matchLabels) {
        this.matchLabels = matchLabels;
    }

    public Map<String, String> getMatchLabels() {
        return matchLabels;
    }

    public void setMatchLabels(Map<String, String> matchLabels) {
        this.matchLabels = matchLabels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && Objects.equals(matchLabels, s.matchLabels);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(matchLabels);
    }
}
