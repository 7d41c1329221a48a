package dev.pledge.scheduling;

import static dev.pledge.scheduling.SelectorSource.PROMISE;
import static dev.pledge.scheduling.SelectorSource.PROMISE_WORKFLOW;
import static dev.pledge.scheduling.SelectorSource.RESOURCE_WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scheduler scenarios of reference §6.2 that concern where work goes (not how WorkPlacement objects are
 * written), the update example of seed 000 and the orphan rules we took from it.
 */
class SchedulerTest {

    /** Upstream's fixture: dev-1, dev-2, pci, prod and a strict Destination. */
    private static final List<DestinationView> FIXTURE = List.of(
            DestinationView.of("dev-1", Map.of("environment", "dev")),
            DestinationView.of("dev-2", Map.of("environment", "dev")),
            DestinationView.of("pci", Map.of("pci", "true")),
            DestinationView.of("prod", Map.of("environment", "prod")),
            DestinationView.strict("strict", Map.of("strict", "true")));

    private final Scheduler scheduler = new Scheduler(DestinationIndex.of(FIXTURE), DestinationPicker.seeded(42));

    private static WorkloadGroup root(SourcedSelector... selectors) {
        return WorkloadGroup.of(WorkloadGroup.ROOT, List.of("a.yaml"), List.of(selectors));
    }

    private static WorkloadGroup directory(String directory, SourcedSelector... selectors) {
        return WorkloadGroup.of(directory, List.of(directory + "/a.yaml"), List.of(selectors));
    }

    private static SourcedSelector promise(String... pairs) {
        return new SourcedSelector(Labels.of(pairs), PROMISE);
    }

    // resource requests

