package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.testing.GitStores;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.Conflicts;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.testing.KubeletStandIn;
import dev.pledge.testing.PromiseCorpus;
import dev.pledge.workflow.adapter.AdapterFixture;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.quarkus.test.common.QuarkusTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows end to end: pipelines run as Jobs on the real control plane, a kubelet stand-in runs our adapter
 * sub-commands for real and plays the user's images, and the documents land in a real Git repository.
 */
@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class WorkflowControllerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    final KubernetesClient client = ControlPlane.client();
    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void kubelet() {
        KubeletStandIn.start(KubeletStandIn.DEFAULT_ADAPTER_IMAGE);
    }

    // ---- a resource request with two configure pipelines

    @Test
    void aResourceRequestRunsItsPipelinesInOrderAndLandsOnOneMatchingDestination() {
        Path repo = gitStore("wf-two");
        destination("wf-two-a", "wf-two", Map.of("suite", "wf-two"));
        destination("wf-two-b", "wf-two", Map.of("suite", "wf-two"));
        KubeletStandIn.register("example.org/wf-two-render:v1", step ->
                Files.writeString(step.output().resolve("deployment.yaml"), "kind: Deployment\nname: "
                        + step.env().get("KRATIX_OBJECT_NAME") + "\n"));
        KubeletStandIn.register("example.org/wf-two-report:v1", step ->
                Files.writeString(step.metadata().resolve("status.yaml"), "endpoint: db.example.org\n"));
        create(promiseWithApi("wf-two", Map.of("suite", "wf-two"), """
                    resource:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: render}
                          spec: {containers: [{name: render, image: example.org/wf-two-render:v1}]}
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: report}
                          spec: {containers: [{name: report, image: example.org/wf-two-report:v1}]}
                """));
        awaitAvailable("wf-two");

        request("wf-two", "orders", "default");

        Map<String, Object> status = awaitRequestStatus("wf-two", "orders", "default",
                s -> s.containsKey("destinations") && "Resource requested".equals(s.get("message")));
        assertThat(status).containsEntry("endpoint", "db.example.org");
        assertThat((List<?>) status.get("destinations")).hasSize(1);
        String destination = (String) ((List<?>) status.get("destinations")).get(0);
        assertThat(destination).isIn("wf-two-a", "wf-two-b");
        assertThat(pipelinePhases(status)).containsExactly("render=Succeeded", "report=Succeeded");
        assertThat(conditionStatus(status, "ConfigureWorkflowCompleted")).isEqualTo("True");

        List<Job> jobs = client.batch().v1().jobs().inNamespace("default")
                .withLabel(KratixLabels.PROMISE_NAME, "wf-two").list().getItems();
        assertThat(jobs).extracting(j -> j.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME))
                .containsExactlyInAnyOrder("render", "report");
        Job render = jobs.stream().filter(j -> "render".equals(j.getMetadata().getLabels().get(KratixLabels.PIPELINE_NAME)))
                .findFirst().orElseThrow();
        assertThat(render.getSpec().getTemplate().getSpec().getInitContainers()).extracting(c -> c.getName())
                .containsExactly("reader", "render", "work-writer");
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").keySet().stream()
                .anyMatch(f -> f.startsWith(destination + "/resources/default/wf-two/orders/render/")
                        && f.endsWith("deployment.yaml")));
        String other = destination.equals("wf-two-a") ? "wf-two-b" : "wf-two-a";
        assertThat(BareRepositories.files(repo, "main").keySet()).noneMatch(f -> f.startsWith(other + "/resources/default/wf-two"));
    }

    // ---- the pipeline's status.yaml is what the request shows

    @Test
    void aPipelinesStatusYamlIsWhatTheRequestShowsOnceTheWorkflowCompletes() {
        gitStore("wf-says");
        destination("wf-says-dest", "wf-says", Map.of("suite", "wf-says"));
        KubeletStandIn.register("example.org/wf-says:v1", step -> {
            Files.writeString(step.output().resolve("db.yaml"), "kind: Database\n");
            Files.writeString(step.metadata().resolve("status.yaml"), "message: rendered v1\nendpoint: db.example.org\n");
        });
        create(promiseWithApi("wf-says", Map.of("suite", "wf-says"), pipelineWith("example.org/wf-says:v1")));
        awaitAvailable("wf-says");

        request("wf-says", "orders", "default");

        // Succeeded is the controller's word, written once it saw the Job complete; by then the merge had landed
        Map<String, Object> status = awaitRequestStatus("wf-says", "orders", "default",
                s -> pipelinePhases(s).equals(List.of("run=Succeeded")) && s.containsKey("destinations"));
        assertThat(status).containsEntry("message", "rendered v1").containsEntry("endpoint", "db.example.org");
        assertThat(conditionStatus(status, "ConfigureWorkflowCompleted")).isEqualTo("True");
    }

    @Test
    void aStatusWriterMergeThatArrivesAfterTheControllerSawTheJobCompleteIsKept(@TempDir Path metadata)
            throws Exception {
        gitStore("wf-late");
        destination("wf-late-dest", "wf-late", Map.of("suite", "wf-late"));
        KubeletStandIn.register("example.org/wf-late:v1", step ->
                Files.writeString(step.output().resolve("db.yaml"), "kind: Database\n"));
        create(promiseWithApi("wf-late", Map.of("suite", "wf-late"), pipelineWith("example.org/wf-late:v1")));
        awaitAvailable("wf-late");
        request("wf-late", "orders", "default");
        awaitRequestStatus("wf-late", "orders", "default", s -> pipelinePhases(s).equals(List.of("run=Succeeded"))
                && s.containsKey("destinations") && "Resource requested".equals(s.get("message")));

        // the status writer's merge lands after the controller handled the completed Job ...
        Files.writeString(metadata.resolve("status.yaml"), "message: rendered v1\nendpoint: db.example.org\n");
        var run = AdapterFixture.run(statusWriterEnv("wf-late", "orders", "default", metadata), "update-status");
        assertThat(run.status()).as(run.err()).isZero();
        double reconciles = reconciles("wf-late");
        // ... and the controller reconciles the request again after it (a Job event wakes it)
        Job job = client.batch().v1().jobs().inNamespace("default").withLabel(KratixLabels.PROMISE_NAME, "wf-late")
                .list().getItems().get(0);
        client.batch().v1().jobs().inNamespace("default").withName(job.getMetadata().getName())
                .edit(j -> {
                    j.getMetadata().getAnnotations().put("test.pledge.dev/poke", "1");
                    return j;
                });
        await().atMost(TIMEOUT).until(() -> reconciles("wf-late") > reconciles);

        Map<String, Object> status = awaitRequestStatus("wf-late", "orders", "default", s -> true);
        assertThat(status).containsEntry("message", "rendered v1").containsEntry("endpoint", "db.example.org");
        assertThat(pipelinePhases(status)).containsExactly("run=Succeeded");
        assertThat(conditionStatus(status, "ConfigureWorkflowCompleted")).isEqualTo("True");
    }

    /** Reconciles the Promise's request controller finished so far. */
    double reconciles(String promise) {
        var timer = meters.find("pledge.controller.reconcile").tag("controller", "requests-" + promise).timer();
        return timer == null ? 0 : timer.count();
    }

    /** The environment the last pipeline's status writer gets for this request. */
    Map<String, String> statusWriterEnv(String promise, String name, String namespace, Path metadata) {
        var api = dev.pledge.promise.PromiseApi.identity(client.resources(Promise.class).withName(promise).get());
        Map<String, String> env = new java.util.HashMap<>();
        env.put("KRATIX_WORKFLOW_ACTION", "configure");
        env.put("KRATIX_WORKFLOW_TYPE", "resource");
        env.put("KRATIX_PROMISE_NAME", promise);
        env.put("KRATIX_PIPELINE_NAME", "run");
        env.put("KRATIX_OBJECT_KIND", api.kind());
        env.put("KRATIX_OBJECT_GROUP", api.group());
        env.put("KRATIX_OBJECT_VERSION", api.storageVersion());
        env.put("KRATIX_OBJECT_NAME", name);
        env.put("KRATIX_OBJECT_NAMESPACE", namespace);
        env.put("KRATIX_CRD_PLURAL", api.plural());
        env.put("KRATIX_CLUSTER_SCOPED", "false");
        env.put("IS_LAST_PIPELINE", "true");
        env.put("METADATA_DIR", metadata.toString());
        // the API server this test's operator uses, as the kubelet stand-in passes it: fabric8's default
        // configuration is a JVM-wide system property, which a control plane of another test class loader may set
        env.put("KUBECONFIG", dev.pledge.testing.ControlPlane.start().toString());
        return env;
    }

    // ---- seed 004: dynamic scheduling

    @Test
    @SuppressWarnings("unchecked")
    void directoryBasedAndDefaultSchedulingFromPipelineMetadata() {
        Path repo = gitStore("wf-dyn");
        destination("wf-dyn-promise", "wf-dyn", Map.of("suite", "dyn", "promise", "label"));
        destination("wf-dyn-subdir", "wf-dyn", Map.of("suite", "dyn", "workflow", "subdir"));
        destination("wf-dyn-both", "wf-dyn", Map.of("suite", "dyn", "promise", "label", "workflow", "another-label"));
        KubeletStandIn.register("example.org/wf-dyn-promise:v1", step -> {
            Files.writeString(step.output().resolve("document-0.yaml"), "doc: 0\n");
            Files.createDirectories(step.output().resolve("some-dir"));
            Files.writeString(step.output().resolve("some-dir/document-1.yaml"), "doc: 1\n");
            Files.createDirectories(step.output().resolve("scheduled-dir"));
            Files.writeString(step.output().resolve("scheduled-dir/document-2.yaml"), "doc: 2\n");
            Files.writeString(step.metadata().resolve("destination-selectors.yaml"), """
                    - directory: scheduled-dir
                      matchLabels: {workflow: subdir}
                    - matchLabels: {workflow: another-label}
                    """);
        });
        KubeletStandIn.register("example.org/wf-dyn-resource:v1", step ->
                Files.writeString(step.output().resolve("app.yaml"), "app: 1\n"));
        create(promiseWithApi("wf-dyn", Map.of("suite", "dyn", "promise", "label"), """
                    promise:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: setup}
                          spec: {containers: [{name: setup, image: example.org/wf-dyn-promise:v1}]}
                    resource:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: app}
                          spec: {containers: [{name: app, image: example.org/wf-dyn-resource:v1}]}
                """));
        awaitAvailable("wf-dyn");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Set<String> files = BareRepositories.files(repo, "main").keySet();
            assertThat(files).anyMatch(f -> f.startsWith("wf-dyn-subdir/dependencies/wf-dyn/setup/")
                    && f.endsWith("scheduled-dir/document-2.yaml"));
            assertThat(files).anyMatch(f -> f.startsWith("wf-dyn-both/dependencies/wf-dyn/setup/") && f.endsWith("document-0.yaml"));
            assertThat(files).anyMatch(f -> f.startsWith("wf-dyn-both/dependencies/wf-dyn/setup/") && f.endsWith("some-dir/document-1.yaml"));
        });
        Set<String> files = BareRepositories.files(repo, "main").keySet();
        assertThat(files).as("the root group needs both promise=label and workflow=another-label")
                .noneMatch(f -> f.startsWith("wf-dyn-promise/dependencies/wf-dyn/"));
        assertThat(files).noneMatch(f -> f.startsWith("wf-dyn-subdir/") && f.endsWith("document-0.yaml"));

        request("wf-dyn", "app-1", "default");
        Map<String, Object> status = awaitRequestStatus("wf-dyn", "app-1", "default", s -> s.containsKey("destinations"));
        assertThat((List<Object>) status.get("destinations")).as("promise-workflow selectors are the request's default")
                .containsExactly("wf-dyn-both");
    }

    // ---- seed 000: updates

    @Test
    void changingThePipelineImageReRunsEveryRequestWithTheNewImage() {
        gitStore("wf-upd");
        destination("wf-upd-dest", "wf-upd", Map.of("suite", "upd"));
        KubeletStandIn.register("example.org/wf-upd:v1", step -> Files.writeString(step.output().resolve("v.yaml"), "v: 1\n"));
        KubeletStandIn.register("example.org/wf-upd:v2", step -> Files.writeString(step.output().resolve("v.yaml"), "v: 2\n"));
        create(promiseWithApi("wf-upd", Map.of("suite", "upd"), pipelineWith("example.org/wf-upd:v1")));
        awaitAvailable("wf-upd");
        for (String name : List.of("one", "two", "three")) {
            request("wf-upd", name, "default");
        }
        for (String name : List.of("one", "two", "three")) {
            awaitRequestStatus("wf-upd", name, "default", s -> s.containsKey("destinations"));
        }

        Promise changed = promiseWithApi("wf-upd", Map.of("suite", "upd"), pipelineWith("example.org/wf-upd:v2"));
        Conflicts.retry(() -> client.resources(Promise.class).withName("wf-upd").edit(p -> {
            p.setSpec(changed.getSpec());
            return p;
        }));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String name : List.of("one", "two", "three")) {
                assertThat(KubeletStandIn.runs()).anyMatch(r -> r.job() != null && r.job().startsWith("kratix-wf-upd-" + name)
                        && r.images().contains("example.org/wf-upd:v2") && r.succeeded());
            }
        });
    }

    @Test
    void changingADependencyRollsOutToEveryDestination() {
        Path repo = gitStore("wf-deps");
        destination("wf-deps-a", "wf-deps", Map.of("suite", "deps"));
        destination("wf-deps-b", "wf-deps", Map.of("suite", "deps"));
        create(ControlLoopTest.promise("wf-deps-promise", Map.of("suite", "deps"), "first"));
        String file = "dependencies/wf-deps-promise/5058f/static/wf-deps-promise-dependencies.yaml";
        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").getOrDefault("wf-deps-b/" + file, "")
                .contains("first"));

        Promise changed = ControlLoopTest.promise("wf-deps-promise", Map.of("suite", "deps"), "second");
        Conflicts.retry(() -> client.resources(Promise.class).withName("wf-deps-promise").edit(p -> {
            p.setSpec(changed.getSpec());
            return p;
        }));

        await().atMost(TIMEOUT).until(() -> BareRepositories.files(repo, "main").getOrDefault("wf-deps-a/" + file, "")
                .contains("second") && BareRepositories.files(repo, "main").getOrDefault("wf-deps-b/" + file, "").contains("second"));
    }

    // ---- rolling re-runs

    @Test
    void fiftyNewRequestsStartAtOnceAndTheirReRunsAfterAPromiseChangeRunAtMostFiveAtATime() {
        gitStore("wf-roll");
        destination("wf-roll-dest", "wf-roll", Map.of("suite", "roll"));
        KubeletStandIn.register("example.org/wf-roll:v1", step -> {
            Thread.sleep(200);
            Files.writeString(step.output().resolve("r.yaml"), "r: 1\n");
        });
        KubeletStandIn.register("example.org/wf-roll:v2", step -> {
            Thread.sleep(200);
            Files.writeString(step.output().resolve("r.yaml"), "r: 2\n");
        });
        Promise promise = promiseWithApi("wf-roll", Map.of("suite", "roll"), pipelineWith("example.org/wf-roll:v1"));
        promise.getMetadata().setAnnotations(Map.of("pledge.dev/max-concurrent-workflows", "5"));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("rollout").endMetadata().build())
                .serverSideApply();
        Set<String> active = ConcurrentHashMap.newKeySet();
        AtomicInteger peak = new AtomicInteger();
        var watch = client.batch().v1().jobs().inNamespace("rollout").withLabel(KratixLabels.PROMISE_NAME, "wf-roll")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                        track(job);
                    }

                    @Override
                    public void onUpdate(Job before, Job job) {
                        track(job);
                    }

                    @Override
                    public void onDelete(Job job, boolean unknown) {
                        active.remove(job.getMetadata().getName());
                    }

                    private void track(Job job) {
                        if (WorkflowRunner.state(job) == dev.pledge.workflow.WorkflowProgress.JobState.RUNNING) {
                            active.add(job.getMetadata().getName());
                        } else {
                            active.remove(job.getMetadata().getName());
                        }
                        peak.accumulateAndGet(active.size(), Math::max);
                    }
                }, 0);
        try {
            create(promise);
            awaitAvailable("wf-roll");
            for (int i = 0; i < 50; i++) {
                request("wf-roll", "r" + i, "rollout");
            }

            AtomicInteger mostWaiting = new AtomicInteger();
            await().atMost(Duration.ofMinutes(5)).until(() -> {
                mostWaiting.accumulateAndGet(waitingOnRollout("wf-roll"), Math::max);
                return upToDate("wf-roll") == 50;
            });
            assertThat(mostWaiting.get()).as("new requests seen waiting for a slot").isZero();

            // the Promise changes: every request runs again, at most five at once
            peak.set(active.size());
            Promise changed = promiseWithApi("wf-roll", Map.of("suite", "roll"), pipelineWith("example.org/wf-roll:v2"));
            Conflicts.retry(() -> client.resources(Promise.class).withName("wf-roll").edit(p -> {
                p.setSpec(changed.getSpec());
                return p;
            }));
            await().atMost(Duration.ofMinutes(5)).until(() -> {
                mostWaiting.accumulateAndGet(waitingOnRollout("wf-roll"), Math::max);
                return KubeletStandIn.runs().stream().filter(r -> r.job() != null && r.job().startsWith("kratix-wf-roll-")
                        && r.images().contains("example.org/wf-roll:v2") && r.succeeded()).map(r -> r.job())
                        .distinct().count() == 50 && upToDate("wf-roll") == 50;
            });
            assertThat(peak.get()).as("most configure Jobs active at once during the re-runs").isBetween(1, 5);
            assertThat(mostWaiting.get()).as("re-runs seen waiting for a slot at once").isGreaterThan(0);
            assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                    .contains("# HELP pledge_resource_requests_waiting ", "# HELP pledge_controller_queue_depth ",
                            "# HELP pledge_controller_reconcile_seconds ")
                    .contains("pledge_controller_reconcile_seconds_count{controller=\"requests-wf-roll\"}");
        } finally {
            watch.stop();
        }
    }

    private int waitingOnRollout(String promise) {
        var waiting = meters.find("pledge.resource.requests.waiting").tag("promise", promise).gauge();
        return waiting == null ? 0 : (int) waiting.value();
    }

    private int upToDate(String promise) {
        Promise p = client.resources(Promise.class).withName(promise).get();
        return p.getStatus() == null || p.getStatus().getRollout() == null
                || p.getStatus().getRollout().getUpToDate() == null ? 0 : p.getStatus().getRollout().getUpToDate();
    }

    // ---- failures

    @Test
    void failuresAreReportedOnTheRequestAndOtherRequestsAreUnaffected() {
        gitStore("wf-fail");
        destination("wf-fail-dest", "wf-fail", Map.of("suite", "fail"));
        KubeletStandIn.register("example.org/wf-fail:v1", step -> {
            String name = step.env().get("KRATIX_OBJECT_NAME");
            switch (name) {
                case "crashes" -> throw new IllegalStateException("the image exited with 3");
                case "bad-selectors" -> Files.writeString(step.metadata().resolve("destination-selectors.yaml"),
                        "- directory: nowhere\n  matchLabels: {a: b}\n");
                case "bad-status" -> Files.writeString(step.metadata().resolve("status.yaml"), "kratix: {mine: true}\n");
                default -> Files.writeString(step.output().resolve("fine.yaml"), "fine: true\n");
            }
        });
        create(promiseWithApi("wf-fail", Map.of("suite", "fail"), pipelineWith("example.org/wf-fail:v1")));
        awaitAvailable("wf-fail");
        for (String name : List.of("crashes", "bad-selectors", "bad-status", "healthy")) {
            request("wf-fail", name, "default");
        }

        Map<String, Object> crashed = awaitRequestStatus("wf-fail", "crashes", "default",
                s -> "False".equals(conditionStatus(s, "ConfigureWorkflowCompleted"))
                        && String.valueOf(s.get("message")).contains("failed"));
        assertThat(crashed.get("message")).isEqualTo("A Configure Pipeline has failed: run");
        await().atMost(TIMEOUT).until(() -> KubeletStandIn.runs().stream().anyMatch(r -> r.job() != null
                && r.job().contains("bad-selectors") && !r.succeeded()));
        Map<String, Object> badSelectors = awaitRequestStatus("wf-fail", "bad-selectors", "default",
                s -> String.valueOf(s.get("message")).contains("destination-selectors.yaml"));
        assertThat(String.valueOf(badSelectors.get("message"))).contains("nowhere");
        Map<String, Object> badStatus = awaitRequestStatus("wf-fail", "bad-status", "default",
                s -> String.valueOf(s.get("message")).contains("status.yaml"));
        assertThat(String.valueOf(badStatus.get("message"))).contains("kratix");
        Map<String, Object> healthy = awaitRequestStatus("wf-fail", "healthy", "default", s -> s.containsKey("destinations"));
        assertThat(conditionStatus(healthy, "ConfigureWorkflowCompleted")).isEqualTo("True");
    }

    // ---- catalogue Promises, unchanged

    @Test
    void aCataloguePromiseRunsItsOwnPipelineImagesUnchanged() throws Exception {
        runsItsOwnPipelineImagesUnchanged(PromiseCorpus.own("build-server.yaml"), Map.of("tier", "small"));
    }

    @Tag(PromiseCorpus.MARKETPLACE)
    @Test
    void aMarketplacePromiseRunsItsOwnPipelineImageUnchanged() throws Exception {
        runsItsOwnPipelineImagesUnchanged(PromiseCorpus.marketplace("jenkins_promise.yaml"), Map.of("env", "dev"));
    }

    /** The Promise file as written: its promise and resource configure images run, and a request's Job names them. */
    private void runsItsOwnPipelineImagesUnchanged(Path file, Map<String, Object> requestSpec) throws Exception {
        Promise promise = Yaml.mapper().convertValue(Yaml.documents(file).get(0), Promise.class);
        String name = promise.getMetadata().getName();
        String image = dev.pledge.api.Pipeline.from(promise.getSpec().getWorkflows().getResource().getConfigure().get(0))
                .getSpec().getContainers().get(0).getImage();
        String promiseImage = dev.pledge.api.Pipeline.from(promise.getSpec().getWorkflows().getPromise().getConfigure().get(0))
                .getSpec().getContainers().get(0).getImage();
        KubeletStandIn.PipelineStep render = step -> Files.writeString(step.output().resolve(
                "promise".equals(step.env().get("KRATIX_WORKFLOW_TYPE")) ? "operator.yaml" : name + ".yaml"), "kind: List\n");
        KubeletStandIn.register(promiseImage, render);
        KubeletStandIn.register(image, render);
        client.resource(promise).create();
        awaitAvailable(name);
        var api = dev.pledge.promise.PromiseApi.identity(promise);
        GenericKubernetesResource request = new GenericKubernetesResource();
        request.setApiVersion(api.group() + "/" + api.storageVersion());
        request.setKind(api.kind());
        request.setMetadata(new ObjectMetaBuilder().withName("example").withNamespace("default").build());
        request.setAdditionalProperty("spec", requestSpec);
        client.resource(request).create();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(KubeletStandIn.runs())
                .anyMatch(r -> r.images().contains(image) && r.job() != null && r.job().contains(name) && r.succeeded()));
        List<Job> jobs = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inAnyNamespace()
                .withLabel(KratixLabels.PROMISE_NAME, name).withLabel("kratix.io/workflow-type", "resource")
                .list().getItems(), l -> !l.isEmpty());
        assertThat(jobs.get(0).getSpec().getTemplate().getSpec().getInitContainers()).extracting(c -> c.getImage())
                .contains(image);
    }

    // ---- helpers

    static String pipelineWith(String image) {
        return """
                    resource:
                      configure:
                        - apiVersion: platform.kratix.io/v1alpha1
                          kind: Pipeline
                          metadata: {name: run}
                          spec: {jobOptions: {backoffLimit: 0}, containers: [{name: run, image: %s}]}
                """.formatted(image);
    }

    static Promise promiseWithApi(String name, Map<String, String> selector, String workflows) {
        String kind = Character.toUpperCase(name.replace("-", "").charAt(0)) + name.replace("-", "").substring(1);
        String plural = kind.toLowerCase() + "s";
        StringBuilder selectors = new StringBuilder();
        selector.forEach((k, v) -> selectors.append(k).append(": ").append(v).append(", "));
        return Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata:
                  name: %s
                spec:
                  destinationSelectors:
                    - matchLabels: {%s}
                  api:
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: %s.wf.pledge.dev}
                    spec:
                      group: wf.pledge.dev
                      names: {kind: %s, plural: %s, singular: %s}
                      scope: Namespaced
                      versions:
                        - name: v1
                          served: true
                          storage: true
                          schema:
                            openAPIV3Schema:
                              type: object
                              properties:
                                spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  workflows:
                %s""".formatted(name, selectors.toString().replaceAll(", $", ""), plural, kind, plural,
                kind.toLowerCase(), workflows)).get(0), Promise.class);
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

    void request(String promise, String name, String namespace) {
        Promise p = client.resources(Promise.class).withName(promise).get();
        var api = dev.pledge.promise.PromiseApi.identity(p);
        GenericKubernetesResource request = new GenericKubernetesResource();
        request.setApiVersion(api.group() + "/" + api.storageVersion());
        request.setKind(api.kind());
        request.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        request.setAdditionalProperty("spec", Map.of("size", "small"));
        client.resource(request).create();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> awaitRequestStatus(String promise, String name, String namespace,
            java.util.function.Predicate<Map<String, Object>> condition) {
        Promise p = client.resources(Promise.class).withName(promise).get();
        var api = dev.pledge.promise.PromiseApi.identity(p);
        return await().atMost(TIMEOUT).until(() -> {
            GenericKubernetesResource r = client.genericKubernetesResources(api.group() + "/" + api.storageVersion(),
                    api.kind()).inNamespace(namespace).withName(name).get();
            return r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> s) ? Map.<String, Object>of()
                    : (Map<String, Object>) s;
        }, s -> !s.isEmpty() && condition.test(s));
    }

    @SuppressWarnings("unchecked")
    static List<String> pipelinePhases(Map<String, Object> status) {
        Map<String, Object> kratix = (Map<String, Object>) status.get("kratix");
        Map<String, Object> workflows = (Map<String, Object>) kratix.get("workflows");
        return ((List<Map<String, Object>>) workflows.get("pipelines")).stream()
                .map(p -> p.get("name") + "=" + p.get("phase")).toList();
    }

    @SuppressWarnings("unchecked")
    static String conditionStatus(Map<String, Object> status, String type) {
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        return conditions.stream().filter(c -> type.equals(c.get("type"))).map(c -> String.valueOf(c.get("status")))
                .findFirst().orElse(null);
    }

    Path gitStore(String name) {
        return GitStores.onTheHttpServer(client, name);
    }

    void destination(String name, String store, Map<String, String> labels) {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath(name);
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, store));
        destination.setSpec(spec);
        client.resource(destination).create();
    }
}
