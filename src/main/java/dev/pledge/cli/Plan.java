package dev.pledge.cli;

import dev.pledge.api.Selector;
import dev.pledge.scheduling.Decision;
import dev.pledge.scheduling.DestinationIndex;
import dev.pledge.scheduling.InvalidSchedulingInput;
import dev.pledge.scheduling.Scheduler;
import dev.pledge.scheduling.SchedulingDefaults;
import dev.pledge.scheduling.WorkKind;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.scheduling.WorkloadGrouping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The decisions {@code plan} previews: the Promise's dependencies, then each group of the promise and resource
 * workflow outputs, each decided with the existing WorkPlacements that belong to it. Sorted by work, then
 * directory.
 */
record Plan(DestinationIndex destinations, List<Group> groups) {

    /** One decided group and the Destinations that already held a placement of it. */
    record Group(Decision decision, List<String> placedOn) {
    }

    private static final Comparator<Group> ORDER = Comparator
            .comparing((Group group) -> group.decision().work().wireName())
            .thenComparing(group -> group.decision().group().directory());

    static Plan of(PlanInput input, Optional<WorkflowOutput> promiseWorkflow, Optional<WorkflowOutput> resourceWorkflow) {
        SchedulingDefaults defaults = defaults(input);
        if (promiseWorkflow.isPresent()) {
            defaults = defaults.withPromiseWorkflow(promiseWorkflow.get().selectors());
        }
        DestinationIndex index = DestinationIndex.of(input.destinations());
        // plan shows the candidates of a new resource group rather than a random pick; the pick just has to be stable
        Scheduler scheduler = new Scheduler(index, candidates -> candidates.get(0));

        List<Group> groups = new ArrayList<>();
        List<?> dependencies = input.promise().getSpec() == null ? null : input.promise().getSpec().getDependencies();
        if (dependencies != null && !dependencies.isEmpty()) {
            String file = "static/" + input.promise().getMetadata().getName() + "-dependencies.yaml";
            groups.add(decide(scheduler, input, WorkKind.DEPENDENCIES, WorkloadGrouping.dependencies(file, defaults)));
        }
        for (WorkloadGroup group : grouped(WorkKind.PROMISE_WORKFLOW, promiseWorkflow, defaults)) {
            groups.add(decide(scheduler, input, WorkKind.PROMISE_WORKFLOW, group));
        }
        for (WorkloadGroup group : grouped(WorkKind.RESOURCE_WORKFLOW, resourceWorkflow, defaults)) {
            groups.add(decide(scheduler, input, WorkKind.RESOURCE_WORKFLOW, group));
        }
        groups.sort(ORDER);
        return new Plan(index, List.copyOf(groups));
    }

    private static SchedulingDefaults defaults(PlanInput input) {
        List<Selector> selectors = input.promise().getSpec() == null ? null
                : input.promise().getSpec().getDestinationSelectors();
        List<Map<String, String>> matchLabels = new ArrayList<>();
        if (selectors != null) {
            selectors.stream().filter(s -> s != null && s.getMatchLabels() != null)
                    .forEach(s -> matchLabels.add(s.getMatchLabels()));
        }
        return SchedulingDefaults.ofPromise(matchLabels);
    }

    private static List<WorkloadGroup> grouped(WorkKind work, Optional<WorkflowOutput> output, SchedulingDefaults defaults) {
        if (output.isEmpty()) {
            return List.of();
        }
        try {
            return WorkloadGrouping.group(work, output.get().files(), output.get().selectors(), defaults);
        } catch (InvalidSchedulingInput e) {
            throw new PlanException(output.get().selectorsFile(), e.getMessage());
        }
    }

    private static Group decide(Scheduler scheduler, PlanInput input, WorkKind work, WorkloadGroup group) {
        TreeSet<String> placedOn = new TreeSet<>();
        for (PlanInput.ExistingPlacement placement : input.placements()) {
            if (belongs(placement, input, work, group)) {
                placedOn.add(placement.destination());
            }
        }
        return new Group(scheduler.decide(work, group, placedOn), List.copyOf(placedOn));
    }

    /**
     * A WorkPlacement belongs to a group when promise, resource and group id match and it carries a pipeline-name
     * label exactly when the group is workflow output. Without a resource request in the input, placements of any
     * request of the Promise count for the resource-workflow groups.
     */
    private static boolean belongs(PlanInput.ExistingPlacement placement, PlanInput input, WorkKind work,
            WorkloadGroup group) {
        if (!input.promise().getMetadata().getName().equals(placement.promiseName())
                || !group.id().equals(placement.groupId())
                || placement.fromWorkflow() != (work != WorkKind.DEPENDENCIES)) {
            return false;
        }
        String resourceName = placement.resourceName() == null ? "" : placement.resourceName();
        if (work != WorkKind.RESOURCE_WORKFLOW) {
            return resourceName.isEmpty();
        }
        return input.request().map(request -> request.name().equals(resourceName)).orElse(!resourceName.isEmpty());
    }

}
