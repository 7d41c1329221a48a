package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Work;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.Workload;
import dev.pledge.scheduling.WorkloadGroup;
import dev.pledge.work.WorkloadContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code work-creator} against the real API server, with the examples of seed 004's dynamic scheduling. */
class WorkCreatorCommandTest {
    static final String PROMISE_SELECTOR = "- matchLabels: {promise: label}\n  source: promise\n";
    static final Map<String, String> SEED_OUTPUT = Map.of(
            "document-0.yaml", "kind: ConfigMap\nmetadata: {name: zero}\n",
            "some-dir/document-1.yaml", "kind: ConfigMap\nmetadata: {name: one}\n",
            "scheduled-dir/document-2.yaml", "kind: ConfigMap\nmetadata: {name: two}\n",
            "scheduled-dir/document-3.yaml", "kind: ConfigMap\nmetadata: {name: three}\n");

    @TempDir
    Path files;

    /** Lays out {@code /work-creator-files} as the Job mounts it. */
    Path layout(Map<String, String> output, String destinationSelectors, String promiseScheduling) throws IOException {
        Path root = files.resolve("work-creator-files");
        Files.createDirectories(root.resolve("input"));
        Files.createDirectories(root.resolve("metadata"));
        Files.createDirectories(root.resolve("kratix-system"));
        for (Map.Entry<String, String> file : output.entrySet()) {
            Path path = root.resolve("input").resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        if (destinationSelectors != null) {
            Files.writeString(root.resolve("metadata/destination-selectors.yaml"), destinationSelectors);
        }
        if (promiseScheduling != null) {
            Files.writeString(root.resolve("kratix-system/promise-scheduling"), promiseScheduling);
        }
        return root;
    }

    static AdapterFixture.Run resourceWorkCreator(Path root, String namespace, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("work-creator", "--input-directory", root.toString(),
                "--promise-name", "database", "--pipeline-name", "instance", "--namespace", namespace,
                "--workflow-type", "resource", "--resource-name", name));
        args.addAll(List.of(extra));
        return AdapterFixture.run(AdapterFixture.resourceEnv("database", "instance", namespace, name),
                args.toArray(String[]::new));
    }

    static Work onlyWork(String namespace, Map<String, String> labels) {
        List<Work> works = AdapterFixture.client().resources(Work.class).inNamespace(namespace).withLabels(labels)
                .list().getItems();
        assertThat(works).hasSize(1);
        return works.get(0);
    }

    static Map<String, String> resourceLabels(String name) {
        return Map.of(KratixLabels.PROMISE_NAME, "database", KratixLabels.PIPELINE_NAME, "instance",
                KratixLabels.WORK_TYPE, "resource", KratixLabels.RESOURCE_NAME, name);
    }

    static WorkSpec.WorkloadGroup group(Work work, String directory) {
        return work.getSpec().getWorkloadGroups().stream().filter(g -> g.getDirectory().equals(directory))
                .findFirst().orElseThrow();
    }

    static List<String> paths(WorkSpec.WorkloadGroup group) {
        return group.getWorkloads().stream().map(Workload::getFilepath).toList();
    }

    static List<String> selectors(WorkSpec.WorkloadGroup group) {
        return group.getDestinationSelectors().stream().map(s -> s.getSource() + " " + s.getMatchLabels()).toList();
    }

