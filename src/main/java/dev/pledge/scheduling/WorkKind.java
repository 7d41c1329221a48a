package dev.pledge.scheduling;

import java.util.Optional;

/**
 * The three kinds of Work a Promise produces. The kind decides the {@link Mode}: a Promise's dependencies and its
 * promise workflow's output belong on every matching Destination, while a resource request's output must run in
 * exactly one place.
 */
public enum WorkKind {
    DEPENDENCIES("dependencies", Mode.ALL, null),
    PROMISE_WORKFLOW("promise-workflow", Mode.ALL, SelectorSource.PROMISE_WORKFLOW),
    RESOURCE_WORKFLOW("resource-workflow", Mode.ONE, SelectorSource.RESOURCE_WORKFLOW);

    private final String wireName;
    private final Mode mode;
    private final SelectorSource workflowSource;

    WorkKind(String wireName, Mode mode, SelectorSource workflowSource) {
        this.wireName = wireName;
        this.mode = mode;
        this.workflowSource = workflowSource;
    }

    /** The spelling used by {@code plan}'s {@code work} field. */
    public String wireName() {
        return wireName;
    }

    public Mode mode() {
        return mode;
    }

    /** The source of selectors this kind's workflow writes to destination-selectors.yaml; none for dependencies. */
    public Optional<SelectorSource> workflowSource() {
        return Optional.ofNullable(workflowSource);
    }
}
