package dev.pledge.cli;

import static dev.pledge.cli.PlanRun.fixture;
import static dev.pledge.cli.PlanRun.plan;
import static dev.pledge.cli.PlanRun.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} end to end from files: the seeds' behaviours as a user would preview them. */
class PlanCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsTheFixedJsonShape() {
        PlanRun run = plan(fixture("common/promise-dev.yaml"), fixture("common/destinations.yaml"));
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode group = run.json().path("groups").get(0);
        assertThat(group.path("work").asText()).isEqualTo("dependencies");
        assertThat(group.path("directory").asText()).isEqualTo(".");
        assertThat(group.path("mode").asText()).isEqualTo("all");
        assertThat(group.path("selector").toString()).isEqualTo("{\"environment\":\"dev\"}");
        assertThat(strings(group.path("destinations"))).containsExactly("dev-1", "dev-2");
        assertThat(group.path("orphaned").isArray()).isTrue();
        assertThat(strings(group.path("orphaned"))).isEmpty();
    }

    @Test
    void dependenciesReachEveryDestinationWhenPromiseHasNoSelector() {
        PlanRun run = plan(fixture("common/promise-no-selector.yaml"), fixture("common/destinations.yaml"));
        assertThat(strings(run.group("dependencies", ".").path("destinations")))
                .containsExactly("dev-1", "dev-2", "pci", "prod");
    }

    @Test
    void promiseUpdateFromDevToProdLeavesTheDevPlacementOrphanedAndTargetsProd() {
        PlanRun run = plan(fixture("seed000"));
        JsonNode group = run.group("dependencies", ".");
        assertThat(strings(group.path("destinations"))).containsExactly("prod-cluster-1");
        assertThat(strings(group.path("orphaned"))).containsExactly("dev-cluster-1");
    }

    @Test
    void directoryGroupIgnoresThePromiseSelectorAndTheRestUsesIt() {
        PlanRun run = plan(fixture("directory"), "--resource-workflow-output", fixture("directory/resource"));
        assertThat(run.status()).isZero();
        assertThat(run.json().path("groups")).extracting(g -> g.path("directory").asText())
                .containsExactly(".", "scheduled-dir");
        JsonNode root = run.group("resource-workflow", ".");
        assertThat(root.path("mode").asText()).isEqualTo("one");
        assertThat(root.path("selector").toString()).isEqualTo("{\"promise\":\"label\"}");
        assertThat(strings(root.path("destinations"))).containsExactly("both", "carried", "promise-only");
        assertThat(strings(root.path("files"))).containsExactly("document-0.yaml", "some-dir/document-1.yaml");
        JsonNode scheduled = run.group("resource-workflow", "scheduled-dir");
        assertThat(scheduled.path("selector").toString()).isEqualTo("{\"workflow\":\"subdir\"}");
        assertThat(strings(scheduled.path("destinations"))).containsExactly("both", "subdir-only");
    }

    @Test
    void promiseWorkflowSelectorsWithoutDirectoryAreCarriedToTheResourceRequest() {
        PlanRun run = plan(fixture("directory"), "--promise-workflow-output", fixture("carried/promise"),
                "--resource-workflow-output", fixture("carried/resource"));
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode promiseGroup = run.group("promise-workflow", ".");
        assertThat(promiseGroup.path("mode").asText()).isEqualTo("all");
        assertThat(strings(promiseGroup.path("destinations"))).containsExactly("carried");
        JsonNode resourceGroup = run.group("resource-workflow", ".");
        assertThat(resourceGroup.path("selector").toString())
                .isEqualTo("{\"promise\":\"label\",\"workflow\":\"another-label\"}");
        assertThat(strings(resourceGroup.path("destinations"))).containsExactly("carried");
    }

    @Test
    void groupsAreSortedByWorkThenDirectory() throws IOException {
        Path promiseOut = workflowOutput("p", List.of("z.yaml", "b/x.yaml", "a/y.yaml"), """
                - {directory: b, matchLabels: {environment: dev}}
                - {directory: a, matchLabels: {environment: prod}}
                """);
        PlanRun run = plan(fixture("common/promise-dev.yaml"), fixture("common/destinations.yaml"),
                "--promise-workflow-output", promiseOut);
        assertThat(run.json().path("groups")).extracting(g -> g.path("work").asText() + " " + g.path("directory").asText())
                .containsExactly("dependencies .", "promise-workflow .", "promise-workflow a", "promise-workflow b");
    }

    @Test
    void promiseSelectorWinsOverBothWorkflowSelectors() throws IOException {
        Path promise = write("promise.yaml", """
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: namespace}
                spec:
                  destinationSelectors: [{matchLabels: {environment: prod}}]
                """);
        PlanRun run = plan(promise, fixture("common/destinations.yaml"),
                "--promise-workflow-output", workflowOutput("p", List.of("a.yaml"), "- matchLabels: {environment: dev}"),
                "--resource-workflow-output", workflowOutput("r", List.of("a.yaml"), "- matchLabels: {environment: staging}"));
        JsonNode group = run.group("resource-workflow", ".");
        assertThat(group.path("selector").toString()).isEqualTo("{\"environment\":\"prod\"}");
        assertThat(strings(group.path("destinations"))).containsExactly("prod");
    }

    @Test
    void resourcePlacementStaysOnItsDestinationWhileItMatches() throws IOException {
        Path placement = placement("my-app", "promise-only", true);
        PlanRun run = plan(fixture("directory"), placement, "--resource-workflow-output", fixture("carried/resource"));
        JsonNode group = run.group("resource-workflow", ".");
        assertThat(strings(group.path("kept"))).containsExactly("promise-only");
        assertThat(strings(group.path("orphaned"))).isEmpty();
    }

    @Test
    void resourcePlacementIsOrphanedInPlaceWhenItsDestinationStopsMatching() throws IOException {
        Path placement = placement("my-app", "subdir-only", true);
        PlanRun run = plan(fixture("directory"), placement, "--resource-workflow-output", fixture("carried/resource"));
        JsonNode group = run.group("resource-workflow", ".");
        assertThat(strings(group.path("orphaned"))).containsExactly("subdir-only");
        assertThat(strings(group.path("kept"))).isEmpty();
    }

    @Test
    void placementsOfAnotherRequestOrWithoutPipelineLabelDoNotBelongToTheGroup() throws IOException {
        Path otherRequest = placement("other-app", "subdir-only", true);
        PlanRun run = plan(fixture("directory"), otherRequest, "--resource-workflow-output", fixture("carried/resource"));
        assertThat(strings(run.group("resource-workflow", ".").path("orphaned"))).isEmpty();

        Path dependencyShaped = placement("", "prod", false);
        Path promise = fixture("common/promise-dev.yaml");
        PlanRun deps = plan(promise, fixture("common/destinations.yaml"), dependencyShaped,
                "--promise-workflow-output", workflowOutput("p", List.of("a.yaml"), null));
        assertThat(strings(deps.group("dependencies", ".").path("orphaned"))).containsExactly("prod");
        assertThat(strings(deps.group("promise-workflow", ".").path("orphaned"))).isEmpty();
    }

    @Test
    void tableExplainsWhyEachDestinationMatchedOrNot() {
        PlanRun run = plan(fixture("common/promise-dev.yaml"), fixture("common/destinations.yaml"), "--output", "table");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("dependencies .  mode=all  selector: environment=dev")
                .containsPattern("dev-1 +yes +target +matches every selector label")
                .containsPattern("prod +no +- +missing label environment=dev \\(has environment=prod\\)")
                .containsPattern("pci +no +- +missing label environment=dev");

        PlanRun unselected = plan(fixture("common/promise-no-selector.yaml"), fixture("common/destinations.yaml"),
                "--output=table");
        assertThat(unselected.out()).containsPattern("strict +no +- +strictMatchLabels and the work has no selector");
    }

    @Test
    void tableShowsOrphansAndTheCandidatesOfAResourceRequest() throws IOException {
        PlanRun orphan = plan(fixture("seed000"), "-o", "table");
        assertThat(orphan.out()).containsPattern("dev-cluster-1 +no +orphaned +holds a placement that is no longer targeted");

        PlanRun kept = plan(fixture("directory"), placement("my-app", "promise-only", true),
                "--resource-workflow-output", fixture("carried/resource"), "--output", "table");
        assertThat(kept.out()).containsPattern("promise-only +yes +kept")
                .containsPattern("carried +yes +candidate .*the request stays on promise-only");
    }

    @Test
    void promiseWithoutDependenciesOrOutputPlansNothing() throws IOException {
        Path promise = write("bare.yaml", """
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: bare}
                spec: {}
                """);
        PlanRun run = plan(promise);
        assertThat(run.status()).isZero();
        assertThat(run.json().path("groups").isEmpty()).isTrue();
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Path workflowOutput(String name, List<String> files, String selectors) throws IOException {
        Path dir = tmp.resolve(name);
        for (String file : files) {
            write(name + "/output/" + file, "kind: ConfigMap\n");
        }
        if (selectors != null) {
            write(name + "/metadata/destination-selectors.yaml", selectors);
        }
        return dir;
    }

    private Path placement(String resourceName, String destination, boolean fromWorkflow) throws IOException {
        String promise = resourceName.isEmpty() ? "namespace" : "app";
        Map<String, String> labels = fromWorkflow ? Map.of("kratix.io/pipeline-name", "instance") : Map.of();
        return write("placement-" + resourceName + "-" + destination + ".yaml", """
                apiVersion: platform.kratix.io/v1alpha1
                kind: WorkPlacement
                metadata:
                  name: wp-%s
                  namespace: default
                  labels: %s
                spec:
                  targetDestinationName: %s
                  promiseName: %s
                  resourceName: "%s"
                  id: 5058f1af8388633f609cadb75a75dc9d
                """.formatted(destination, labels.isEmpty() ? "{}" : "{kratix.io/pipeline-name: instance}",
                destination, promise, resourceName));
    }
}
