package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code update-status} against the real API server. */
class UpdateStatusCommandTest {
    static final Map<String, Object> CONTROLLER_STATUS = Map.of(
            "message", "Pending",
            "conditions", List.of(
                    Map.of("type", "ConfigureWorkflowCompleted", "status", "False", "reason", "PipelinesInProgress",
                            "message", "Pipelines are still in progress", "lastTransitionTime", "2025-01-01T00:00:00Z"),
                    Map.of("type", "Ready", "status", "False", "reason", "Pending", "message", "Pending",
                            "lastTransitionTime", "2025-01-01T00:00:00Z")),
            "kratix", Map.of("workflows", Map.of("pipelines", List.of(
                    Map.of("name", "instance", "phase", "Running"),
                    Map.of("name", "notify", "phase", "Pending")))));

    @TempDir
    Path metadata;

    AdapterFixture.Run updateStatus(String namespace, String pipeline, boolean last, String statusFile)
            throws IOException {
        if (statusFile != null) {
            Files.writeString(metadata.resolve("status.yaml"), statusFile);
        }
        Map<String, String> env = new HashMap<>(AdapterFixture.resourceEnv("database", pipeline, namespace, "orders"));
        env.put("IS_LAST_PIPELINE", Boolean.toString(last));
        env.put("METADATA_DIR", metadata.toString());
        return AdapterFixture.run(env, "update-status");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLastPipelineMergesStatusYamlAndCompletesTheConfigureWorkflow() throws IOException {
        AdapterFixture.database("us-last", "orders", Map.of(), CONTROLLER_STATUS);

        AdapterFixture.Run run = updateStatus("us-last", "instance", true, """
                connectionString: postgres://orders
                conditions:
                  - {type: Ready, status: "True", reason: Provisioned, message: Up, lastTransitionTime: "2025-02-02T00:00:00Z"}
                  - {type: DatabaseHealthy, status: "True", reason: Probed, message: ok, lastTransitionTime: "2025-02-02T00:00:00Z"}
                """);

        assertThat(run.status()).as(run.err()).isZero();
        Map<String, Object> status = AdapterFixture.status("us-last", "orders");
        assertThat(status).containsEntry("connectionString", "postgres://orders")
                .containsEntry("message", "Resource requested");
        assertThat(AdapterFixture.condition(status, "Ready")).containsEntry("reason", "Provisioned");
        assertThat(AdapterFixture.condition(status, "DatabaseHealthy")).containsEntry("status", "True");
        Map<String, Object> completed = AdapterFixture.condition(status, "ConfigureWorkflowCompleted");
        assertThat(completed).containsEntry("status", "True").containsEntry("reason", "PipelinesExecutedSuccessfully")
                .containsEntry("message", "Pipelines completed");
        String time = (String) completed.get("lastTransitionTime");
        assertThat(time).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ").isNotEqualTo("2025-01-01T00:00:00Z");
        assertThat(status).containsEntry("lastSuccessfulConfigureWorkflowTime", time);
        Map<String, Object> workflows = (Map<String, Object>) ((Map<String, Object>) status.get("kratix")).get("workflows");
        assertThat(workflows).containsEntry("lastSuccessfulConfigureWorkflowTime", time);
        assertThat((List<Map<String, Object>>) workflows.get("pipelines")).as("the controller's, left as it wrote them")
                .containsExactly(Map.of("name", "instance", "phase", "Running"), Map.of("name", "notify", "phase", "Pending"));
    }

    @Test
    void anEarlierPipelineMergesItsStatusButLeavesTheWorkflowInProgress() throws IOException {
        AdapterFixture.database("us-first", "orders", Map.of(), CONTROLLER_STATUS);

        AdapterFixture.Run run = updateStatus("us-first", "instance", false, "message: provisioning\n");

        assertThat(run.status()).as(run.err()).isZero();
        Map<String, Object> status = AdapterFixture.status("us-first", "orders");
        assertThat(status).containsEntry("message", "provisioning").doesNotContainKey("lastSuccessfulConfigureWorkflowTime");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted")).containsEntry("status", "False");
    }

    @Test
    void withoutStatusYamlTheLastPipelineStillCompletesTheWorkflowAndKeepsACustomMessage() throws IOException {
        AdapterFixture.database("us-none", "orders", Map.of(), Map.of("message", "ready soon"));

        AdapterFixture.Run run = updateStatus("us-none", "instance", true, null);

        assertThat(run.status()).as(run.err()).isZero();
        Map<String, Object> status = AdapterFixture.status("us-none", "orders");
        assertThat(status).containsEntry("message", "ready soon");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted")).containsEntry("status", "True");
    }

    @Test
    void aStatusYamlWithAKratixKeyFailsAndIsRecordedOnTheRequest() throws IOException {
        assertRejected("us-kratix", "kratix: {workflows: {}}\nmessage: hi\n", "\"kratix\" key is managed by Kratix");
    }

    @Test
    void anUnparseableStatusYamlFailsAndIsRecordedOnTheRequest() throws IOException {
        assertRejected("us-bad-yaml", "message: [unclosed\n", "unparseable YAML");
    }

    @Test
    void aStatusYamlThatIsNotAMappingFailsAndIsRecordedOnTheRequest() throws IOException {
        assertRejected("us-list", "- message: hi\n", "expected a mapping of status fields");
    }

    // ---- workflow control

    @Test
    void aSuspendingLastPipelineLabelsTheRequestMarksItsPipelineSuspendedAndDoesNotCompleteTheWorkflow()
            throws IOException {
        AdapterFixture.database("us-suspend", "orders", Map.of(), CONTROLLER_STATUS);
        Files.writeString(metadata.resolve("workflow-control.yaml"), "suspend: true\nmessage: waiting for approval\n");

        AdapterFixture.Run run = updateStatus("us-suspend", "instance", true, "message: almost\n");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(AdapterFixture.get("us-suspend", "orders").getMetadata().getLabels())
                .containsEntry("kratix.io/workflow-suspended", "true");
        Map<String, Object> status = AdapterFixture.status("us-suspend", "orders");
        assertThat(status).containsEntry("message", "almost");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted")).containsEntry("status", "False");
        assertThat(workflows(status)).containsEntry("suspendedGeneration", 1);
        assertThat(pipelines(status).get(0)).containsEntry("phase", "Suspended")
                .containsEntry("message", "waiting for approval").doesNotContainKeys("nextRetryAt", "attempts");
        assertThat(pipelines(status).get(1)).isEqualTo(Map.of("name", "notify", "phase", "Pending"));
    }

    @Test
    void aRetryRecordsWhenThePipelineRunsAgainAndCountsItsAttempts() throws IOException {
        AdapterFixture.database("us-retry", "orders", Map.of(), CONTROLLER_STATUS);
        Files.writeString(metadata.resolve("workflow-control.yaml"), "retryAfter: 10m\nsuspend: false\n");

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(updateStatus("us-retry", "instance", false, null).status()).isZero();
        Map<String, Object> first = pipelines(AdapterFixture.status("us-retry", "orders")).get(0);
        assertThat(first).containsEntry("phase", "Suspended").containsEntry("attempts", 1);
        assertThat(Instant.parse((String) first.get("nextRetryAt")))
                .isBetween(before.plusSeconds(600), Instant.now().plusSeconds(601));

        assertThat(updateStatus("us-retry", "instance", false, null).status()).isZero();
        assertThat(pipelines(AdapterFixture.status("us-retry", "orders")).get(0)).containsEntry("attempts", 2);

        Files.delete(metadata.resolve("workflow-control.yaml"));
        assertThat(updateStatus("us-retry", "instance", false, null).status()).isZero();
        assertThat(pipelines(AdapterFixture.status("us-retry", "orders")).get(0)).as("a run that asks nothing")
                .containsEntry("phase", "Running").doesNotContainKeys("attempts", "nextRetryAt", "message");
    }

    @Test
    void aMalformedWorkflowControlFileFailsAndIsRecordedOnTheRequest() throws IOException {
        AdapterFixture.database("us-control", "orders", Map.of(), CONTROLLER_STATUS);
        Files.writeString(metadata.resolve("workflow-control.yaml"), "suspend: sometimes\n");

        AdapterFixture.Run run = updateStatus("us-control", "instance", true, null);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("instance: workflow-control.yaml: suspend must be true or false");
        Map<String, Object> status = AdapterFixture.status("us-control", "orders");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted"))
                .containsEntry("reason", "InvalidPipelineOutput");
        Map<String, String> labels = AdapterFixture.get("us-control", "orders").getMetadata().getLabels();
        assertThat(labels == null ? Map.<String, String>of() : labels).doesNotContainKey("kratix.io/workflow-suspended");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> workflows(Map<String, Object> status) {
        return (Map<String, Object>) ((Map<String, Object>) status.get("kratix")).get("workflows");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pipelines(Map<String, Object> status) {
        return (List<Map<String, Object>>) workflows(status).get("pipelines");
    }

    private void assertRejected(String namespace, String statusFile, String reason) throws IOException {
        AdapterFixture.database(namespace, "orders", Map.of(), CONTROLLER_STATUS);

        AdapterFixture.Run run = updateStatus(namespace, "instance", true, statusFile);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("instance: status.yaml: ").contains(reason).doesNotContain("Exception");
        Map<String, Object> status = AdapterFixture.status(namespace, "orders");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted"))
                .containsEntry("status", "False").containsEntry("reason", "InvalidPipelineOutput")
                .containsEntry("message", run.err().strip());
        assertThat(status).containsEntry("message", run.err().strip()).doesNotContainKey("connectionString");
        assertThat(AdapterFixture.condition(status, "Ready")).containsEntry("reason", "Pending");
    }
}
