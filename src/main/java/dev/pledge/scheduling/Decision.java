package dev.pledge.scheduling;

import java.util.List;

/**
 * Where one workload group goes.
 *
 * @param work       the kind of Work the group belongs to
 * @param group      the group decided
 * @param selector   the effective selector after merging and precedence
 * @param candidates every Destination the selector matches, sorted by name
 * @param targets    where the group's placements should be now, sorted: every candidate for {@link Mode#ALL}; for
 *                   {@link Mode#ONE} the Destination already holding it if that still matches, else a newly picked
 *                   candidate when it had no placement at all, else nothing (it is never moved)
 * @param orphaned   Destinations holding a placement of this group that are no longer targeted, sorted; their
 *                   placements keep their files but get no more updates
 */
public record Decision(WorkKind work, WorkloadGroup group, EffectiveSelector selector, List<String> candidates,
        List<String> targets, List<String> orphaned) {

    public Decision {
        candidates = List.copyOf(candidates);
        targets = List.copyOf(targets);
        orphaned = List.copyOf(orphaned);
    }

    public Mode mode() {
        return work.mode();
    }

    /** Nothing matches and nothing was placed before: the group waits for a suitable Destination. */
    public boolean unscheduled() {
        return targets.isEmpty() && orphaned.isEmpty();
    }
}
