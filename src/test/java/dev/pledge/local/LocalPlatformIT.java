package dev.pledge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.testing.BareRepositories;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@code pledge local} as a user runs it: the packaged jar in a child JVM, started in an empty folder, stopped
 * with Ctrl-C. Needs the control plane in the cache (the build's provision step fills it before tests run).
 */
class LocalPlatformIT {
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final Path EXAMPLES = Path.of("kubernetes/examples");

    @Test
    void theWalkthroughPromiseLandsInTheLocalRepositoryAndSurvivesARestart() throws Exception {
        Path dir = Files.createTempDirectory("pledge-local-it-").resolve("home");
        try (LocalPlatformProcess platform = LocalPlatformProcess.start(dir, null)) {
            assertThat(platform.output()).contains("export KUBECONFIG=" + dir.resolve("kubeconfig"))
                    .contains("git --git-dir " + dir.resolve("state.git"));
            platform.client().resource(Files.readString(EXAMPLES.resolve("namespace-promise.yaml"))).create();

            Map<String, String> files = awaitFile(platform.repository(), "namespace-dependencies.yaml");
            String dependencies = files.entrySet().stream().filter(e -> e.getKey().endsWith("namespace-dependencies.yaml"))
                    .findFirst().orElseThrow().getKey();
            assertThat(dependencies).startsWith("local/dependencies/namespace/");
            assertThat(files.get(dependencies)).contains("kind: Namespace").contains("name: foo");

            assertThat(platform.interrupt()).isNotEqualTo(-1);
            assertThat(platform.processesMentioningDir()).isEmpty();
            assertThat(platform.output()).contains("pledge local: stopped");
        }

        int commitsBefore = BareRepositories.commits(dir.resolve("state.git"), "main").size();
        try (LocalPlatformProcess again = LocalPlatformProcess.start(dir, null)) {
            GenericKubernetesResource promise = again.client()
                    .genericKubernetesResources("platform.kratix.io/v1alpha1", "Promise").withName("namespace").get();
            assertThat(promise).as("the Promise applied before the restart").isNotNull();
            assertThat(BareRepositories.commits(dir.resolve("state.git"), "main")).hasSizeGreaterThanOrEqualTo(commitsBefore);
            assertThat(BareRepositories.files(dir.resolve("state.git"), "main").keySet())
                    .anyMatch(path -> path.endsWith("namespace-dependencies.yaml"));
            again.interrupt();
            assertThat(again.processesMentioningDir()).isEmpty();
        }
    }

    @Test
    void withoutAContainerEngineTheRequestSaysSo() throws Exception {
        Path root = Files.createTempDirectory("pledge-local-it-");
        String path = LocalPlatformProcess.pathWithoutContainerEngines(root.resolve("bin"));
        try (LocalPlatformProcess platform = LocalPlatformProcess.start(root.resolve("home"), path)) {
            assertThat(platform.output()).contains("no podman or docker on PATH");
            applyGreetingPromise(platform);

            await().atMost(TIMEOUT).until(() -> conditionMessage(platform, "ConfigureWorkflowCompleted") != null
                    && conditionMessage(platform, "ConfigureWorkflowCompleted").contains("no container engine"));
            assertThat(conditionMessage(platform, "ConfigureWorkflowCompleted"))
                    .contains("localhost/pledge-busybox:latest").contains("install podman or docker");
        }
    }

    /** Applies the greeting Promise, waits for its API, and requests one Greeting. */
    static void applyGreetingPromise(LocalPlatformProcess platform) throws Exception {
        platform.client().resource(Files.readString(EXAMPLES.resolve("greeting-promise.yaml"))).create();
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> platform.client().apiextensions().v1()
                .customResourceDefinitions().withName("greetings.example.pledge.dev").get() != null);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
            platform.client().resource(Files.readString(EXAMPLES.resolve("greeting.yaml"))).serverSideApply();
            return true;
        });
    }

    static String conditionMessage(LocalPlatformProcess platform, String type) throws Exception {
        GenericKubernetesResource request = platform.client()
                .genericKubernetesResources("example.pledge.dev/v1", "Greeting").inNamespace("default")
                .withName("hello").get();
        if (request == null || !(request.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("conditions") instanceof List<?> conditions)) {
            return null;
        }
        return conditions.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .filter(c -> type.equals(c.get("type"))).map(c -> Objects.toString(c.get("message"), null))
                .findFirst().orElse(null);
    }

    static Map<String, String> awaitFile(Path repository, String suffix) {
        return await().atMost(TIMEOUT).until(() -> BareRepositories.files(repository, "main"),
                files -> files.keySet().stream().anyMatch(path -> path.endsWith(suffix)));
    }
}