    @Test
    void aScheduledDirectoryGetsItsOwnGroupWithOnlyTheWorkflowSelectorAndTheRestFollowsThePromise() throws IOException {
        AdapterFixture.database("wc-dir", "orders", Map.of(), null);
        Path root = layout(SEED_OUTPUT, "- directory: scheduled-dir\n  matchLabels: {workflow: subdir}\n",
                PROMISE_SELECTOR);

        AdapterFixture.Run run = resourceWorkCreator(root, "wc-dir", "orders");

        assertThat(run.status()).as(run.err()).isZero();
        Work work = onlyWork("wc-dir", resourceLabels("orders"));
        assertThat(work.getMetadata().getName()).matches("database-orders-instance-[0-9a-f]{5}");
        assertThat(work.getSpec().getPromiseName()).isEqualTo("database");
        assertThat(work.getSpec().getResourceName()).isEqualTo("orders");
        assertThat(work.getSpec().getLastExecutionTimestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(work.getSpec().getWorkloadGroups()).extracting(WorkSpec.WorkloadGroup::getDirectory)
                .containsExactly("scheduled-dir", ".");

        WorkSpec.WorkloadGroup scheduled = group(work, "scheduled-dir");
        assertThat(scheduled.getId()).isEqualTo(WorkloadGroup.idOf("scheduled-dir"));
        assertThat(paths(scheduled)).containsExactly("scheduled-dir/document-2.yaml", "scheduled-dir/document-3.yaml");
        assertThat(selectors(scheduled)).containsExactly("resource-workflow {workflow=subdir}");

        WorkSpec.WorkloadGroup rest = group(work, ".");
        assertThat(rest.getId()).isEqualTo(WorkloadGroup.ROOT_ID);
        assertThat(paths(rest)).containsExactly("document-0.yaml", "some-dir/document-1.yaml");
        assertThat(selectors(rest)).containsExactly("promise {promise=label}");
        assertThat(new String(WorkloadContent.decode(rest.getWorkloads().get(1).getContent()), StandardCharsets.UTF_8))
                .isEqualTo(SEED_OUTPUT.get("some-dir/document-1.yaml"));
    }

    @Test
    void byDefaultTheWorkflowSelectorIsAddedToThePromiseSelector() throws IOException {
        AdapterFixture.database("wc-default", "orders", Map.of(), null);
        Path root = layout(SEED_OUTPUT, "- matchLabels: {workflow: another-label}\n", PROMISE_SELECTOR);

        AdapterFixture.Run run = resourceWorkCreator(root, "wc-default", "orders");

        assertThat(run.status()).as(run.err()).isZero();
        Work work = onlyWork("wc-default", resourceLabels("orders"));
        assertThat(work.getSpec().getWorkloadGroups()).hasSize(1);
        WorkSpec.WorkloadGroup root0 = group(work, ".");
        assertThat(paths(root0)).hasSize(4);
        assertThat(selectors(root0)).containsExactly("resource-workflow {workflow=another-label}",
                "promise {promise=label}");
    }

    @Test
    void aSecondRunReplacesTheSpecOfTheSameWork() throws IOException {
        AdapterFixture.database("wc-rerun", "orders", Map.of(), null);
        Path root = layout(Map.of("first.yaml", "a: 1\n"), null, null);
        assertThat(resourceWorkCreator(root, "wc-rerun", "orders").status()).isZero();
        String name = onlyWork("wc-rerun", resourceLabels("orders")).getMetadata().getName();

        Files.delete(root.resolve("input/first.yaml"));
        Files.writeString(root.resolve("input/second.yaml"), "b: 2\n");
        AdapterFixture.Run second = resourceWorkCreator(root, "wc-rerun", "orders");

        assertThat(second.status()).as(second.err()).isZero();
        Work work = onlyWork("wc-rerun", resourceLabels("orders"));
        assertThat(work.getMetadata().getName()).isEqualTo(name);
        assertThat(paths(group(work, "."))).containsExactly("second.yaml");
        assertThat(selectors(group(work, "."))).isEmpty();
    }

    @Test
    void aPromiseWorkflowsSelectorsCarryThePromiseWorkflowSource() throws IOException {
        Path root = layout(Map.of("dependency.yaml", "kind: Namespace\n"), "- matchLabels: {workflow: label}\n",
                PROMISE_SELECTOR);
        Map<String, String> env = AdapterFixture.resourceEnv("database", "promise-setup", "unused", "unused");
        AdapterFixture.namespace("wc-promise");

        AdapterFixture.Run run = AdapterFixture.run(env, "work-creator", "--input-directory", root.toString(),
                "--promise-name", "database", "--pipeline-name", "promise-setup", "--namespace", "wc-promise",
                "--workflow-type", "promise");

        assertThat(run.status()).as(run.err()).isZero();
        Work work = onlyWork("wc-promise", Map.of(KratixLabels.PROMISE_NAME, "database", KratixLabels.PIPELINE_NAME,
                "promise-setup", KratixLabels.WORK_TYPE, "promise"));
        assertThat(work.getMetadata().getName()).matches("database-promise-setup-[0-9a-f]{5}");
        assertThat(work.getMetadata().getLabels()).doesNotContainKey(KratixLabels.RESOURCE_NAME);
        assertThat(work.getSpec().getResourceName()).isEmpty();
        assertThat(selectors(group(work, "."))).containsExactly("promise-workflow {workflow=label}",
                "promise {promise=label}");
    }

    @Test
    void aResourceRequestInheritsThePromiseWorkflowsDefaultFromTheSchedulingConfigMap() throws IOException {
        AdapterFixture.database("wc-inherit", "orders", Map.of(), null);
        Path root = layout(Map.of("app.yaml", "kind: Deployment\n"), null, PROMISE_SELECTOR
                + "- matchLabels: {workflow: another-label}\n  source: promise-workflow\n"
                + "- matchLabels: {promise: ignored, zone: eu}\n  source: promise\n");

        AdapterFixture.Run run = resourceWorkCreator(root, "wc-inherit", "orders");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(selectors(group(onlyWork("wc-inherit", resourceLabels("orders")), ".")))
                .containsExactly("promise {promise=label, zone=eu}", "promise-workflow {workflow=another-label}");
    }

    @Test
    void theResourceNamespaceNamesAndLabelsTheWorkWhenGiven() throws IOException {
        AdapterFixture.database("wc-team", "orders", Map.of(), null);
        AdapterFixture.namespace("wc-pipelines");
        Path root = layout(Map.of("app.yaml", "kind: Deployment\n"), null, null);

        AdapterFixture.Run run = resourceWorkCreator(root, "wc-pipelines", "orders", "--resource-namespace", "wc-team");

        assertThat(run.status()).as(run.err()).isZero();
        Work work = onlyWork("wc-pipelines", Map.of(KratixLabels.RESOURCE_NAMESPACE, "wc-team"));
        assertThat(work.getMetadata().getName()).matches("database-orders-wc-team-instance-[0-9a-f]{5}");
        assertThat(work.getMetadata().getLabels()).containsAllEntriesOf(resourceLabels("orders"));
    }

    @Test
    void noOutputStillMakesAWorkWithoutGroups() throws IOException {
        AdapterFixture.database("wc-empty", "orders", Map.of(), null);
        Path root = layout(Map.of(), null, "[]\n");

        AdapterFixture.Run run = resourceWorkCreator(root, "wc-empty", "orders");

        assertThat(run.status()).as(run.err()).isZero();
        Work work = onlyWork("wc-empty", resourceLabels("orders"));
        assertThat(work.getSpec().getWorkloadGroups()).isNullOrEmpty();
    }

    @Test
    void anUnparseableDestinationSelectorsFileFailsAndIsRecordedOnTheRequest() throws IOException {
        assertRejected("wc-bad-yaml", "- matchLabels: {workflow: [unclosed\n", "unparseable YAML");
    }

    @Test
    void aDestinationSelectorsFileThatIsNotAListFailsAndIsRecordedOnTheRequest() throws IOException {
        assertRejected("wc-not-list", "matchLabels: {workflow: subdir}\n", "not a list");
    }

    @Test
    void aDestinationSelectorsEntryForAMissingDirectoryFailsAndIsRecordedOnTheRequest() throws IOException {
        assertRejected("wc-no-dir", "- directory: nowhere\n  matchLabels: {workflow: subdir}\n",
                "directory \"nowhere\" does not exist");
    }

    @Test
    void aPipelineThatSuspendsOrAsksForARetryWritesNoWork() throws IOException {
        AdapterFixture.database("wc-suspend", "orders", Map.of(), null);
        Path root = layout(SEED_OUTPUT, null, PROMISE_SELECTOR);
        Files.writeString(root.resolve("metadata/workflow-control.yaml"), "suspend: true\nmessage: wait\n");

        assertThat(resourceWorkCreator(root, "wc-suspend", "orders").status()).isZero();
        assertThat(AdapterFixture.client().resources(Work.class).inNamespace("wc-suspend").list().getItems()).isEmpty();
    }

    @Test
    void aPromiseWorkflowPipelineThatSuspendsWritesNoWorkEither() throws IOException {
        Path root = layout(Map.of("dependency.yaml", "kind: Namespace\n"), null, PROMISE_SELECTOR);
        Files.writeString(root.resolve("metadata/workflow-control.yaml"), "retryAfter: 5s\n");
        Map<String, String> env = AdapterFixture.resourceEnv("database", "promise-setup", "unused", "unused");
        AdapterFixture.namespace("wc-promise-suspend");

        AdapterFixture.Run run = AdapterFixture.run(env, "work-creator", "--input-directory", root.toString(),
                "--promise-name", "database", "--pipeline-name", "promise-setup", "--namespace", "wc-promise-suspend",
                "--workflow-type", "promise");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(AdapterFixture.client().resources(Work.class).inNamespace("wc-promise-suspend").list().getItems())
                .isEmpty();
    }

    @Test
    void aRetryLeavesTheWorkOfTheLastFinishedRunAsItWas() throws IOException {
        AdapterFixture.database("wc-retry", "orders", Map.of(), null);
        Path root = layout(Map.of("first.yaml", "a: 1\n"), null, null);
        assertThat(resourceWorkCreator(root, "wc-retry", "orders").status()).isZero();

        Files.writeString(root.resolve("input/second.yaml"), "b: 2\n");
        Files.writeString(root.resolve("metadata/workflow-control.yaml"), "retryAfter: 10m\n");
        assertThat(resourceWorkCreator(root, "wc-retry", "orders").status()).isZero();

        Work work = onlyWork("wc-retry", resourceLabels("orders"));
        assertThat(paths(group(work, "."))).containsExactly("first.yaml");
    }

    @Test
    void aMalformedWorkflowControlFileFailsAndIsRecordedOnTheRequest() throws IOException {
        AdapterFixture.database("wc-control", "orders", Map.of(), Map.of("message", "Pending"));
        Path root = layout(SEED_OUTPUT, null, PROMISE_SELECTOR);
        Files.writeString(root.resolve("metadata/workflow-control.yaml"), "retryAfter: later\n");

        AdapterFixture.Run run = resourceWorkCreator(root, "wc-control", "orders");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("instance: workflow-control.yaml: retryAfter \"later\" is not a positive "
                + "duration").doesNotContain("Exception");
        Map<String, Object> status = AdapterFixture.status("wc-control", "orders");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted")).containsEntry("status", "False")
                .containsEntry("reason", "InvalidPipelineOutput").containsEntry("message", run.err().strip());
        assertThat(AdapterFixture.client().resources(Work.class).inNamespace("wc-control").list().getItems()).isEmpty();
    }

    /** Issue 11: such names were written to Git, where a newline splits them and a bidi override disguises them. */
    @Test
    void outputFileNamesWithANewlineOrABidiOverrideAreRefusedAndRecordedOnTheRequest() throws IOException {
        assertOutputRefused("wc-newline", "two\nlines.yaml", "output/two\\u000Alines.yaml: contains a control "
                + "character (U+000A)");
        assertOutputRefused("wc-bidi", "invoice\u202Elmy.yaml", "output/invoice\\u202Elmy.yaml: contains a Unicode "
                + "bidirectional control character (U+202E)");
    }

    private void assertOutputRefused(String namespace, String fileName, String message) throws IOException {
        AdapterFixture.database(namespace, "orders", Map.of(), Map.of("message", "Pending"));
        Path root = layout(Map.of("fine.yaml", "kind: ConfigMap\n"), null, PROMISE_SELECTOR);
        Files.writeString(root.resolve("input").resolve(fileName), "kind: ConfigMap\n");

        AdapterFixture.Run run = resourceWorkCreator(root, namespace, "orders");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().isEqualTo("instance: " + message);
        Map<String, Object> status = AdapterFixture.status(namespace, "orders");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted"))
                .containsEntry("reason", "InvalidPipelineOutput").containsEntry("message", run.err().strip());
        assertThat(AdapterFixture.client().resources(Work.class).inNamespace(namespace).list().getItems()).isEmpty();
    }

    private void assertRejected(String namespace, String selectorsFile, String reason) throws IOException {
        AdapterFixture.database(namespace, "orders", Map.of(), Map.of("message", "Pending"));
        Path root = layout(SEED_OUTPUT, selectorsFile, PROMISE_SELECTOR);

        AdapterFixture.Run run = resourceWorkCreator(root, namespace, "orders");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("instance: destination-selectors.yaml: ").contains(reason)
                .doesNotContain("Exception");
        Map<String, Object> status = AdapterFixture.status(namespace, "orders");
        Map<String, Object> condition = AdapterFixture.condition(status, "ConfigureWorkflowCompleted");
        assertThat(condition).containsEntry("status", "False").containsEntry("reason", "InvalidPipelineOutput")
                .containsEntry("message", run.err().strip());
        assertThat(status).containsEntry("message", run.err().strip());
        assertThat(AdapterFixture.client().resources(Work.class).inNamespace(namespace).list().getItems()).isEmpty();
    }
}
