package dev.pledge.controller;

import static dev.pledge.controller.WorkflowControllerTest.promiseWithApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseStatus;
import dev.pledge.promise.PromiseApi;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.testing.GitStores;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.workflow.WorkflowProgress.JobState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kratix's day-two controls of a workflow, end to end on the real control plane with the kubelet stand-in: pausing
 * a Promise or a request, failed attempts while a Job retries, pruning Jobs of removed pipelines, a pipeline that
 * suspends its workflow or asks for a retry.
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class DayTwoWorkflowTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** How long nothing must happen to show that a paused object starts no Job. */
    static final Duration QUIET = Duration.ofSeconds(4);
    final KubernetesClient client = ControlPlane.client();

    @BeforeAll
    static void kubelet() {
        KubeletStandIn.start(KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
    }

    // ---- pause

    @Test
    void pausedRequestStartsNoJobAndUnpausingRunsItAgainFromTheFirstPipeline() {
        String name = "dt-pause";
        setUp(name);
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render", "report")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));
        awaitRequest(name, "orders", s -> "True".equals(conditionStatus(s, "ConfigureWorkflowCompleted")));
        assertThat(jobs(name)).hasSize(2);

        label(request(name, "orders"), KratixLabels.PAUSED, "true");
        Map<String, Object> paused = awaitRequest(name, "orders",
                s -> "PausedReconciliation".equals(reason(s, "Reconciled")));
        assertThat(condition(paused, "Reconciled")).containsEntry("status", "Unknown").containsEntry("message", "Paused");
        awaitEvent("orders", "PausedReconciliation");
        // a spec change would re-run the workflow; while paused it starts nothing
        request(name, "orders").edit(r -> {
            r.getAdditionalProperties().put("spec", Map.of("size", "large"));
            return r;
        });
        await().during(QUIET).atMost(QUIET.plusSeconds(30)).until(() -> jobs(name).size() == 2);

        label(request(name, "orders"), KratixLabels.PAUSED, null);
        await().atMost(TIMEOUT).until(() -> jobs(name).size() == 4);
        Map<String, Object> resumed = awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s)
                .equals(List.of("render=Succeeded", "report=Succeeded")) && condition(s, "Reconciled") == null
                && jobs(name).stream().allMatch(j -> WorkflowRunner.state(j) == JobState.SUCCEEDED));
        assertThat(conditionStatus(resumed, "ConfigureWorkflowCompleted")).isEqualTo("True");
        assertThat(jobs(name)).filteredOn(j -> "render".equals(j.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME)))
                .hasSize(2);
    }

    @Test
    void pausedPromiseIsUnavailableAndPausesItsRequestsUntilUnpaused() {
        String name = "dt-ppause";
        setUp(name);
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));
        awaitRequest(name, "orders", s -> "True".equals(conditionStatus(s, "ConfigureWorkflowCompleted")));

        label(client.resources(Promise.class).withName(name), KratixLabels.PAUSED, "true");
        Promise promise = await().atMost(TIMEOUT).until(() -> client.resources(Promise.class).withName(name).get(),
                p -> p.getStatus() != null && "Unavailable".equals(p.getStatus().getStatus()));
        Condition available = Conditions.find(promise.getStatus().getConditions(), "Available").orElseThrow();
        assertThat(available.getReason()).isEqualTo("PausedReconciliation");
        assertThat(available.getMessage()).isEqualTo("Paused");
        assertThat(Conditions.find(promise.getStatus().getConditions(), "Reconciled").orElseThrow().getStatus())
                .isEqualTo("Unknown");
        awaitRequest(name, "orders", s -> "PausedReconciliation".equals(reason(s, "Reconciled")));
        createRequest(name, "later", Map.of("size", "small"));
        awaitRequest(name, "later", s -> "PausedReconciliation".equals(reason(s, "Reconciled")));
        await().during(QUIET).atMost(QUIET.plusSeconds(30)).until(() -> jobs(name).size() == 1);

        label(client.resources(Promise.class).withName(name), KratixLabels.PAUSED, null);
        awaitAvailable(name);
        awaitRequest(name, "later", s -> "True".equals(conditionStatus(s, "ConfigureWorkflowCompleted")));
        awaitRequest(name, "orders", s -> condition(s, "Reconciled") == null);
        await().atMost(TIMEOUT).until(() -> jobs(name).size() == 3);
    }

    // ---- Job retention

    @Test
    void jobsOfAPipelineRemovedFromThePromiseArePruned() {
        String name = "dt-prune";
        setUp(name);
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render", "report")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));
        awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s)
                .equals(List.of("render=Succeeded", "report=Succeeded")));
        assertThat(pipelineJobs(name, "report")).hasSize(1);

        Promise withoutReport = promiseWithApi(name, Map.of("suite", name), pipelines(name, "render"));
        client.resources(Promise.class).withName(name).edit(p -> {
            p.setSpec(withoutReport.getSpec());
            return p;
        });

        awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s).equals(List.of("render=Succeeded")));
        await().atMost(TIMEOUT).until(() -> pipelineJobs(name, "report").isEmpty());
        assertThat(pipelineJobs(name, "render")).hasSize(2);
    }

    // ---- reconcile-resources and the Promise's rollout

    @Test
    void reconcileResourcesRerunsEveryRequestAndTheRolloutEndsShowingTheFinalCounts() {
        String name = "dt-rerun";
        setUp(name);
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render")));
        awaitAvailable(name);
        List<String> requests = List.of("a", "b", "c");
        requests.forEach(r -> createRequest(name, r, Map.of("size", "small")));
        requests.forEach(r -> awaitRequest(name, r, s -> "True".equals(conditionStatus(s, "ConfigureWorkflowCompleted"))));
        awaitRollout(name, "requests=3 upToDate=3 running=0 waiting=0 failed=0");

        label(client.resources(Promise.class).withName(name), KratixLabels.RECONCILE_RESOURCES, "true");

        await().atMost(TIMEOUT).until(() -> jobs(name).size() == 6
                && jobs(name).stream().allMatch(j -> WorkflowRunner.state(j) == JobState.SUCCEEDED));
        assertThat(client.resources(Promise.class).withName(name).get().getMetadata().getLabels())
                .as("the label goes once the re-runs are asked for").doesNotContainKey(KratixLabels.RECONCILE_RESOURCES);
        // the counts of the finished re-runs, not those of a moment during them, and they stay
        awaitRollout(name, "requests=3 upToDate=3 running=0 waiting=0 failed=0");
        await().during(QUIET).atMost(QUIET.plusSeconds(30))
                .until(() -> rollout(name).equals("requests=3 upToDate=3 running=0 waiting=0 failed=0"));
    }

    void awaitRollout(String promise, String counts) {
        await().atMost(TIMEOUT).until(() -> rollout(promise), counts::equals);
    }

    String rollout(String promise) {
        Promise p = client.resources(Promise.class).withName(promise).get();
        var r = p == null || p.getStatus() == null ? null : p.getStatus().getRollout();
        return r == null ? "none" : "requests=" + r.getRequests() + " upToDate=" + r.getUpToDate() + " running="
                + r.getRunning() + " waiting=" + r.getWaiting() + " failed=" + r.getFailed();
    }

    // ---- failed attempts while a Job retries

    @Test
    void failedAttemptsAreVisibleWhileTheJobRetries() {
        String name = "dt-retry";
        setUp(name);
        AtomicInteger tries = new AtomicInteger();
        KubeletStandIn.register("example.org/" + name + ":v1", step -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is not reachable yet");
            }
            Files.writeString(step.output().resolve("db.yaml"), "kind: Database\n");
        });
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render").replace("backoffLimit: 1",
                "backoffLimit: 2")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));

        Map<String, Object> retrying = awaitRequest(name, "orders", s -> pipeline(s, "render") != null
                && Integer.valueOf(1).equals(pipeline(s, "render").get("attempts")));
        assertThat(pipeline(retrying, "render")).containsEntry("phase", "Running");
        assertThat(String.valueOf(pipeline(retrying, "render").get("message")))
                .startsWith("attempt 1 failed: ").contains("render").contains("the database is not reachable yet");
        awaitEvent("orders", "PipelineAttemptFailed");
        Map<String, Object> done = awaitRequest(name, "orders",
                s -> WorkflowControllerTest.pipelinePhases(s).equals(List.of("render=Succeeded")));
        assertThat(conditionStatus(done, "ConfigureWorkflowCompleted")).isEqualTo("True");
        assertThat(pipeline(done, "render")).doesNotContainKey("attempts");
        assertThat(jobs(name)).hasSize(1);
    }

    // ---- workflow control (workflow-control.yaml)

    @Test
    void aPipelineThatSuspendsHoldsTheRequestAndRemovingTheLabelResumesFromThatPipeline() {
        String name = "dt-suspend";
        setUp(name);
        approveSuspendingOnce("example.org/" + name + ":v1");
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render", "approve", "report")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));

        // the label comes first, then the status writer's entry: the controller may hold the request in between
        Map<String, Object> suspended = awaitRequest(name, "orders",
                s -> "WorkflowSuspended".equals(reason(s, "Reconciled")) && pipeline(s, "approve") != null
                        && "Suspended".equals(pipeline(s, "approve").get("phase")));
        assertThat(pipeline(suspended, "approve")).containsEntry("phase", "Suspended")
                .containsEntry("message", "waiting for approval");
        assertThat(pipeline(suspended, "render")).containsEntry("phase", "Succeeded");
        assertThat(pipeline(suspended, "report")).containsEntry("phase", "Pending");
        assertThat(condition(suspended, "Reconciled")).containsEntry("status", "Unknown")
                .containsEntry("message", "Suspended");
        assertThat(conditionStatus(suspended, "ConfigureWorkflowCompleted")).isEqualTo("False");
        assertThat(request(name, "orders").get().getMetadata().getLabels())
                .containsEntry(KratixLabels.WORKFLOW_SUSPENDED, "true");
        awaitEvent("orders", "WorkflowSuspended");
        await().during(QUIET).atMost(QUIET.plusSeconds(30)).until(() -> jobs(name).size() == 2);
        assertThat(works(name, "approve")).as("a suspended pipeline writes no Work").isEmpty();
        assertThat(works(name, "render")).hasSize(1);

        label(request(name, "orders"), KratixLabels.WORKFLOW_SUSPENDED, null);
        Map<String, Object> done = awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s)
                .equals(List.of("render=Succeeded", "approve=Succeeded", "report=Succeeded")));
        assertThat(conditionStatus(done, "ConfigureWorkflowCompleted")).isEqualTo("True");
        assertThat(condition(done, "Reconciled")).isNull();
        assertThat(pipelineJobs(name, "render")).as("resumed from the suspended pipeline, not the first").hasSize(1);
        assertThat(pipelineJobs(name, "approve")).hasSize(2);
        assertThat(works(name, "approve")).hasSize(1);
    }

    @Test
    void manualReconciliationOfASuspendedRequestRunsItAgainFromTheFirstPipeline() {
        String name = "dt-susp-manual";
        setUp(name);
        AtomicInteger runs = new AtomicInteger();
        KubeletStandIn.register("example.org/" + name + ":v1", step -> {
            String pipeline = step.env().get("KRATIX_PIPELINE_NAME");
            Files.writeString(step.output().resolve(pipeline + ".yaml"), "kind: Thing\n");
            if ("report".equals(pipeline) && runs.incrementAndGet() == 1) {
                Files.writeString(step.metadata().resolve("workflow-control.yaml"), "suspend: true\n");
            }
        });
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render", "report")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));
        awaitRequest(name, "orders", s -> "WorkflowSuspended".equals(reason(s, "Reconciled")));

        label(request(name, "orders"), KratixLabels.MANUAL_RECONCILIATION, "true");

        Map<String, Object> done = awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s)
                .equals(List.of("render=Succeeded", "report=Succeeded")));
        assertThat(conditionStatus(done, "ConfigureWorkflowCompleted")).isEqualTo("True");
        assertThat(pipelineJobs(name, "render")).as("run again from the first pipeline").hasSize(2);
        assertThat(request(name, "orders").get().getMetadata().getLabels())
                .doesNotContainKeys(KratixLabels.WORKFLOW_SUSPENDED, KratixLabels.MANUAL_RECONCILIATION);
    }

    @Test
    void aPipelineAskingForARetryRunsAgainAfterRetryAfterAndThenCompletes() {
        String name = "dt-retry-after";
        setUp(name);
        AtomicInteger runs = askingOnceForARetry("example.org/" + name + ":v1", "5s", "the database is still starting",
                "db.yaml");
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render")));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));

        Map<String, Object> retrying = awaitRequest(name, "orders", s -> pipeline(s, "render") != null
                && "Suspended".equals(pipeline(s, "render").get("phase")));
        assertThat(pipeline(retrying, "render")).containsEntry("attempts", 1)
                .containsEntry("message", "the database is still starting").containsKey("nextRetryAt");
        assertThat(works(name, "render")).as("no Work before the pipeline finishes").isEmpty();

        Map<String, Object> done = awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s)
                .equals(List.of("render=Succeeded")));
        assertThat(conditionStatus(done, "ConfigureWorkflowCompleted")).isEqualTo("True");
        assertThat(pipeline(done, "render")).doesNotContainKeys("attempts", "nextRetryAt", "message");
        assertThat(pipelineJobs(name, "render")).hasSize(2);
        assertThat(works(name, "render")).hasSize(1);
        Map<String, String> labels = request(name, "orders").get().getMetadata().getLabels();
        assertThat(labels).doesNotContainKey(KratixLabels.WORKFLOW_SUSPENDED);
    }

    @Test
    void aDeletePipelineAskingForARetryKeepsTheRequestAndItsWorksUntilItsRetrySucceeds() {
        String name = "dt-delete-retry";
        setUp(name);
        AtomicInteger teardowns = teardownAskingOnceForARetry(name);
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render") + teardownPipeline(name)));
        awaitAvailable(name);
        createRequest(name, "orders", Map.of("size", "small"));
        awaitRequest(name, "orders", s -> WorkflowControllerTest.pipelinePhases(s).equals(List.of("render=Succeeded")));

        request(name, "orders").delete();

        Map<String, Object> held = awaitRequest(name, "orders",
                s -> "DeleteWorkflowSuspended".equals(reason(s, "DeleteWorkflowCompleted")));
        assertThat(condition(held, "DeleteWorkflowCompleted")).containsEntry("status", "False")
                .containsEntry("message", "The delete workflow is suspended");
        assertThat(works(name, "render")).as("the Works stay while the deletion is suspended").hasSize(1);
        awaitEvent("orders", "DeleteWorkflowSuspended");

        await().atMost(TIMEOUT).until(() -> request(name, "orders").get() == null);
        assertThat(teardowns).hasValue(2);
        await().atMost(TIMEOUT).until(() -> works(name, "render").isEmpty());
    }

    // ---- workflow control of Promise workflows

    @Test
    void aPromisePipelineThatSuspendsMakesThePromiseUnavailableAndRemovingTheLabelResumesFromThatPipeline() {
        String name = "dt-psuspend";
        setUp(name);
        approveSuspendingOnce("example.org/" + name + "-setup:v1");
        create(promiseWithApi(name, Map.of("suite", name), promisePipelines(name, "prepare", "approve")
                + pipelines(name, "render")));

        // the label comes before the status writer's entry: the controller may say Suspended a moment before it
        Promise suspended = awaitPromise(name, p -> "WorkflowSuspended".equals(promiseReason(p, "Available"))
                && promiseEntry(p, "approve") != null && "Suspended".equals(promiseEntry(p, "approve").getPhase()));
        Condition available = Conditions.find(suspended.getStatus().getConditions(), "Available").orElseThrow();
        assertThat(available.getStatus()).isEqualTo("False");
        assertThat(available.getMessage()).isEqualTo("Suspended");
        Condition reconciled = Conditions.find(suspended.getStatus().getConditions(), "Reconciled").orElseThrow();
        assertThat(reconciled.getStatus()).isEqualTo("Unknown");
        assertThat(reconciled.getReason()).isEqualTo("WorkflowSuspended");
        assertThat(promiseEntry(suspended, "approve").getPhase()).isEqualTo("Suspended");
        assertThat(promiseEntry(suspended, "approve").getMessage()).isEqualTo("waiting for approval");
        assertThat(promiseEntry(suspended, "prepare").getPhase()).isEqualTo("Succeeded");
        assertThat(suspended.getMetadata().getLabels()).containsEntry(KratixLabels.WORKFLOW_SUSPENDED, "true");
        awaitEvent(name, "WorkflowSuspended");
        await().during(QUIET).atMost(QUIET.plusSeconds(30)).until(() -> promiseJobs(name).size() == 2
                && "Suspended".equals(promiseEntry(client.resources(Promise.class).withName(name).get(), "approve")
                        .getPhase()));
        assertThat(works(name, "approve")).as("a suspended pipeline writes no Work").isEmpty();
        assertThat(works(name, "prepare")).hasSize(1);

        label(client.resources(Promise.class).withName(name), KratixLabels.WORKFLOW_SUSPENDED, null);
        awaitAvailable(name);
        Promise done = client.resources(Promise.class).withName(name).get();
        assertThat(done.getStatus().getKratix().getWorkflows().getPipelines())
                .extracting(PromiseStatus.PipelineStatus::getPhase).containsOnly("Succeeded");
        assertThat(Conditions.find(done.getStatus().getConditions(), "Reconciled")).isEmpty();
        assertThat(promiseJobs(name).stream().filter(j -> "prepare".equals(j.getMetadata().getLabels()
                .get(KratixLabels.PIPELINE_NAME)))).as("resumed from the suspended pipeline, not the first").hasSize(1);
        assertThat(works(name, "approve")).hasSize(1);
    }

    @Test
    void aPromisePipelineAskingForARetryRunsAgainAfterRetryAfterAndThePromiseBecomesAvailable() {
        String name = "dt-pretry";
        setUp(name);
        AtomicInteger runs = askingOnceForARetry("example.org/" + name + "-setup:v1", "5s",
                "the registry is still starting", "ns.yaml");
        create(promiseWithApi(name, Map.of("suite", name), promisePipelines(name, "setup")
                + pipelines(name, "render")));

        Promise retrying = awaitPromise(name, p -> promiseEntry(p, "setup") != null
                && "Suspended".equals(promiseEntry(p, "setup").getPhase()));
        assertThat(promiseEntry(retrying, "setup").getAttempts()).isEqualTo(1);
        assertThat(promiseEntry(retrying, "setup").getMessage()).isEqualTo("the registry is still starting");
        assertThat(promiseEntry(retrying, "setup").getNextRetryAt()).isNotNull();
        assertThat(works(name, "setup")).as("no Work before the pipeline finishes").isEmpty();

        awaitAvailable(name);
        Promise done = client.resources(Promise.class).withName(name).get();
        PromiseStatus.PipelineStatus entry = promiseEntry(done, "setup");
        assertThat(entry.getPhase()).isEqualTo("Succeeded");
        assertThat(entry.getAttempts()).isNull();
        assertThat(entry.getNextRetryAt()).isNull();
        assertThat(runs).hasValue(2);
        assertThat(works(name, "setup")).hasSize(1);
        assertThat(done.getMetadata().getLabels()).doesNotContainKey(KratixLabels.WORKFLOW_SUSPENDED);
    }

    @Test
    void aPromiseDeletePipelineAskingForARetryKeepsThePromiseUntilItsRetrySucceeds() {
        String name = "dt-pdelete-retry";
        setUp(name);
        AtomicInteger teardowns = teardownAskingOnceForARetry(name);
        create(promiseWithApi(name, Map.of("suite", name), pipelines(name, "render") + "    promise:\n"
                + teardownPipeline(name)));
        awaitAvailable(name);

        client.resources(Promise.class).withName(name).delete();

        Promise held = awaitPromise(name, p -> "DeleteWorkflowSuspended".equals(promiseReason(p,
                "DeleteWorkflowCompleted")));
        Condition deleteCompleted = Conditions.find(held.getStatus().getConditions(), "DeleteWorkflowCompleted")
                .orElseThrow();
        assertThat(deleteCompleted.getStatus()).isEqualTo("False");
        assertThat(deleteCompleted.getMessage()).isEqualTo("The delete workflow is suspended");
        awaitEvent(name, "DeleteWorkflowSuspended");

        await().atMost(TIMEOUT).until(() -> client.resources(Promise.class).withName(name).get() == null);
        assertThat(teardowns).hasValue(2);
    }

    /** Promise configure pipelines, all played by the image {@code example.org/<name>-setup:v1}. */
    static String promisePipelines(String name, String... pipelines) {
        return configure("promise", "", "example.org/" + name + "-setup:v1", pipelines);
    }

    Promise awaitPromise(String name, Predicate<Promise> condition) {
        return await().atMost(TIMEOUT).until(() -> client.resources(Promise.class).withName(name).get(),
                p -> p != null && p.getStatus() != null && condition.test(p));
    }

    static String promiseReason(Promise promise, String type) {
        return Conditions.find(promise.getStatus().getConditions(), type).map(Condition::getReason).orElse(null);
    }

    static PromiseStatus.PipelineStatus promiseEntry(Promise promise, String pipeline) {
        if (promise.getStatus() == null || promise.getStatus().getKratix() == null
                || promise.getStatus().getKratix().getWorkflows() == null
                || promise.getStatus().getKratix().getWorkflows().getPipelines() == null) {
            return null;
        }
        return promise.getStatus().getKratix().getWorkflows().getPipelines().stream()
                .filter(p -> pipeline.equals(p.getName())).findFirst().orElse(null);
    }

    List<Job> promiseJobs(String promise) {
        return client.batch().v1().jobs().inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME, promise)
                .withLabel(KratixLabels.WORKFLOW_TYPE, "promise").list().getItems().stream()
                .filter(j -> j.getMetadata().getDeletionTimestamp() == null).toList();
    }

    List<dev.pledge.api.Work> works(String promise, String pipeline) {
        return client.resources(dev.pledge.api.Work.class).inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME, promise)
                .withLabel(KratixLabels.PIPELINE_NAME, pipeline).list().getItems();
    }

    // ---- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> pipeline(Map<String, Object> status, String name) {
        if (!(status.get("kratix") instanceof Map<?, ?> kratix) || !(kratix.get("workflows") instanceof Map<?, ?> w)
                || !(w.get("pipelines") instanceof List<?> pipelines)) {
            return null;
        }
        return pipelines.stream().map(p -> (Map<String, Object>) p).filter(p -> name.equals(p.get("name")))
                .findFirst().orElse(null);
    }

    /** A Git store and a Destination for {@code name}'s Works; its pipeline images write one document. */
    void setUp(String name) {
        GitStores.onTheHttpServer(client, name);
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name + "-dest").withLabels(Map.of("suite", name)).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, name));
        destination.setSpec(spec);
        client.resource(destination).create();
        KubeletStandIn.register("example.org/" + name + ":v1", step -> Files.writeString(
                step.output().resolve(step.env().get("KRATIX_PIPELINE_NAME") + ".yaml"), "kind: Thing\n"));
    }

    /** Resource configure pipelines (backoffLimit 1), all played by the image {@code example.org/<name>:v1}. */
    static String pipelines(String name, String... pipelines) {
        return configure("resource", "jobOptions: {backoffLimit: 1}, ", "example.org/" + name + ":v1", pipelines);
    }

    /** A {@code <type>.configure} workflow of the named pipelines, each one container of {@code image}. */
    private static String configure(String type, String options, String image, String... pipelines) {
        StringBuilder yaml = new StringBuilder("    " + type + ":\n      configure:\n");
        for (String pipeline : pipelines) {
            yaml.append("""
                            - apiVersion: platform.kratix.io/v1alpha1
                              kind: Pipeline
                              metadata: {name: %s}
                              spec: {%scontainers: [{name: %s, image: %s}]}
                    """.formatted(pipeline, options, pipeline, image));
        }
        return yaml.toString();
    }

    void create(Promise promise) {
        client.resource(promise).create();
    }

    void awaitAvailable(String promise) {
        await().atMost(TIMEOUT).until(() -> {
            Promise p = client.resources(Promise.class).withName(promise).get();
            return p != null && p.getStatus() != null && "Available".equals(p.getStatus().getStatus());
        });
    }

    Resource<GenericKubernetesResource> request(String promise, String name) {
        var api = PromiseApi.identity(client.resources(Promise.class).withName(promise).get());
        return client.genericKubernetesResources(api.group() + "/" + api.storageVersion(), api.kind())
                .inNamespace("default").withName(name);
    }

    void createRequest(String promise, String name, Map<String, Object> spec) {
        var api = PromiseApi.identity(client.resources(Promise.class).withName(promise).get());
        GenericKubernetesResource request = new GenericKubernetesResource();
        request.setApiVersion(api.group() + "/" + api.storageVersion());
        request.setKind(api.kind());
        request.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        request.setAdditionalProperty("spec", spec);
        client.resource(request).create();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> awaitRequest(String promise, String name, Predicate<Map<String, Object>> condition) {
        return await().atMost(TIMEOUT).until(() -> {
            GenericKubernetesResource r = request(promise, name).get();
            return r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> s)
                    ? Map.<String, Object>of() : (Map<String, Object>) s;
        }, s -> !s.isEmpty() && condition.test(s));
    }

    static void label(Resource<? extends io.fabric8.kubernetes.api.model.HasMetadata> object, String key, String value) {
        object.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + key + "\":"
                + (value == null ? "null" : "\"" + value + "\"") + "}}}");
    }

    List<Job> jobs(String promise) {
        return client.batch().v1().jobs().inNamespace("default").withLabel(KratixLabels.PROMISE_NAME, promise)
                .withLabel(KratixLabels.WORKFLOW_TYPE, "resource").list().getItems();
    }

    List<Job> pipelineJobs(String promise, String pipeline) {
        return jobs(promise).stream().filter(j -> pipeline.equals(j.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME)))
                .filter(j -> j.getMetadata().getDeletionTimestamp() == null).toList();
    }

    void awaitEvent(String object, String reason) {
        await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> object.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> condition(Map<String, Object> status, String type) {
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
    }

    static String conditionStatus(Map<String, Object> status, String type) {
        return Optional.ofNullable(condition(status, type)).map(c -> String.valueOf(c.get("status"))).orElse(null);
    }

    static String reason(Map<String, Object> status, String type) {
        return Optional.ofNullable(condition(status, type)).map(c -> String.valueOf(c.get("reason"))).orElse(null);
    }

    /**
     * The teardown image of {@link #teardownPipeline}: asks for a retry in 3 s on its first run, succeeds after.
     * Returns its run count.
     */
    private static AtomicInteger teardownAskingOnceForARetry(String name) {
        return askingOnceForARetry("example.org/" + name + "-teardown:v1", "3s", "the backup is not done", null);
    }

    /**
     * Plays an image that writes {@code file} (if any) to its output and, on its first run only, asks in
     * workflow-control.yaml to be retried after {@code retryAfter}. Returns its run count.
     */
    private static AtomicInteger askingOnceForARetry(String image, String retryAfter, String message, String file) {
        AtomicInteger runs = new AtomicInteger();
        KubeletStandIn.register(image, step -> {
            if (file != null) {
                Files.writeString(step.output().resolve(file), "kind: Thing\n");
            }
            if (runs.incrementAndGet() == 1) {
                Files.writeString(step.metadata().resolve("workflow-control.yaml"),
                        "retryAfter: " + retryAfter + "\nmessage: " + message + "\n");
            }
        });
        return runs;
    }

    /** A delete workflow of one pipeline, teardown, to append under a workflow type of {@link #pipelines}. */
    private static String teardownPipeline(String name) {
        return """
                      delete:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: teardown}
                          spec: {containers: [{name: teardown, image: example.org/%s-teardown:v1}]}
                """.formatted(name);
    }

    /**
     * Plays an image whose every pipeline writes {@code <pipeline>.yaml}, and whose pipeline {@code approve}
     * suspends the workflow on its first run ("waiting for approval").
     */
    private static void approveSuspendingOnce(String image) {
        AtomicInteger approvals = new AtomicInteger();
        KubeletStandIn.register(image, step -> {
            String pipeline = step.env().get("KRATIX_PIPELINE_NAME");
            Files.writeString(step.output().resolve(pipeline + ".yaml"), "kind: Thing\n");
            if ("approve".equals(pipeline) && approvals.incrementAndGet() == 1) {
                Files.writeString(step.metadata().resolve("workflow-control.yaml"),
                        "suspend: true\nmessage: waiting for approval\n");
            }
        });
    }
}
