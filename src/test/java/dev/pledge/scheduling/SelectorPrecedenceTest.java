package dev.pledge.scheduling;

import static dev.pledge.scheduling.SelectorSource.PROMISE;
import static dev.pledge.scheduling.SelectorSource.PROMISE_WORKFLOW;
import static dev.pledge.scheduling.SelectorSource.RESOURCE_WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorPrecedenceTest {

    private static SourcedSelector selector(SelectorSource source, String... pairs) {
        return new SourcedSelector(Labels.of(pairs), source);
    }

    @Test
    void severalPromiseSelectorEntriesAreSquashedWithTheFirstWinningAConflict() {
        assertThat(EffectiveSelector.squash(List.of(Map.of("env", "dev"), Map.of("env", "prod", "region", "eu"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("env", "dev", "region", "eu"));
    }

    @Test
    void promiseSelectorWinsOverBothWorkflows() {
        var resolved = EffectiveSelector.resolve(List.of(
                selector(RESOURCE_WORKFLOW, "environment", "staging"),
                selector(PROMISE_WORKFLOW, "environment", "dev"),
                selector(PROMISE, "environment", "prod")));
        assertThat(resolved.matchLabels()).containsExactlyEntriesOf(Map.of("environment", "prod"));
    }

    @Test
    void promiseWorkflowSelectorWinsOverResourceWorkflow() {
        var resolved = EffectiveSelector.resolve(List.of(
                selector(RESOURCE_WORKFLOW, "env", "staging", "team", "a"),
                selector(PROMISE_WORKFLOW, "env", "dev")));
        assertThat(resolved.matchLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "dev", "team", "a"));
    }

    @Test
    void selectorsFromDifferentSourcesAddUp() {
        var resolved = EffectiveSelector.resolve(List.of(
                selector(PROMISE, "promise", "label"),
                selector(RESOURCE_WORKFLOW, "workflow", "another-label")));
        assertThat(resolved.matchLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("promise", "label", "workflow", "another-label"));
    }

    @Test
    void workedExampleOfTheReferenceResolvesTheRootGroupSilentlyInFavourOfThePromise() {
        // Promise [{env: dev}, {env: prod, region: eu}], resource workflow root entry {env: qa, team: a}
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("env", "dev"), Map.of("env", "prod", "region", "eu")));
        var file = DestinationSelectorsFile.parse("""
                - matchLabels: {team: a, env: qa}
                - directory: db
                  matchLabels: {env: staging}
                """);
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("a.yaml", "db/b.yaml"), file, defaults);
        assertThat(groups).extracting(WorkloadGroup::directory).containsExactly("db", ".");
        assertThat(groups.get(0).effectiveSelector().matchLabels()).containsExactlyEntriesOf(Map.of("env", "staging"));
        assertThat(groups.get(1).effectiveSelector().matchLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "a", "env", "dev", "region", "eu"));
    }

    @Test
    void sourcesKeepTheirWireNames() {
        assertThat(SelectorSource.fromWireName("promise-workflow")).isEqualTo(PROMISE_WORKFLOW);
        assertThat(RESOURCE_WORKFLOW.wireName()).isEqualTo("resource-workflow");
    }
}
