package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.yaml.Yaml;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reader} against the real API server. */
class ReaderCommandTest {

    @Test
    void readerWritesTheRequestAsObjectYamlAndCreatesTheOutputDirectory(@TempDir Path kratix) throws Exception {
        AdapterFixture.database("reader-a", "orders", Map.of("size", "small"), null);
        Map<String, String> env = new java.util.HashMap<>(
                AdapterFixture.resourceEnv("database", "instance", "reader-a", "orders"));
        env.put("INPUT_DIR", kratix.resolve("input").toString());
        env.put("OUTPUT_DIR", kratix.resolve("output").toString());

        AdapterFixture.Run run = AdapterFixture.run(env, "reader");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode object = Yaml.documents(Files.readString(kratix.resolve("input/object.yaml"))).get(0);
        assertThat(object.path("kind").asText()).isEqualTo("Database");
        assertThat(object.path("metadata").path("name").asText()).isEqualTo("orders");
        assertThat(object.path("metadata").path("namespace").asText()).isEqualTo("reader-a");
        assertThat(object.path("spec").path("size").asText()).isEqualTo("small");
        assertThat(kratix.resolve("output")).isDirectory();
    }

    @Test
    void readerFailsWithOneLineWhenTheObjectIsGone(@TempDir Path kratix) {
        AdapterFixture.namespace("reader-b");
        Map<String, String> env = new java.util.HashMap<>(
                AdapterFixture.resourceEnv("database", "instance", "reader-b", "missing"));
        env.put("INPUT_DIR", kratix.resolve("input").toString());

        AdapterFixture.Run run = AdapterFixture.run(env, "reader");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("reader: Database reader-b/missing not found");
    }
}
