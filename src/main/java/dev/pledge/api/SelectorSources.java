package dev.pledge.api;

/**
 * The wire names of {@code Work.spec.workloadGroups[].destinationSelectors[].source} and of the scheduling file
 * a pipeline reads: where a selector came from. Their precedence lives in {@code scheduling.SelectorSource}.
 */
public final class SelectorSources {
    public static final String PROMISE = "promise";
    public static final String PROMISE_WORKFLOW = "promise-workflow";
    public static final String RESOURCE_WORKFLOW = "resource-workflow";

    private SelectorSources() {
    }
}
