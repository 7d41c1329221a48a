package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.PledgeChild;
import dev.pledge.testing.PledgeChild.Exit;
import dev.pledge.testing.HostileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files a hostile or broken pipeline can leave behind, handed to {@code work-creator} and {@code update-status} as
 * a Job runs them: the real entry point in a child JVM with the image's JVM settings, against the real API server.
 * Each run exits non-zero promptly with one line, and the request's status names the file.
 */
class HostilePipelineFilesTest {
    static final Map<String, Object> PENDING = Map.of("message", "Pending");

    @TempDir
    Path dir;

    static Path hostile(String kind, Path directory, String name) throws IOException {
        return HostileFiles.write(kind, directory, name);
    }

    @ParameterizedTest(name = "{0} destination-selectors.yaml")
    @ValueSource(strings = {"self-alias", "alias-doubling", "100-MB", "binary"})
    void workCreatorRefusesAHostileDestinationSelectorsFileAndTheRequestSaysWhich(String kind) throws Exception {
        String namespace = "hostile-ds-" + kind.toLowerCase();
        AdapterFixture.database(namespace, "orders", Map.of(), PENDING);
        Path root = dir.resolve("work-creator-files");
        Files.createDirectories(root.resolve("input"));
        Files.writeString(root.resolve("input/a.yaml"), "kind: ConfigMap\n");
        hostile(kind, root.resolve("metadata"), "destination-selectors.yaml");

        Exit exit = workCreator(root, namespace);

        assertOneLineFailure(exit, "instance: destination-selectors.yaml: ");
        assertTheRequestSays(namespace, exit.line());
    }

    @ParameterizedTest(name = "{0} status.yaml")
    @ValueSource(strings = {"self-alias", "alias-doubling", "100-MB", "binary"})
    void updateStatusRefusesAHostileStatusFileAndTheRequestSaysWhich(String kind) throws Exception {
        updateStatusRefusesAHostile("status.yaml", kind, "hostile-st-" + kind.toLowerCase());
    }

    @ParameterizedTest(name = "{0} workflow-control.yaml")
    @ValueSource(strings = {"self-alias", "alias-doubling", "100-MB", "binary"})
    void updateStatusRefusesAHostileWorkflowControlFileAndTheRequestSaysWhich(String kind) throws Exception {
        updateStatusRefusesAHostile("workflow-control.yaml", kind, "hostile-wc-" + kind.toLowerCase());
    }

    /** update-status, last pipeline, with a hostile {@code file} in the metadata: one line, and the request says it. */
    private void updateStatusRefusesAHostile(String file, String kind, String namespace) throws Exception {
        AdapterFixture.database(namespace, "orders", Map.of(), PENDING);
        Path metadata = dir.resolve("metadata");
        hostile(kind, metadata, file);

        Map<String, String> env = new LinkedHashMap<>(AdapterFixture.resourceEnv("database", "instance", namespace,
                "orders"));
        env.put("IS_LAST_PIPELINE", "true");
        env.put("METADATA_DIR", metadata.toString());
        Exit exit = pledge(env, "update-status");

        assertOneLineFailure(exit, "instance: " + file + ": ");
        assertTheRequestSays(namespace, exit.line());
    }

    @ParameterizedTest(name = "symlink to a file outside the output")
    @ValueSource(strings = {"leak.yaml"})
    void workCreatorRefusesASymlinkOutOfTheOutputAndTheRequestSaysWhich(String link) throws Exception {
        String namespace = "hostile-symlink";
        AdapterFixture.database(namespace, "orders", Map.of(), PENDING);
        Path root = dir.resolve("work-creator-files");
        Files.createDirectories(root.resolve("input/sub"));
        Files.createDirectories(root.resolve("metadata"));
        Path secret = Files.writeString(dir.resolve("outside.txt"), "not the pipeline's output\n");
        Files.createSymbolicLink(root.resolve("input/sub").resolve(link), secret);

        Exit exit = workCreator(root, namespace);

        assertOneLineFailure(exit, "instance: output/sub/" + link + ": is a symbolic link that leads out of");
        assertTheRequestSays(namespace, exit.line());
        assertThat(AdapterFixture.client().resources(dev.pledge.api.Work.class).inNamespace(namespace).list()
                .getItems()).as("no Work is made from the output").isEmpty();
    }

    private Exit workCreator(Path root, String namespace) throws Exception {
        return pledge(AdapterFixture.resourceEnv("database", "instance", namespace, "orders"), "work-creator",
                "--input-directory", root.toString(), "--promise-name", "database", "--pipeline-name", "instance",
                "--namespace", namespace, "--workflow-type", "resource", "--resource-name", "orders");
    }

    static void assertOneLineFailure(Exit exit, String start) {
        assertThat(exit.exited()).as("exits within " + PledgeChild.EXIT_GUARD).isTrue();
        assertThat(exit.status()).as(exit.output()).isNotZero();
        assertThat(exit.output().lines()).as(exit.output()).singleElement().asString().startsWith(start)
                .doesNotContain("Exception").doesNotContain("Error");
    }

    static void assertTheRequestSays(String namespace, String line) {
        Map<String, Object> status = AdapterFixture.status(namespace, "orders");
        assertThat(AdapterFixture.condition(status, "ConfigureWorkflowCompleted"))
                .containsEntry("status", "False").containsEntry("reason", "InvalidPipelineOutput")
                .containsEntry("message", line);
        assertThat(status).containsEntry("message", line);
    }

    /** The binary's entry point in a child JVM, with the Job's environment and the test API server. */
    static Exit pledge(Map<String, String> env, String... args) throws Exception {
        AdapterFixture.client();
        Map<String, String> withApiServer = new LinkedHashMap<>(env);
        withApiServer.put("KUBECONFIG", ControlPlane.start().toString());
        return PledgeChild.run(withApiServer, args);
    }
}
