package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.testing.KratixCrds;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Kratix kind, with every field set, survives the real API server unchanged, and its status is written
 * through the status subresource without touching spec.
 */
class KratixKindsOnTheApiServerTest {
    static final Map<String, Class<? extends CustomResource<?, ?>>> KINDS = Map.of(
            "Promise", Promise.class, "Destination", Destination.class, "GitStateStore", GitStateStore.class,
            "BucketStateStore", BucketStateStore.class, "Work", Work.class, "WorkPlacement", WorkPlacement.class);

    static KubernetesClient client;
    static KubernetesSerialization serialization;

    @BeforeAll
    static void installCrds() {
        client = KratixCrds.installed();
        serialization = client.getKubernetesSerialization();
    }

    @ParameterizedTest
    @ValueSource(strings = {"promise", "destination", "gitstatestore", "bucketstatestore", "work", "workplacement"})
    <T extends CustomResource<?, ?>> void everyFieldIsStoredAsWrittenAndStatusIsWrittenSeparately(String fixture) {
        ObjectNode document = (ObjectNode) Yaml.documents(Path.of("src/test/resources/kinds/" + fixture + ".yaml")).get(0);
        JsonNode wantedStatus = tree(document.remove("status"));
        JsonNode wantedSpec = tree(document.get("spec"));
        ((ObjectNode) document.get("metadata")).with("labels").put(KratixCrds.API_ONLY, "true");
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) KINDS.get(document.get("kind").asText());

        T created = client.resource(serialization.convertValue(document, type)).create();
        assertThat(tree(created.getSpec())).as("spec as created").isEqualTo(wantedSpec);
        T read = get(type, created);
        assertThat(tree(read.getSpec())).as("spec read back").isEqualTo(wantedSpec);
        assertThat(read.getMetadata().getLabels()).isEqualTo(created.getMetadata().getLabels());
        assertThat(read instanceof Namespaced).isEqualTo(document.path("metadata").has("namespace"));

        // A status write carrying a changed spec must change the status only.
        ObjectNode withStatus = (ObjectNode) tree(read);
        withStatus.set("status", wantedStatus);
        withStatus.putObject("spec");
        client.resource(serialization.convertValue(withStatus, type)).updateStatus();

        T after = get(type, created);
        assertThat(tree(after.getStatus())).as("status read back").isEqualTo(wantedStatus);
        assertThat(tree(after.getSpec())).as("spec untouched by the status write").isEqualTo(wantedSpec);
        assertThat(after.getMetadata().getGeneration()).isEqualTo(read.getMetadata().getGeneration());

        client.resource(after).delete();
    }

    private static <T extends HasMetadata> T get(Class<T> type, T like) {
        var resources = client.resources(type);
        String namespace = like.getMetadata().getNamespace();
        return namespace == null ? resources.withName(like.getMetadata().getName()).get()
                : resources.inNamespace(namespace).withName(like.getMetadata().getName()).get();
    }

    /** JSON as the API server would return it, so numbers compare by value rather than by Java type. */
    private static JsonNode tree(Object value) {
        return serialization.unmarshal(serialization.asJson(value), JsonNode.class);
    }
}
