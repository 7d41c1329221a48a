package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.testing.KratixCrds;
import dev.pledge.testing.PromiseCorpus;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Admission without webhooks: the Promise CRD's own CEL rules ({@code x-kubernetes-validations}, from the
 * {@code @ValidationRule}s of the model) make the API server refuse an invalid Promise with the reason
 * {@code validate} prints, while every valid Promise is accepted. The CRDs are installed from kubernetes/crds, the
 * files users apply; objects are sent with server-side apply, as {@code kubectl apply --server-side} does.
 *
 * <p>Two fixtures of src/test/resources/validate are about the file, not the object, and stay with {@code validate}:
 * {@code unparseable.yaml} never reaches the API server (kubectl cannot read it), and {@code wrong-kind.yaml} is a
 * Destination, which the API server rightly stores as one.
 */
class PromiseAdmissionTest {
    static final Path BAD = Path.of("src/test/resources/validate");

    static KubernetesClient client;

    @BeforeAll
    static void installCrds() {
        client = KratixCrds.installed();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pipeline-not-a-pipeline.yaml  | spec.workflows.resource.configure[0] | unsupported pipeline: apiVersion batch/v1, kind Job
            duplicate-pipeline-names.yaml | spec.workflows.promise.configure     | duplicate pipeline name
            pipeline-id-too-long.yaml     | spec.workflows.resource.configure    | pipeline id <promise>-resource-configure-<pipeline> is over the limit of 60 characters
            api-cluster-scoped.yaml       | spec.api                             | promise api needs to be namespace scoped (spec.scope is Cluster, must be Namespaced)
            api-no-storage-version.yaml   | spec.api                             | no version has storage: true
            interval-too-short.yaml       | spec.workflows.config.reconciliationInterval | "30s" is shorter than 1m
            dependency-not-an-object.yaml | spec.dependencies[0]                 | is not a Kubernetes object: apiVersion and kind are required
            pipeline-label-key-invalid.yaml | spec.workflows.promise.configure[0].metadata.labels | label key "bad key" is not a valid label
            name-not-a-kubernetes-name.yaml | metadata.name                      | must consist of lower case alphanumeric characters
            name-too-long.yaml            | metadata.name                        | must be no more than 253 characters
            """)
    void invalidPromiseIsRefusedByTheApiServerWithTheReasonValidatePrints(String file, String field, String reason) {
        GenericKubernetesResource promise = promise(BAD.resolve(file));

        assertThatThrownBy(() -> client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES)
                .resource(promise).serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(field + ": Invalid value").contains(reason);
                });
        assertThat(client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES)
                .withName(promise.getMetadata().getName()).get()).as("nothing stored").isNull();
    }

    @org.junit.jupiter.api.Test
    void aPromiseNameTheApiServerTakesButNoLabelCanHoldIsRefused() {
        GenericKubernetesResource promise = promise(BAD.resolve("name-not-a-kubernetes-name.yaml"));
        promise.getMetadata().setName("p" + "x".repeat(70));

        assertThatThrownBy(() -> client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES)
                .resource(promise).serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("metadata.name is over 63 characters");
                });
    }

    /**
     * Upstream's webhook refuses, on update, a change to the installed API's name or names and the removal of the
     * API; the API server does the same here with CEL transition rules. Changing anything else is accepted.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            renaming the API            | spec.api | the API of an installed Promise cannot be renamed: metadata.name was "buildservers.fixtures.pledge.dev"
            changing the kind           | spec.api | spec.names of an installed Promise's API cannot change
            adding a short name         | spec.api | spec.names of an installed Promise's API cannot change
            removing the API            | spec     | spec.api cannot be removed from an installed Promise
            """)
    void anInstalledPromisesApiKeepsItsNamesOnUpdate(String change, String field, String reason) {
        var promises = client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES);
        GenericKubernetesResource installed = promise(PromiseCorpus.own().resolve("build-server.yaml"));
        String name = installed.getMetadata().getName();
        String stored = promises.resource(installed).serverSideApply().get("spec").toString();
        try {
            ObjectNode changed = client.getKubernetesSerialization().convertValue(installed, ObjectNode.class);
            ObjectNode api = changed.with("spec").with("api");
            switch (change) {
                case "renaming the API" -> {
                    api.with("spec").put("group", "other.pledge.dev");
                    api.with("metadata").put("name", "buildservers.other.pledge.dev");
                }
                case "changing the kind" -> api.with("spec").with("names").put("kind", "Builder");
                case "adding a short name" -> api.with("spec").with("names").putArray("shortNames").add("bs");
                case "removing the API" -> changed.with("spec").remove("api");
                default -> throw new IllegalArgumentException(change);
            }
            GenericKubernetesResource update = client.getKubernetesSerialization()
                    .convertValue(changed, GenericKubernetesResource.class);

            assertThatThrownBy(() -> promises.resource(update).forceConflicts().serverSideApply())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(422);
                        assertThat(e.getMessage()).contains(field + ": Invalid value").contains(reason);
                    });
            assertThat(promises.withName(name).get().get("spec").toString()).as("stored Promise unchanged")
                    .isEqualTo(stored);
        } finally {
            deleted(name);
        }
    }

    @org.junit.jupiter.api.Test
    void anInstalledPromiseMayChangeEverythingButItsApisNames() {
        var promises = client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES);
        GenericKubernetesResource installed = promise(PromiseCorpus.own().resolve("build-server.yaml"));
        String name = installed.getMetadata().getName();
        promises.resource(installed).serverSideApply();
        try {
            ObjectNode changed = client.getKubernetesSerialization().convertValue(installed, ObjectNode.class);
            ObjectNode version = (ObjectNode) changed.with("spec").with("api").with("spec").withArray("versions").get(0);
            version.with("schema").with("openAPIV3Schema").with("properties").with("spec").with("properties")
                    .with("region").put("type", "string");
            changed.with("spec").with("api").with("metadata").with("labels").put("tier", "gold");

            promises.resource(client.getKubernetesSerialization().convertValue(changed, GenericKubernetesResource.class))
                    .forceConflicts().serverSideApply();

            assertThat(promises.withName(name).get().getMetadata().getGeneration()).as("update stored").isEqualTo(2L);
        } finally {
            deleted(name);
        }
    }

    static Stream<Path> ownPromises() {
        return PromiseCorpus.files(PromiseCorpus.own()).stream();
    }

    /** The Promises of kubernetes/examples, which the install guide applies. */
    static Stream<Path> examplePromises() {
        return PromiseCorpus.files(Path.of("kubernetes/examples")).stream()
                .filter(f -> "Promise".equals(Yaml.documents(f).get(0).path("kind").asText()));
    }

    static Stream<Path> marketplacePromises() {
        return PromiseCorpus.files(PromiseCorpus.marketplace()).stream();
    }

    @ParameterizedTest
    @MethodSource("ownPromises")
    void everyValidPromiseOfOurOwnIsAccepted(Path file) {
        assertAccepted(file);
    }

    @ParameterizedTest
    @MethodSource("examplePromises")
    void everyExamplePromiseIsAccepted(Path file) {
        assertAccepted(file);
    }

    @Tag(PromiseCorpus.MARKETPLACE)
    @ParameterizedTest
    @MethodSource("marketplacePromises")
    void everyMarketplacePromiseIsAccepted(Path file) {
        assertAccepted(file);
    }

    private static void assertAccepted(Path file) {
        GenericKubernetesResource promise = promise(file);
        var promises = client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES);

        promises.resource(promise).serverSideApply();

        String name = promise.getMetadata().getName();
        assertThat(promises.withName(name).get()).as(file + " stored").isNotNull();
        deleted(name);
    }

    /** Deletes a stored Promise and waits until it is gone. */
    private static void deleted(String name) {
        var promises = client.genericKubernetesResources(PromiseShapesOnTheApiServerTest.PROMISES);
        promises.withName(name).delete();
        promises.withName(name).waitUntilCondition(r -> r == null, 30, TimeUnit.SECONDS);
    }

    /** The first document of a file, labelled so that no operator under test acts on it. */
    private static GenericKubernetesResource promise(Path file) {
        ObjectNode document = (ObjectNode) Yaml.documents(file).get(0);
        document.with("metadata").with("labels").put(KratixCrds.API_ONLY, "true");
        return client.getKubernetesSerialization().convertValue(document, GenericKubernetesResource.class);
    }
}
