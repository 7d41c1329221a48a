package dev.pledge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pledge.yaml.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code kubectl explain} has something to say about every field of every checked-in Kratix CRD. */
class CrdFieldDescriptionsTest {

    @Test
    void everyFieldOfEveryCrdHasADescription() throws IOException {
        List<String> undescribed = new ArrayList<>();
        try (Stream<Path> files = Files.list(KratixCrdFiles.CHECKED_IN)) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode version : Yaml.documents(file).get(0).path("spec").path("versions")) {
                    JsonNode root = version.path("schema").path("openAPIV3Schema");
                    collectUndescribed(file.getFileName() + ":" + version.path("name").asText(), root, undescribed);
                }
            }
        }
        assertThat(undescribed).as("fields without a description").isEmpty();
    }

    private static void collectUndescribed(String path, JsonNode schema, List<String> undescribed) {
        schema.path("properties").fields().forEachRemaining(field -> {
            String fieldPath = path + "." + field.getKey();
            boolean objectMetaOrTypeMeta = path.endsWith(":v1alpha1")
                    && List.of("apiVersion", "kind", "metadata").contains(field.getKey());
            if (!objectMetaOrTypeMeta && field.getValue().path("description").asText("").isBlank()) {
                undescribed.add(fieldPath);
            }
            collectUndescribed(fieldPath, field.getValue(), undescribed);
        });
        if (schema.has("items")) {
            collectUndescribed(path + "[]", schema.path("items"), undescribed);
        }
    }
}
