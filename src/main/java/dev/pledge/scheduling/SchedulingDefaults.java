package dev.pledge.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The selectors a Promise imposes on the default (root) group of each kind of Work it produces.
 *
 * <p>The Promise's own {@code spec.destinationSelectors}, squashed into one map (first entry wins), apply to the
 * dependencies, the promise workflow's root group and every resource request's root group. The entry without a
 * directory in the promise workflow's destination-selectors.yaml additionally becomes part of the default of
 * every later resource request of that Promise (the seed says so; upstream has at times dropped it).
 *
 * @param promise         the squashed {@code spec.destinationSelectors}; empty when there are none
 * @param promiseWorkflow the promise workflow's root entry; empty when there is none
 */
public record SchedulingDefaults(Map<String, String> promise, Map<String, String> promiseWorkflow) {

    public static final SchedulingDefaults NONE = new SchedulingDefaults(Map.of(), Map.of());

    public SchedulingDefaults {
        promise = Map.copyOf(promise);
        promiseWorkflow = Map.copyOf(promiseWorkflow);
    }

    /** Defaults from a Promise's {@code spec.destinationSelectors[].matchLabels}, in order. */
    public static SchedulingDefaults ofPromise(List<Map<String, String>> destinationSelectors) {
        return new SchedulingDefaults(EffectiveSelector.squash(destinationSelectors), Map.of());
    }

    /** These defaults plus what the Promise's configure workflow wrote to its destination-selectors.yaml. */
    public SchedulingDefaults withPromiseWorkflow(DestinationSelectorsFile promiseWorkflowSelectors) {
        Map<String, String> root = promiseWorkflowSelectors.rootEntry()
                .map(DestinationSelectorsFile.Entry::matchLabels)
                .orElse(Map.of());
        return new SchedulingDefaults(promise, root);
    }

    /** The selectors the root group of a Work of this kind inherits, besides its own workflow's root entry. */
    public List<SourcedSelector> forRootOf(WorkKind work) {
        List<SourcedSelector> selectors = new ArrayList<>(2);
        if (!promise.isEmpty()) {
            selectors.add(new SourcedSelector(promise, SelectorSource.PROMISE));
        }
        if (work == WorkKind.RESOURCE_WORKFLOW && !promiseWorkflow.isEmpty()) {
            selectors.add(new SourcedSelector(promiseWorkflow, SelectorSource.PROMISE_WORKFLOW));
        }
        return selectors;
    }
}
