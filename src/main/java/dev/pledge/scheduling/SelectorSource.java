package dev.pledge.scheduling;

import java.util.Arrays;

/**
 * Where a selector came from. The declaration order is the precedence: on a label-key conflict, an earlier source
 * wins, so a workflow can never override what the Promise's own {@code spec.destinationSelectors} say.
 */
public enum SelectorSource {
    PROMISE("promise"),
    PROMISE_WORKFLOW("promise-workflow"),
    RESOURCE_WORKFLOW("resource-workflow");

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