    @Test
    void resourceGroupGoesToExactlyOneMatchingDestination() {
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "dev")), Set.of());
        assertThat(decision.mode()).isEqualTo(Mode.ONE);
        assertThat(decision.candidates()).containsExactly("dev-1", "dev-2");
        assertThat(decision.targets()).hasSize(1).isSubsetOf("dev-1", "dev-2");
        assertThat(decision.orphaned()).isEmpty();
    }

    @Test
    void resourceGroupIsSpreadAtRandomOverItsCandidates() {
        Scheduler random = new Scheduler(DestinationIndex.of(FIXTURE));
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.addAll(random.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "dev")), Set.of()).targets());
        }
        assertThat(seen).containsExactlyInAnyOrder("dev-1", "dev-2");
    }

    @Test
    void resourceGroupWithNoMatchingDestinationIsUnscheduled() {
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "staging")), Set.of());
        assertThat(decision.targets()).isEmpty();
        assertThat(decision.unscheduled()).isTrue();
    }

    @Test
    void resourceGroupStaysWhereItWasPlacedOnLaterRuns() {
        // reference §6.2 case 4: reconciling again never re-randomises
        for (String placed : List.of("dev-1", "dev-2")) {
            for (int run = 0; run < 20; run++) {
                Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "dev")),
                        Set.of(placed));
                assertThat(decision.targets()).containsExactly(placed);
                assertThat(decision.orphaned()).isEmpty();
            }
        }
    }

    @Test
    void resourcePlacementIsOrphanedInPlaceNotMovedWhenItsDestinationStopsMatching() {
        // reference §6.2 cases 3 and 11; our seed calls it orphaned
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "prod")),
                Set.of("dev-1"));
        assertThat(decision.candidates()).containsExactly("prod");
        assertThat(decision.targets()).isEmpty();
        assertThat(decision.orphaned()).containsExactly("dev-1");
        assertThat(decision.unscheduled()).isFalse();
    }

    @Test
    void resourcePlacementOnADeletedDestinationIsOrphanedInPlace() {
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "dev")),
                Set.of("gone"));
        assertThat(decision.targets()).isEmpty();
        assertThat(decision.orphaned()).containsExactly("gone");
    }

    @Test
    void resourceGroupWithTwoStalePlacementsKeepsOnlyOne() {
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "dev")),
                Set.of("dev-2", "dev-1"));
        assertThat(decision.targets()).containsExactly("dev-1");
        assertThat(decision.orphaned()).containsExactly("dev-2");
    }

    @Test
    void eachDirectoryGroupIsScheduledOnItsOwn() {
        // reference §6.2 case 10: "." -> dev, foo -> pci; an unschedulable "." does not stop foo
        Decision foo = scheduler.decide(WorkKind.RESOURCE_WORKFLOW,
                directory("foo", new SourcedSelector(Map.of("pci", "true"), RESOURCE_WORKFLOW)), Set.of());
        Decision rootGroup = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("not", "schedulable")), Set.of());
        assertThat(foo.targets()).containsExactly("pci");
        assertThat(foo.group().id()).startsWith("acbd1");
        assertThat(rootGroup.unscheduled()).isTrue();
    }

    @Test
    void promiseSelectorBeatsBothWorkflowsWhenChoosingTheDestination() {
        // reference §6.2 case 12
        WorkloadGroup group = root(new SourcedSelector(Map.of("environment", "dev"), PROMISE_WORKFLOW),
                promise("environment", "prod"),
                new SourcedSelector(Map.of("environment", "staging"), RESOURCE_WORKFLOW));
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, group, Set.of());
        assertThat(decision.selector().matchLabels()).isEqualTo(Map.of("environment", "prod"));
        assertThat(decision.targets()).containsExactly("prod");
    }

    // dependencies and promise-workflow output

    @Test
    void dependenciesGoToTheOneMatchingDestination() {
        // reference §6.2 case 13
        assertThat(scheduler.decide(WorkKind.DEPENDENCIES, root(promise("environment", "prod")), Set.of()).targets())
                .containsExactly("prod");
    }

    @Test
    void dependenciesGoToEveryMatchingDestination() {
        // reference §6.2 case 14; a deleted placement is simply targeted again
        Decision decision = scheduler.decide(WorkKind.DEPENDENCIES, root(promise("environment", "dev")), Set.of("dev-2"));
        assertThat(decision.mode()).isEqualTo(Mode.ALL);
        assertThat(decision.targets()).containsExactly("dev-1", "dev-2");
        assertThat(decision.orphaned()).isEmpty();
    }

    @Test
    void dependenciesWithNoMatchingDestinationAreUnscheduled() {
        // reference §6.2 case 15
        assertThat(scheduler.decide(WorkKind.DEPENDENCIES, root(promise("environment", "non-matching")), Set.of())
                .unscheduled()).isTrue();
    }

    @Test
    void dependenciesReachEveryDestinationWhenPromiseHasNoSelector() {
        // reference §6.2 case 16: never the strict one
        assertThat(scheduler.decide(WorkKind.DEPENDENCIES, root(), Set.of()).targets())
                .containsExactly("dev-1", "dev-2", "pci", "prod");
    }

    @Test
    void narrowingTheSelectorOrphansTheDependencyPlacementsThatNoLongerMatch() {
        // reference §6.2 case 17, with our seed's rule: orphans are left alone rather than kept updated
        Decision decision = scheduler.decide(WorkKind.DEPENDENCIES, root(promise("environment", "dev")),
                Set.of("dev-1", "dev-2", "pci", "prod"));
        assertThat(decision.targets()).containsExactly("dev-1", "dev-2");
        assertThat(decision.orphaned()).containsExactly("pci", "prod");
    }

    @Test
    void promiseUpdateFromDevToProdLeavesTheDevPlacementOrphanedAndTargetsProd() {
        // seed 000's example
        Scheduler cluster = new Scheduler(DestinationIndex.of(List.of(
                DestinationView.of("dev-cluster-1", Map.of("environment", "dev")),
                DestinationView.of("prod-cluster-1", Map.of("environment", "prod")))));
        var before = SchedulingDefaults.ofPromise(List.of(Map.of("environment", "dev")));
        var after = SchedulingDefaults.ofPromise(List.of(Map.of("environment", "prod")));
        String file = "static/promise-name-dependencies.yaml";

        Decision first = cluster.decide(WorkKind.DEPENDENCIES, WorkloadGrouping.dependencies(file, before), Set.of());
        assertThat(first.targets()).containsExactly("dev-cluster-1");

        Decision updated = cluster.decide(WorkKind.DEPENDENCIES, WorkloadGrouping.dependencies(file, after),
                first.targets());
        assertThat(updated.targets()).containsExactly("prod-cluster-1");
        assertThat(updated.orphaned()).containsExactly("dev-cluster-1");
    }

    @Test
    void destinationThatMatchesAgainIsNoLongerOrphaned() {
        // seed 000 / SCOPE: when the Destination matches again the orphan label goes and updates resume
        Decision decision = scheduler.decide(WorkKind.PROMISE_WORKFLOW, root(promise("environment", "dev")),
                Set.of("dev-1"));
        assertThat(decision.targets()).contains("dev-1");
        assertThat(decision.orphaned()).isEmpty();
    }

    @Test
    void manyMatchingDestinationsAreNotFalselyOrphaned() {
        // reference §6.2 case 19 (regression upstream #486/#497)
        List<DestinationView> more = new ArrayList<>(FIXTURE);
        for (int i = 3; i <= 5; i++) {
            more.add(DestinationView.of("dev-" + i, Map.of("environment", "dev")));
        }
        Scheduler wide = new Scheduler(DestinationIndex.of(more), DestinationPicker.seeded(1));
        Decision resource = wide.decide(WorkKind.RESOURCE_WORKFLOW, root(promise("environment", "dev")), Set.of("dev-4"));
        Decision dependency = wide.decide(WorkKind.DEPENDENCIES, root(promise("environment", "dev")),
                Set.of("dev-1", "dev-2", "dev-3", "dev-4", "dev-5"));
        assertThat(resource.orphaned()).isEmpty();
        assertThat(resource.targets()).containsExactly("dev-4");
        assertThat(dependency.orphaned()).isEmpty();
        assertThat(dependency.targets()).hasSize(5);
    }

    @Test
    void batchDecidesEveryGroupInOrder() {
        List<Decision> decisions = scheduler.decideAll(List.of(
                new Scheduler.Request(WorkKind.DEPENDENCIES, root(promise("environment", "dev")), Set.of()),
                new Scheduler.Request(WorkKind.RESOURCE_WORKFLOW, root(promise("pci", "true")), Set.of())));
        assertThat(decisions).extracting(Decision::targets)
                .containsExactly(List.of("dev-1", "dev-2"), List.of("pci"));
    }

    @Test
    void destinationsWithTheSameNameAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DestinationIndex.of(List.of(
                DestinationView.of("a", Map.of()), DestinationView.of("a", Map.of("x", "y")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two Destinations named \"a\"");
    }
}
