package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.Promise;
import dev.pledge.api.PromiseSpec;
import dev.pledge.api.Workflows;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import dev.pledge.api.Work;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.ControlPlaneResource;
import dev.pledge.work.WorkloadContent;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ControlPlaneResource.class, restrictToAnnotatedClass = false)
class PromiseControllerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    final KubernetesClient client = ControlPlane.client();

    @Test
    void promiseApiIsInstalledWithKratixStatusAndThePromiseBecomesAvailable() {
        create(promiseWithApi("databases", "db.pledge.dev", "Database"));

        Condition available = awaitCondition("databases", "Available", "True");
        assertThat(available.getReason()).isEqualTo("PromiseAvailable");
        Promise promise = promise("databases");
        assertThat(promise.getStatus().getStatus()).isEqualTo("Available");
        assertThat(promise.getStatus().getKind()).isEqualTo("Database");
        assertThat(promise.getStatus().getApiVersion()).isEqualTo("db.pledge.dev/v1");

        CustomResourceDefinition crd = crd("databases.db.pledge.dev");
        assertThat(crd.getMetadata().getLabels()).containsEntry(KratixLabels.PROMISE_NAME, "databases");
        var version = crd.getSpec().getVersions().get(0);
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName()).containsExactly("message", "status");
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getXKubernetesPreserveUnknownFields())
                .isTrue();
    }

    @Test
    void aSecondPromiseClaimingTheSameApiIsRefusedWithAConditionAndAnEvent() {
        create(promiseWithApi("first-owner", "claimed.pledge.dev", "Claimed"));
        awaitCondition("first-owner", "Available", "True");

        create(promiseWithApi("second-owner", "claimed.pledge.dev", "Claimed"));

        Condition refused = awaitCondition("second-owner", "Available", "False");
        assertThat(refused.getReason()).isEqualTo("APIConflict");
        assertThat(refused.getMessage()).contains("claimeds.claimed.pledge.dev", "Promise first-owner");
        assertThat(awaitEvent("second-owner", "APIConflict").getType()).isEqualTo("Warning");
        assertThat(crd("claimeds.claimed.pledge.dev").getMetadata().getLabels())
                .containsEntry(KratixLabels.PROMISE_NAME, "first-owner");
    }

    @Test
    void anApiCrdTheServerRejectsGivesAConditionAndAnEventAndNothingElseBreaks() {
        Promise broken = promiseWithApi("broken-api", "broken.pledge.dev", "Broken");
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((List<Map<String, Object>>) ((Map<String, Object>) broken
                .getSpec().getApi().asMap().get("spec")).get("versions")).get(0).get("schema")).get("openAPIV3Schema");
        schema.put("type", "not-a-type");
        create(broken);
        create(promiseWithApi("healthy-neighbour", "neighbour.pledge.dev", "Neighbour"));

        Condition failed = awaitCondition("broken-api", "Available", "False");
        assertThat(failed.getReason()).isEqualTo("InvalidAPI");
        assertThat(failed.getMessage()).contains("rejected by the API server", "not-a-type");
        assertThat(awaitEvent("broken-api", "InvalidAPI").getType()).isEqualTo("Warning");
        awaitCondition("healthy-neighbour", "Available", "True");
    }

    @Test
    void anInvalidPromiseGivesAConditionAndAnEvent() {
        Promise promise = Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata:
                  name: twice-named
                spec:
                  workflows:
                    promise:
                      configure:
                        - {apiVersion: platform.kratix.io/v1alpha1, kind: Pipeline, metadata: {name: a, labels: {team: "not valid!"}}, spec: {containers: [{name: a, image: a}]}}
                """).get(0), Promise.class);
        create(promise);

        // the API server refuses most invalid Promises itself (docs/validation.md); a label value it cannot check
        Condition invalid = awaitCondition("twice-named", "Available", "False");
        assertThat(invalid.getReason()).isEqualTo("InvalidPromise");
        assertThat(invalid.getMessage()).contains("label value \"not valid!\" is not a valid label value");
        awaitEvent("twice-named", "InvalidPromise");
    }

    /** Issue 11: the API server takes names up to 253 characters; a Promise name must fit a label value. */
    @Test
    void aPromiseNameThatIsNotAKubernetesLabelNameGivesAnInvalidPromiseCondition() {
        // the API server refuses names over 63 characters (a CEL rule) and names that are not DNS subdomains; a
        // dotted name is a subdomain, so it is stored, and the controller must say it cannot be a label value
        String name = "a.dotted.promise";
        create(promiseWithDependencies(name, "dotted-name-ns", "a", "b"));

        Condition invalid = awaitCondition(name, "Available", "False");
        assertThat(invalid.getReason()).isEqualTo("InvalidPromise");
        assertThat(invalid.getMessage()).contains("\"" + name + "\" must consist of lower case letters");
    }

    @Test
    void requestsWaitForRequiredPromisesAndStartOnTheirOwnOnceTheyAreInstalled() {
        // the request's pipeline must finish here: a failing Job retried for minutes would write during later tests
        dev.pledge.testing.KubeletStandIn.start();
        dev.pledge.testing.KubeletStandIn.register("example.org/build:v1",
                step -> java.nio.file.Files.writeString(step.output().resolve("build.yaml"), "kind: List\n"));
        Promise compound = promiseWithApi("compound", "compound.pledge.dev", "Compound");
        PromiseSpec.RequiredPromise requirement = new PromiseSpec.RequiredPromise();
        requirement.setName("compound-base");
        requirement.setVersion("v2");
        compound.getSpec().setRequiredPromises(List.of(requirement));
        compound.getSpec().setWorkflows(Yaml.mapper().convertValue(Yaml.documents("""
                resource:
                  configure:
                    - {apiVersion: platform.kratix.io/v1alpha1, kind: Pipeline, metadata: {name: build}, spec: {containers: [{name: build, image: example.org/build:v1}]}}
                """).get(0), Workflows.class));
        create(compound);

        Condition fulfilled = awaitCondition("compound", "RequirementsFulfilled", "False");
        assertThat(fulfilled.getReason()).isEqualTo("RequirementsNotInstalled");
        assertThat(fulfilled.getMessage()).isEqualTo("Requirements not fulfilled");
        // Available may first say the API is not established yet; the missing requirement follows
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(awaitCondition("compound", "Available", "False")
                .getMessage()).contains("compound-base v2: Requirement not installed"));
        assertThat(promise("compound").getStatus().getRequiredPromises()).singleElement()
                .satisfies(r -> assertThat(r.getState()).isEqualTo("Requirement not installed"));
        await().atMost(TIMEOUT).until(() -> crd("compounds.compound.pledge.dev") != null);
        GenericKubernetesResource request = new GenericKubernetesResource();
        request.setApiVersion("compound.pledge.dev/v1");
        request.setKind("Compound");
        request.setMetadata(new ObjectMetaBuilder().withName("waits").withNamespace("default").build());
        request.setAdditionalProperty("spec", Map.of("size", "small"));
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> client.resource(request).create() != null);

        Condition waiting = awaitRequestCondition("waits", "PromiseAvailable", "False");
        assertThat(waiting.getReason()).isEqualTo("PromiseRequirementsNotInstalled");
        assertThat(waiting.getMessage()).isEqualTo("Promise Requirements are not installed");
        assertThat(requestJobs("compound")).isEmpty();

        Promise base = Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata: {name: compound-base, labels: {kratix.io/promise-version: v1}}
                spec: {}
                """).get(0), Promise.class);
        create(base);
        await().atMost(TIMEOUT).until(() -> "Requirement not installed at the specified version".equals(
                promise("compound").getStatus().getRequiredPromises().get(0).getState()));
        assertThat(requestJobs("compound")).isEmpty();

        client.resources(Promise.class).withName("compound-base").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + KratixLabels.PROMISE_VERSION + "\":\"v2\"}}}");

        awaitCondition("compound", "RequirementsFulfilled", "True");
        awaitCondition("compound", "Available", "True");
        assertThat(promise("compound").getStatus().getRequiredPromises()).singleElement()
                .satisfies(r -> assertThat(r.getState()).isEqualTo("Requirement installed"));
        assertThat(awaitRequestCondition("waits", "PromiseAvailable", "True").getMessage())
                .isEqualTo("Promise Requirements are met");
        await().atMost(TIMEOUT).until(() -> !requestJobs("compound").isEmpty());
        awaitRequestCondition("waits", "ConfigureWorkflowCompleted", "True");
    }

    @Test
    void dependenciesBecomeOneStaticDependencyWorkThatFollowsThePromise() {
        create(promiseWithDependencies("deps", "foo", "environment", "dev"));

        Work work = awaitWork("deps-static-deps", w -> true);
        assertThat(work.getMetadata().getLabels()).containsEntry(KratixLabels.PROMISE_NAME, "deps")
                .containsEntry(KratixLabels.WORK_TYPE, "static-dependency");
        var group = work.getSpec().getWorkloadGroups().get(0);
        assertThat(group.getDirectory()).isEqualTo(".");
        assertThat(group.getId()).isEqualTo("5058f1af8388633f609cadb75a75dc9d");
        assertThat(group.getDestinationSelectors()).singleElement().satisfies(s -> {
            assertThat(s.getMatchLabels()).isEqualTo(Map.of("environment", "dev"));
            assertThat(s.getSource()).isEqualTo("promise");
        });
        assertThat(group.getWorkloads()).singleElement().satisfies(w -> {
            assertThat(w.getFilepath()).isEqualTo("static/deps-dependencies.yaml");
            assertThat(new String(WorkloadContent.decode(w.getContent()), StandardCharsets.UTF_8)).contains("name: foo");
        });

        dev.pledge.testing.Conflicts.retry(() -> client.resources(Promise.class).withName("deps").edit(p -> {
            p.getSpec().getDependencies().get(0).set("metadata", Map.of("name", "bar"));
            return p;
        }));
        awaitWork("deps-static-deps", w -> decoded(w).contains("name: bar"));

        dev.pledge.testing.Conflicts.retry(() -> client.resources(Promise.class).withName("deps").edit(p -> {
            p.getSpec().setDependencies(List.of());
            return p;
        }));
        await().atMost(TIMEOUT).until(() -> client.resources(Work.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE)
                .withName("deps-static-deps").get() == null);
    }

    @Test
    void deletingAPromiseRemovesItsWorksAndThenItsApi() {
        Promise promise = promiseWithApi("short-lived", "gone.pledge.dev", "Gone");
        Promise withDependencies = promiseWithDependencies("x", "gone-ns", "a", "b");
        promise.getSpec().setDependencies(withDependencies.getSpec().getDependencies());
        promise.getSpec().setDestinationSelectors(withDependencies.getSpec().getDestinationSelectors());
        create(promise);
        awaitCondition("short-lived", "Available", "True");
        awaitWork("short-lived-static-deps", w -> true);

        client.resource(promise("short-lived")).delete();

        await().atMost(TIMEOUT).until(() -> promise("short-lived") == null);
        assertThat(client.resources(Work.class).inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME, "short-lived")
                .list().getItems()).isEmpty();
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("gones.gone.pledge.dev").get()).isNull();
    }

    @Test
    void aConvergedPromiseWritesNothingWhileIdle() throws InterruptedException {
        Promise promise = promiseWithApi("idle", "idle.pledge.dev", "Idle");
        Promise withDependencies = promiseWithDependencies("x", "idle-ns", "a", "b");
        promise.getSpec().setDependencies(withDependencies.getSpec().getDependencies());
        promise.getSpec().setDestinationSelectors(withDependencies.getSpec().getDestinationSelectors());
        create(promise);
        awaitCondition("idle", "Available", "True");
        awaitWork("idle-static-deps", w -> true);
        Thread.sleep(3_000); // let the last status patch and its echo settle

        assertThat(dev.pledge.testing.ApiWrites.since(0)).as("the audit log sees the operator's writes")
                .anyMatch(w -> w.startsWith("patch promises/status /idle"));
        long mark = dev.pledge.testing.ApiWrites.mark();
        Thread.sleep(IDLE.toMillis());

        assertThat(dev.pledge.testing.ApiWrites.since(mark)).as("API writes during an idle minute").isEmpty();
    }

    // ---- helpers

    static final Duration IDLE = Duration.ofSeconds(Long.getLong("test.idle.seconds", 60));

    static Promise promiseWithApi(String name, String group, String kind) {
        String plural = kind.toLowerCase() + "s";
        return Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata:
                  name: %s
                spec:
                  api:
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata:
                      name: %s.%s
                    spec:
                      group: %s
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
                                spec:
                                  type: object
                                  properties:
                                    size: {type: string}
                """.formatted(name, plural, group, group, kind, plural, kind.toLowerCase())).get(0), Promise.class);
    }

    static Promise promiseWithDependencies(String name, String namespace, String key, String value) {
        return Yaml.mapper().convertValue(Yaml.documents("""
                apiVersion: platform.kratix.io/v1alpha1
                kind: Promise
                metadata:
                  name: %s
                spec:
                  destinationSelectors:
                    - matchLabels: {%s: %s}
                  dependencies:
                    - apiVersion: v1
                      kind: Namespace
                      metadata:
                        name: %s
                """.formatted(name, key, value, namespace)).get(0), Promise.class);
    }

    void create(Promise promise) {
        client.resource(promise).create();
    }

    Promise promise(String name) {
        return client.resources(Promise.class).withName(name).get();
    }

    CustomResourceDefinition crd(String name) {
        return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    }

    Condition awaitCondition(String promise, String type, String status) {
        return await().atMost(TIMEOUT).until(() -> {
            Promise p = promise(promise);
            return p == null || p.getStatus() == null ? null
                    : Conditions.find(p.getStatus().getConditions(), type).filter(c -> status.equals(c.getStatus())).orElse(null);
        }, c -> c != null);
    }

    @SuppressWarnings("unchecked")
    Condition awaitRequestCondition(String request, String type, String status) {
        return await().atMost(TIMEOUT).until(() -> {
            GenericKubernetesResource r = client.genericKubernetesResources("compound.pledge.dev/v1", "Compound")
                    .inNamespace("default").withName(request).get();
            if (r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> s)
                    || !(s.get("conditions") instanceof List<?> conditions)) {
                return null;
            }
            return conditions.stream().map(c -> client.getKubernetesSerialization().convertValue(c, Condition.class))
                    .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus())).findFirst().orElse(null);
        }, c -> c != null);
    }

    List<Job> requestJobs(String promise) {
        return client.batch().v1().jobs().inAnyNamespace().withLabel(KratixLabels.PROMISE_NAME, promise)
                .withLabel(KratixLabels.WORKFLOW_TYPE, "resource").list().getItems();
    }

    Event awaitEvent(String involved, String reason) {
        return await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .findFirst().orElse(null), e -> e != null);
    }

    Work awaitWork(String name, java.util.function.Predicate<Work> condition) {
        return await().atMost(TIMEOUT).until(
                () -> client.resources(Work.class).inNamespace(ControlPlaneResource.SYSTEM_NAMESPACE).withName(name).get(),
                w -> w != null && condition.test(w));
    }

    static String decoded(Work work) {
        return new String(WorkloadContent.decode(work.getSpec().getWorkloadGroups().get(0).getWorkloads().get(0).getContent()),
                StandardCharsets.UTF_8);
    }
}
