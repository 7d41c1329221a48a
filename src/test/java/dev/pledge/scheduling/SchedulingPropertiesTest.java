package dev.pledge.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of scheduling over random Destinations, selectors and existing placements. Keys and values come
 * from small alphabets so that matches, conflicts and strict Destinations all happen often.
 */
class SchedulingPropertiesTest {

    @Property
    void everyCandidateAndTargetMatchesTheEffectiveSelector(@ForAll("destinations") List<DestinationView> destinations,
            @ForAll("selectors") List<SourcedSelector> selectors, @ForAll("modes") WorkKind work) {
        Scheduler scheduler = new Scheduler(DestinationIndex.of(destinations), DestinationPicker.seeded(7));
        Decision decision = scheduler.decide(work, group(selectors), Set.of());
        EffectiveSelector selector = EffectiveSelector.resolve(selectors);

        List<String> expected = destinations.stream().filter(selector::matches).map(DestinationView::name).sorted().toList();
        assertThat(decision.candidates()).isEqualTo(expected);
        assertThat(decision.targets()).allSatisfy(name -> assertThat(
                selector.matches(destinations.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow())).isTrue());
    }

    @Property
    void theExplanationAgreesWithTheMatch(@ForAll("destinations") List<DestinationView> destinations,
            @ForAll("selectors") List<SourcedSelector> selectors) {
        EffectiveSelector selector = EffectiveSelector.resolve(selectors);
        for (DestinationView destination : destinations) {
            assertThat(selector.mismatch(destination).isEmpty()).isEqualTo(selector.matches(destination));
        }
    }

    @Property
    void aPromiseSelectorIsNeverOverriddenByAWorkflow(@ForAll("labelMaps") List<Map<String, String>> promiseEntries,
            @ForAll("labelMaps") List<Map<String, String>> promiseWorkflowEntries,
            @ForAll("labelMaps") List<Map<String, String>> resourceWorkflowEntries, @ForAll long interleaving) {
        // the sources arrive interleaved in any order; each source's own entries keep their order
        List<java.util.ArrayDeque<SourcedSelector>> queues = List.of(
                queue(resourceWorkflowEntries, SelectorSource.RESOURCE_WORKFLOW),
                queue(promiseWorkflowEntries, SelectorSource.PROMISE_WORKFLOW),
                queue(promiseEntries, SelectorSource.PROMISE));
        java.util.Random random = new java.util.Random(interleaving);
        List<SourcedSelector> all = new ArrayList<>();
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            var queue = queues.get(random.nextInt(queues.size()));
            if (!queue.isEmpty()) {
                all.add(queue.poll());
            }
        }

        Map<String, String> effective = EffectiveSelector.resolve(all).matchLabels();
        assertThat(effective).containsAllEntriesOf(EffectiveSelector.squash(promiseEntries));
        // and the promise workflow beats the resource workflow on what the Promise leaves open
        EffectiveSelector.squash(promiseWorkflowEntries).forEach((key, value) -> {
            if (!EffectiveSelector.squash(promiseEntries).containsKey(key)) {
                assertThat(effective).containsEntry(key, value);
            }
        });
    }

    @Property
    void aResourceGroupNeverLandsOnTwoDestinationsAndNeverMoves(
            @ForAll("destinations") List<DestinationView> destinations,
            @ForAll("selectors") List<SourcedSelector> selectors, @ForAll("placements") Set<String> placedOn) {
        Scheduler scheduler = new Scheduler(DestinationIndex.of(destinations), DestinationPicker.seeded(3));
        Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, group(selectors), placedOn);

        assertThat(decision.targets()).hasSizeLessThanOrEqualTo(1);
        if (!placedOn.isEmpty()) {
            assertThat(decision.targets()).isSubsetOf(placedOn);
        }
    }

    @Property
    void orphansAreExactlyTheExistingPlacementsNoLongerTargeted(
            @ForAll("destinations") List<DestinationView> destinations,
            @ForAll("selectors") List<SourcedSelector> selectors, @ForAll("placements") Set<String> placedOn,
            @ForAll("modes") WorkKind work) {
        Decision decision = new Scheduler(DestinationIndex.of(destinations), DestinationPicker.seeded(5))
                .decide(work, group(selectors), placedOn);

        Set<String> expected = new HashSet<>(placedOn);
        expected.removeAll(decision.targets());
        assertThat(decision.orphaned()).containsExactlyInAnyOrderElementsOf(expected).isSorted();
        if (work.mode() == Mode.ALL) {
            assertThat(decision.targets()).isEqualTo(decision.candidates());
        }
    }

    private static java.util.ArrayDeque<SourcedSelector> queue(List<Map<String, String>> entries, SelectorSource source) {
        var queue = new java.util.ArrayDeque<SourcedSelector>();
        entries.forEach(entry -> queue.add(new SourcedSelector(entry, source)));
        return queue;
    }

    private static WorkloadGroup group(List<SourcedSelector> selectors) {
        return WorkloadGroup.of(WorkloadGroup.ROOT, List.of("a.yaml"), selectors);
    }

    @Provide
    Arbitrary<List<DestinationView>> destinations() {
        Arbitrary<DestinationView> destination = Combinators.combine(labelMap(), Arbitraries.of(true, false, false, false))
                .as((labels, strict) -> new DestinationView("x", labels, strict));
        return destination.list().ofMaxSize(12).map(list -> {
            List<DestinationView> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                named.add(new DestinationView("d" + i, list.get(i).labels(), list.get(i).strictMatchLabels()));
            }
            return named;
        });
    }

    @Provide
    Arbitrary<List<SourcedSelector>> selectors() {
        return Combinators.combine(labelMap(), Arbitraries.of(SelectorSource.class))
                .as(SourcedSelector::new)
                .list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Map<String, String>>> labelMaps() {
        return labelMap().list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Set<String>> placements() {
        return Arbitraries.of("d0", "d1", "d2", "d3", "d11", "gone").set().ofMaxSize(3);
    }

    @Provide
    Arbitrary<WorkKind> modes() {
        return Arbitraries.of(WorkKind.class);
    }

    private static Arbitrary<Map<String, String>> labelMap() {
        return Arbitraries.maps(Arbitraries.of("env", "region", "team", "tier"), Arbitraries.of("a", "b", "c"))
                .ofMaxSize(3);
    }
}
