package dev.pledge.scheduling;

import dev.pledge.api.SelectorSources;
import java.util.Arrays;

/**
 * Where a selector came from. The declaration order is the precedence: on a label-key conflict, an earlier source
 * wins, so a workflow can never override what the Promise's own {@code spec.destinationSelectors} say.
 */
public enum SelectorSource {
    PROMISE(SelectorSources.PROMISE),
    PROMISE_WORKFLOW(SelectorSources.PROMISE_WORKFLOW),
    RESOURCE_WORKFLOW(SelectorSources.RESOURCE_WORKFLOW);

    private final String wireName;

    SelectorSource(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in {@code Work.spec.workloadGroups[].destinationSelectors[].source}. */
    public String wireName() {
        return wireName;
    }

    public static SelectorSource fromWireName(String name) {
        return Arrays.stream(values())
                .filter(source -> source.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown selector source \"" + name + "\""));
    }
}
