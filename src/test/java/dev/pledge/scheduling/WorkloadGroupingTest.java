package dev.pledge.scheduling;

import static dev.pledge.scheduling.SelectorSource.PROMISE;
import static dev.pledge.scheduling.SelectorSource.PROMISE_WORKFLOW;
import static dev.pledge.scheduling.SelectorSource.RESOURCE_WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Directory-based and default scheduling (seed 004) and the work-creator cases of reference §6.3. */
class WorkloadGroupingTest {

    /** The output of upstream's "complete" sample. */
    private static final List<String> COMPLETE_OUTPUT = List.of("configmap.yaml", "foo/bar/namespace-resource-request.yaml",
            "foo/multi-resource-requests.yaml", "baz/baz-namespace-resource-request.yaml");
    private static final DestinationSelectorsFile COMPLETE_SELECTORS = DestinationSelectorsFile.parse("""
            - matchLabels: {environment: production, region: europe}
            - directory: baz/
              matchLabels: {environment: staging}
            """);

    @Test
    void groupIdIsTheMd5OfTheDirectory() {
        assertThat(WorkloadGroup.idOf(".")).isEqualTo("5058f1af8388633f609cadb75a75dc9d").isEqualTo(WorkloadGroup.ROOT_ID);
        assertThat(WorkloadGroup.idOf("foo")).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
    }

