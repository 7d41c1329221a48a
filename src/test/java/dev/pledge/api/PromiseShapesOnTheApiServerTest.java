package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.testing.KratixCrds;
import dev.pledge.testing.PromiseCorpus;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Promise CRD must never prune or alter what users write: embedded CRDs with defaults and patterns, nested
 * preserve-unknown-fields, multi-pipeline workflows, dependencies of many kinds. Our own fixtures cover those
 * shapes; the marketplace Promises are checked the same way.
 */
class PromiseShapesOnTheApiServerTest {
    static final ResourceDefinitionContext PROMISES = new ResourceDefinitionContext.Builder()
            .withGroup(Kratix.GROUP).withVersion(Kratix.VERSION).withKind("Promise").withPlural("promises")
            .withNamespaced(false).build();

    static KubernetesClient client;
    static KubernetesSerialization serialization;

    @BeforeAll
    static void installCrds() {
        client = KratixCrds.installed();
        serialization = client.getKubernetesSerialization();
    }

    static Stream<Path> ownShapes() {
        return PromiseCorpus.files(PromiseCorpus.own()).stream();
    }

    static Stream<Path> marketplacePromises() {
        return PromiseCorpus.files(PromiseCorpus.marketplace()).stream();
    }

    @ParameterizedTest
    @MethodSource("ownShapes")
    void promiseShapesAreStoredWithoutLosingAField(Path file) {
        assertStoredVerbatimBothWays(file);
    }

    @Tag(PromiseCorpus.MARKETPLACE)
    @ParameterizedTest
    @MethodSource("marketplacePromises")
    void marketplacePromisesAreStoredWithoutLosingAField(Path file) {
        assertStoredVerbatimBothWays(file);
    }

    /** Applied raw, and applied through our typed model: either way the spec read back is the one written. */
    private static void assertStoredVerbatimBothWays(Path file) {
        com.fasterxml.jackson.databind.node.ObjectNode document = (com.fasterxml.jackson.databind.node.ObjectNode) Yaml.documents(file).get(0);
        document.with("metadata").with("labels").put(KratixCrds.API_ONLY, "true");
        JsonNode wanted = json(document.get("spec"));
        String name = document.get("metadata").get("name").asText();

        GenericKubernetesResource raw = serialization.convertValue(document, GenericKubernetesResource.class);
        client.genericKubernetesResources(PROMISES).resource(raw).create();
        assertThat(json(readSpec(name))).as("raw spec of " + file).isEqualTo(wanted);
        client.genericKubernetesResources(PROMISES).withName(name).delete();
        client.genericKubernetesResources(PROMISES).withName(name).waitUntilCondition(r -> r == null, 30,
                java.util.concurrent.TimeUnit.SECONDS);

        Promise typed = Yaml.mapper().convertValue(document, Promise.class);
        assertThat(json(typed.getSpec())).as("typed model keeps every field of " + file).isEqualTo(wanted);
        client.resource(typed).create();
        assertThat(json(readSpec(name))).as("typed spec of " + file).isEqualTo(wanted);
        assertThat(json(client.resources(Promise.class).withName(name).get().getSpec())).isEqualTo(wanted);
        client.resources(Promise.class).withName(name).delete();
    }

    private static Object readSpec(String name) {
        return client.genericKubernetesResources(PROMISES).withName(name).get().getAdditionalProperties().get("spec");
    }

    private static JsonNode json(Object value) {
        return serialization.unmarshal(serialization.asJson(value), JsonNode.class);
    }

}
