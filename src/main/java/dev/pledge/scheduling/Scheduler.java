package dev.pledge.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides where workload groups go, given a snapshot of the Destinations and the placements that already exist.
 *
 * <p>{@link Mode#ALL} groups (dependencies, promise-workflow output) target every candidate; placements on
 * Destinations that stopped matching are orphaned. {@link Mode#ONE} groups (resource-workflow output) target one
 * candidate, picked once; afterwards the group stays where it is, and if that Destination stops matching its
 * placement is orphaned in place rather than moved, so a request never runs in two places.
 *
 * <p>Stateless apart from the index and picker; safe for concurrent use when the picker is.
 */
public final class Scheduler {
    private final DestinationIndex destinations;
    private final DestinationPicker picker;

    public Scheduler(DestinationIndex destinations, DestinationPicker picker) {
        this.destinations = destinations;
        this.picker = picker;
    }

    public Scheduler(DestinationIndex destinations) {
        this(destinations, DestinationPicker.random());
    }

    public DestinationIndex destinations() {
        return destinations;
    }

    /**
     * @param placedOn names of the Destinations that already hold a placement of this group (orphaned or not)
     */
    public Decision decide(WorkKind work, WorkloadGroup group, Collection<String> placedOn) {
        EffectiveSelector selector = group.effectiveSelector();
        List<String> candidates = destinations.candidates(selector);
        List<String> existing = new ArrayList<>(new TreeSet<>(placedOn));
        List<String> targets = switch (work.mode()) {
            case ALL -> candidates;
            case ONE -> oneTarget(candidates, existing);
        };
        List<String> orphaned = new ArrayList<>();
        for (String destination : existing) {
            if (Collections.binarySearch(targets, destination) < 0) {
                orphaned.add(destination);
            }
        }
        return new Decision(work, group, selector, candidates, targets, orphaned);
    }

    /** Decides a batch; the index answers each distinct selector once. */
    public List<Decision> decideAll(Collection<Request> requests) {
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (Request request : requests) {
            decisions.add(decide(request.work(), request.group(), request.placedOn()));
        }
        return decisions;
    }

    /** One group to decide, with the Destinations that already hold a placement of it. */
    public record Request(WorkKind work, WorkloadGroup group, Collection<String> placedOn) {
        public Request {
            placedOn = List.copyOf(placedOn);
        }
    }

    private List<String> oneTarget(List<String> candidates, List<String> existing) {
        for (String destination : existing) {
            if (Collections.binarySearch(candidates, destination) >= 0) {
                return List.of(destination);
            }
        }
        if (!existing.isEmpty() || candidates.isEmpty()) {
            return List.of();
        }
        return List.of(picker.pick(candidates));
    }
}