    @Test
    void directoryEntryIgnoresPromiseSelectorsWhileTheRestFallsBackToThem() {
        // seed 004, directory-based scheduling
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("promise", "label")));
        var selectors = DestinationSelectorsFile.parse("""
                - directory: scheduled-dir
                  matchLabels: {workflow: subdir}
                """);
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("document-0.yaml",
                "some-dir/document-1.yaml", "scheduled-dir/document-2.yaml", "scheduled-dir/document-3.yaml"),
                selectors, defaults);

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).directory()).isEqualTo("scheduled-dir");
        assertThat(groups.get(0).files()).containsExactly("scheduled-dir/document-2.yaml", "scheduled-dir/document-3.yaml");
        assertThat(groups.get(0).effectiveSelector().matchLabels()).isEqualTo(Map.of("workflow", "subdir"));
        assertThat(groups.get(1).directory()).isEqualTo(".");
        assertThat(groups.get(1).files()).containsExactly("document-0.yaml", "some-dir/document-1.yaml");
        assertThat(groups.get(1).effectiveSelector().matchLabels()).isEqualTo(Map.of("promise", "label"));
    }

    @Test
    void entryWithoutDirectoryAddsToThePromiseSelectors() {
        // seed 004, default scheduling
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("promise", "label")));
        var selectors = DestinationSelectorsFile.parse("- matchLabels: {workflow: another-label}");
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("a.yaml"), selectors, defaults);
        assertThat(groups).singleElement().satisfies(group -> assertThat(group.effectiveSelector().matchLabels())
                .isEqualTo(Map.of("promise", "label", "workflow", "another-label")));
    }

    @Test
    void promiseWorkflowSelectorsWithoutDirectoryBecomeTheDefaultOfLaterResourceRequests() {
        // seed 004: the same file, written by the Promise's configure workflow, applies to every later request
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("promise", "label")))
                .withPromiseWorkflow(DestinationSelectorsFile.parse("- matchLabels: {workflow: another-label}"));
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("a.yaml"), DestinationSelectorsFile.NONE,
                defaults);
        assertThat(groups.get(0).selectors()).containsExactly(
                new SourcedSelector(Map.of("promise", "label"), PROMISE),
                new SourcedSelector(Map.of("workflow", "another-label"), PROMISE_WORKFLOW));
        assertThat(groups.get(0).effectiveSelector().matchLabels())
                .isEqualTo(Map.of("promise", "label", "workflow", "another-label"));
    }

    @Test
    void promiseWorkflowDirectoryEntriesAreNotCarriedToResourceRequests() {
        var defaults = SchedulingDefaults.NONE
                .withPromiseWorkflow(DestinationSelectorsFile.parse("- {directory: x, matchLabels: {only: x}}"));
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("a.yaml"), DestinationSelectorsFile.NONE,
                defaults);
        assertThat(groups.get(0).selectors()).isEmpty();
    }

    @Test
    void promiseWorkflowDefaultIsNotAppliedToThePromiseWorkflowsOwnOrDependencyGroups() {
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("env", "dev")))
                .withPromiseWorkflow(DestinationSelectorsFile.parse("- matchLabels: {team: a}"));
        assertThat(defaults.forRootOf(WorkKind.PROMISE_WORKFLOW)).containsExactly(new SourcedSelector(Map.of("env", "dev"), PROMISE));
        assertThat(WorkloadGrouping.dependencies("static/p-dependencies.yaml", defaults).selectors())
                .containsExactly(new SourcedSelector(Map.of("env", "dev"), PROMISE));
    }

    @Test
    void completeSampleMakesTheDirectoryGroupAndARootGroupOfTheOtherFiles() {
        // reference §6.3 case 2, with the promise-scheduling file {environment: dev} promise, {workflow: label} promise-workflow
        var defaults = new SchedulingDefaults(Map.of("environment", "dev"), Map.of("workflow", "label"));
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, COMPLETE_OUTPUT, COMPLETE_SELECTORS, defaults);

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).directory()).isEqualTo("baz");
        assertThat(groups.get(0).id()).isEqualTo(WorkloadGroup.idOf("baz"));
        assertThat(groups.get(0).files()).containsExactly("baz/baz-namespace-resource-request.yaml");
        assertThat(groups.get(0).selectors())
                .containsExactly(new SourcedSelector(Map.of("environment", "staging"), RESOURCE_WORKFLOW));
        assertThat(groups.get(1).id()).isEqualTo(WorkloadGroup.ROOT_ID);
        assertThat(groups.get(1).files()).containsExactly("configmap.yaml", "foo/bar/namespace-resource-request.yaml",
                "foo/multi-resource-requests.yaml");
        assertThat(groups.get(1).selectors()).containsExactlyInAnyOrder(
                new SourcedSelector(Map.of("environment", "production", "region", "europe"), RESOURCE_WORKFLOW),
                new SourcedSelector(Map.of("environment", "dev"), PROMISE),
                new SourcedSelector(Map.of("workflow", "label"), PROMISE_WORKFLOW));
    }

    @Test
    void withoutMetadataTheRootGroupHasOnlyThePromiseSelector() {
        // reference §6.3 case 5
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("environment", "dev")));
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, COMPLETE_OUTPUT, DestinationSelectorsFile.NONE, defaults);
        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.files()).hasSize(4);
            assertThat(group.selectors()).containsExactly(new SourcedSelector(Map.of("environment", "dev"), PROMISE));
        });
    }

    @Test
    void noRootGroupWhenEveryFileIsUnderASelectedDirectory() {
        // reference §6.3 case 7
        var groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("baz/a.yaml", "baz/b/c.yaml"),
                COMPLETE_SELECTORS, SchedulingDefaults.NONE);
        assertThat(groups).extracting(WorkloadGroup::directory).containsExactly("baz");
    }

    @Test
    void promiseWorkflowGroupsCarryThePromiseWorkflowSource() {
        // reference §6.3 case 8
        var defaults = SchedulingDefaults.ofPromise(List.of(Map.of("environment", "dev")));
        var groups = WorkloadGrouping.group(WorkKind.PROMISE_WORKFLOW, COMPLETE_OUTPUT, COMPLETE_SELECTORS, defaults);
        assertThat(groups.get(0).selectors())
                .containsExactly(new SourcedSelector(Map.of("environment", "staging"), PROMISE_WORKFLOW));
        assertThat(groups.get(1).selectors()).containsExactly(
                new SourcedSelector(Map.of("environment", "production", "region", "europe"), PROMISE_WORKFLOW),
                new SourcedSelector(Map.of("environment", "dev"), PROMISE));
    }

    @Test
    void directoryThatDoesNotExistInTheOutputIsRejected() {
        assertThatThrownBy(() -> WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("configmap.yaml"),
                COMPLETE_SELECTORS, SchedulingDefaults.NONE))
                .isInstanceOf(InvalidSchedulingInput.class)
                .hasMessage("entry with index 1: directory \"baz\" does not exist in the output (no file below it)");
    }

    @Test
    void aFileNamedLikeADirectoryIsNotThatDirectory() {
        var selectors = DestinationSelectorsFile.parse("- {directory: baz, matchLabels: {a: b}}");
        assertThatThrownBy(() -> WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, List.of("baz", "bazaar/x.yaml"),
                selectors, SchedulingDefaults.NONE)).isInstanceOf(InvalidSchedulingInput.class);
    }
}
