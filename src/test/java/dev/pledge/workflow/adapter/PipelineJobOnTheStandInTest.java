package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Pipeline;
import dev.pledge.api.Selector;
import dev.pledge.api.Unstructured;
import dev.pledge.api.Work;
import dev.pledge.api.WorkSpec;
import dev.pledge.api.WorkflowAction;
import dev.pledge.api.WorkflowType;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.work.WorkloadContent;
import dev.pledge.workflow.AdapterSettings;
import dev.pledge.workflow.ParentObject;
import dev.pledge.workflow.PipelineJobs;
import dev.pledge.workflow.PipelineResources;
import dev.pledge.workflow.PipelineRun;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A resource request's configure pipeline rendered by {@link PipelineJobs}, run as a real Job whose Pod the
 * kubelet stand-in executes: Pledge's adapter for real, the user's image as a test step.
 */
class PipelineJobOnTheStandInTest {
    static final AdapterSettings SETTINGS = new AdapterSettings("registry.example/pledge:e2e", List.of("/pledge"),
            null, null, null, null, null);

    static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders}\n";

    @AfterAll
    static void stopKubelet() {
        KubeletStandIn.stop();
    }

    @BeforeAll
    static void standIn() {
        AdapterFixture.client();
        KubeletStandIn.start(SETTINGS.image());
        KubeletStandIn.register("example.org/e2e-render:v1", step -> {
            assertThat(Yaml.documents(step.input().resolve("object.yaml")).get(0).at("/metadata/name").asText())
                    .isEqualTo("orders");
            assertThat(step.env()).containsEntry("KRATIX_OBJECT_NAME", "orders");
            Files.writeString(step.output().resolve("deployment.yaml"), DEPLOYMENT);
            Files.writeString(step.metadata().resolve("status.yaml"), "endpoint: orders.svc\nmessage: Pending\n");
        });
        KubeletStandIn.register("example.org/e2e-broken:v1", step -> {
            throw new IllegalStateException("render failed: no template for size huge");
        });
    }

    static Pipeline pipeline(String image) {
        Map<String, Object> raw = Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata: {name: instance}
                spec:
                  jobOptions: {backoffLimit: 0}
                  containers: [{name: render, image: %s}]
                """.formatted(image)).get(0), Map.class);
        return Pipeline.from(new Unstructured(raw));
    }

    /** Renders and creates everything the Job needs, as the resource controller will. */
    static Job runPipeline(String namespace, String image) {
        KubernetesClient client = AdapterFixture.client();
        GenericKubernetesResource request = AdapterFixture.database(namespace, "orders", Map.of("size", "small"),
                Map.of("message", "Pending"));
        ParentObject parent = new ParentObject(AdapterFixture.GROUP, AdapterFixture.VERSION, AdapterFixture.KIND,
                AdapterFixture.PLURAL, "orders", namespace, request.getMetadata().getUid(), false);
        PipelineRun run = new PipelineRun("database", WorkflowType.RESOURCE, WorkflowAction.CONFIGURE,
                pipeline(image), true, parent, namespace, false, List.of(new Selector(Map.of("env", "dev"))), "hash-1");
        PipelineResources resources = PipelineJobs.render(run, SETTINGS);
        client.resource(resources.serviceAccount()).create();
        client.resource(resources.schedulingConfigMap()).create();
        return client.resource(resources.job()).create();
    }

    static Job awaitJob(String namespace, String name, String conditionType) {
        await().atMost(Duration.ofSeconds(90)).conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() < 2000) {
                        AdapterFixture.client().pods().inNamespace(namespace).list().getItems().forEach(pod ->
                                System.err.println("pod " + pod.getMetadata().getName() + " node "
                                        + pod.getSpec().getNodeName() + " status " + pod.getStatus()));
                        System.err.println("stand-in ran " + KubeletStandIn.runs());
                    }
                }).until(() -> {
                    Job job = AdapterFixture.client().batch().v1().jobs().inNamespace(namespace).withName(name).get();
                    return job.getStatus() != null && job.getStatus().getConditions() != null
                            && job.getStatus().getConditions().stream().map(JobCondition::getType)
                                    .anyMatch(conditionType::equals);
                });
        return AdapterFixture.client().batch().v1().jobs().inNamespace(namespace).withName(name).get();
    }

    @Test
    void aResourceRequestsPipelineJobCompletesWithItsWorkAndStatus() {
        Job job = runPipeline("e2e-ok", "example.org/e2e-render:v1");

        Job done = awaitJob("e2e-ok", job.getMetadata().getName(), "Complete");

        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        List<KubeletStandIn.PodRun> runs = KubeletStandIn.runsOfJob(job.getMetadata().getName());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).images()).containsExactly(SETTINGS.image(), "example.org/e2e-render:v1",
                SETTINGS.image(), SETTINGS.image());

        List<Work> works = AdapterFixture.client().resources(Work.class).inNamespace("e2e-ok").list().getItems();
        assertThat(works).hasSize(1);
        Work work = works.get(0);
        assertThat(work.getMetadata().getLabels()).containsEntry(KratixLabels.PROMISE_NAME, "database")
                .containsEntry(KratixLabels.PIPELINE_NAME, "instance").containsEntry(KratixLabels.WORK_TYPE, "resource")
                .containsEntry(KratixLabels.RESOURCE_NAME, "orders").doesNotContainKey(KratixLabels.RESOURCE_NAMESPACE);
        WorkSpec.WorkloadGroup group = work.getSpec().getWorkloadGroups().get(0);
        assertThat(work.getSpec().getWorkloadGroups()).hasSize(1);
        assertThat(group.getWorkloads()).hasSize(1);
        assertThat(group.getWorkloads().get(0).getFilepath()).isEqualTo("deployment.yaml");
        assertThat(new String(WorkloadContent.decode(group.getWorkloads().get(0).getContent()), StandardCharsets.UTF_8))
                .isEqualTo(DEPLOYMENT);
        assertThat(group.getDestinationSelectors()).singleElement()
                .satisfies(s -> assertThat(s.getSource()).isEqualTo("promise"))
                .satisfies(s -> assertThat(s.getMatchLabels()).isEqualTo(Map.of("env", "dev")));

        Map<String, Object> status = AdapterFixture.status("e2e-ok", "orders");
        assertThat(status).containsEntry("endpoint", "orders.svc").containsEntry("message", "Resource requested");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted")).containsEntry("status", "True")
                .containsEntry("reason", "PipelinesExecutedSuccessfully");
    }

    @Test
    void aFailingUserContainerFailsTheJobAndNamesTheContainer() {
        Job job = runPipeline("e2e-fail", "example.org/e2e-broken:v1");

        awaitJob("e2e-fail", job.getMetadata().getName(), "Failed");

        List<KubeletStandIn.PodRun> runs = KubeletStandIn.runsOfJob(job.getMetadata().getName());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).failed()).isEqualTo("render");
        assertThat(runs.get(0).message()).contains("render").contains("no template for size huge");
        assertThat(runs.get(0).images()).containsExactly(SETTINGS.image(), "example.org/e2e-broken:v1");
        assertThat(AdapterFixture.client().resources(Work.class).inNamespace("e2e-fail").list().getItems()).isEmpty();
        assertThat(AdapterFixture.condition(AdapterFixture.status("e2e-fail", "orders"), "ConfigureWorkflowCompleted"))
                .isNull();
    }
}
