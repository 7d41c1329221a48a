package dev.pledge.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.GitStateStore;
import dev.pledge.config.PledgeConfig;
import dev.pledge.statestore.CanaryFiles;
import dev.pledge.testing.GitStores;
import dev.pledge.testing.BareRepositories;
import dev.pledge.testing.ControlPlane;
import dev.pledge.testing.KratixCrds;
import dev.pledge.yaml.Yaml;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Pledge's JVM image, built and run for real with podman (no registry: the base image comes from
 * {@code src/main/docker/provision-podman.sh}, which the {@code containers} Maven profile runs first).
 * Builds the image with {@code src/main/docker/build-image.sh}, runs its sub-commands as the image's non-root user
 * the way a pipeline Job does (the command {@code /usr/local/bin/pledge}, no shell), then runs the operator
 * container on the host network against the test API server until a Destination on a Git state store is Ready.
 * Prints the image size, the build time and the operator's idle RSS; asserts none of them.
 */
@Tag("containers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorImageIT {
    static final String IMAGE = System.getProperty("test.pledge.image", "localhost/pledge:dev");
    /** What pipeline Jobs run (pledge.pipeline-adapter.command's default). */
    static final String ENTRY = "/usr/local/bin/pledge";
    /** The Deployment's memory limit; the JVM sizes its heap from it. */
    static final String MEMORY_LIMIT = "256m";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration IDLE = Duration.ofSeconds(Long.getLong("test.pledge.image.idle.seconds", 30));
    /** Extra JVM settings for the operator container (JAVA_OPTS), to try other memory settings. */
    static final String JAVA_OPTS = System.getProperty("test.pledge.image.java-opts", "");

    static final List<String> PODMAN = List.of("podman", "--storage-driver", "vfs");
    static final String CONTAINER = "pledge-image-it-" + ProcessHandle.current().pid();

    @BeforeAll
    static void buildImage() {
        long started = System.nanoTime();
        Result build = run(Duration.ofMinutes(15), "bash", "src/main/docker/build-image.sh", IMAGE);
        assertThat(build.status()).as("build-image.sh failed:\n%s", build.output()).isZero();
        report("image build time", String.format("%.1f s", (System.nanoTime() - started) / 1e9));
        long bytes = Long.parseLong(podman("image", "inspect", "--format", "{{.Size}}", IMAGE).strip());
        report("image size", String.format("%d MiB (%d bytes)", bytes >> 20, bytes));
    }

    /** Stops the operator as Kubernetes would (SIGTERM, then a grace period), keeps its log, removes it. */
    @AfterAll
    static void removeContainer() throws IOException {
        long started = System.nanoTime();
        Result stop = run(Duration.ofMinutes(2), concat(PODMAN, "stop", "--ignore", "--time", "30", CONTAINER));
        report("operator stop (SIGTERM to exit)", String.format("%.1f s", (System.nanoTime() - started) / 1e9));
        Path log = Path.of("target", "operator-image-it.log");
        Files.writeString(log, logs());
        report("operator container log", log.toAbsolutePath().toString());
        run(Duration.ofMinutes(1), concat(PODMAN, "rm", "--force", "--ignore", CONTAINER));
        assertThat(stop.status()).as(stop.output()).isZero();
    }

    @Test
    @Order(1)
    void theImageRunsAsUid185WithOneEntryPoint() throws Exception {
        // the entry point is what the operator puts in pipeline Jobs by default
        assertThat(PledgeConfig.PipelineAdapter.class.getMethod("command").getAnnotation(WithDefault.class).value())
                .isEqualTo(ENTRY);
        assertThat(podman("image", "inspect", "--format", "{{.Config.User}}", IMAGE).strip()).isEqualTo("185");
        assertThat(podman("image", "inspect", "--format", "{{json .Config.Entrypoint}}", IMAGE).strip())
                .isEqualTo("[\"" + ENTRY + "\"]");
    }

    @Test
    @Order(2)
    void helpPrintsTheSubCommands() {
        Result help = run(Duration.ofMinutes(2), concat(PODMAN, "run", "--rm", "--network", "host", IMAGE, "--help"));
        assertThat(help.status()).as(help.output()).isZero();
        assertThat(help.output()).contains("usage: pledge [operator]", "pledge validate FILE...", "pledge reader");
    }

    @Test
    @Order(3)
    void theAdapterCommandRunsAsAPipelineJobStartsIt() {
        // A Job container's command replaces the entry point: [/usr/local/bin/pledge] + args [reader, ...].
        Result reader = run(Duration.ofMinutes(2), concat(PODMAN, "run", "--rm", "--network", "host",
                "--read-only", "--cap-drop", "all", "--entrypoint", ENTRY, IMAGE, "reader", "--help"));
        assertThat(reader.status()).as(reader.output()).isZero();
        assertThat(reader.output()).contains("usage: pledge reader", "object.yaml", "KRATIX_OBJECT_KIND");

        Result workCreator = run(Duration.ofMinutes(2), concat(PODMAN, "run", "--rm", "--network", "host",
                "--entrypoint", ENTRY, IMAGE, "work-creator", "--help"));
        assertThat(workCreator.status()).as(workCreator.output()).isZero();
        assertThat(workCreator.output()).contains("--input-directory DIR");
    }

    @Test
    @Order(4)
    void theOperatorContainerMakesADestinationReady() throws Exception {
        KubernetesClient client = KratixCrds.installed();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kratix-platform-system")
                .endMetadata().build()).serverSideApply();

        Path kubeconfig = selfContainedKubeconfig();
        Result started = run(Duration.ofMinutes(2), concat(PODMAN, "run", "--detach", "--name", CONTAINER,
                "--network", "host", "--memory", MEMORY_LIMIT,
                // as the restricted Pod security standard runs it: read-only root (a tmpfs on /tmp), no capabilities
                "--read-only", "--cap-drop", "all", "--security-opt", "no-new-privileges",
                "--volume", kubeconfig + ":/etc/pledge/kubeconfig:ro",
                "--env", "KUBECONFIG=/etc/pledge/kubeconfig",
                // host network: a free port, so the operator does not collide with anything listening on 8080
                "--env", "QUARKUS_HTTP_PORT=0",
                "--env", "JAVA_OPTS=" + JAVA_OPTS,
                IMAGE));
        assertThat(started.status()).as(started.output()).isZero();

        Path repository = GitStores.onTheHttpServer(client, "image-it");
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName("image-it").withLabels(Map.of("suite", "image"))
                .build());
        DestinationSpec spec = new DestinationSpec();
        spec.setPath("image-it");
        spec.setStateStoreRef(new DestinationSpec.StateStoreRef(DestinationSpec.StateStoreKind.GitStateStore, "image-it"));
        destination.setSpec(spec);
        client.resource(destination).create();

        long waitStarted = System.nanoTime();
        try {
            await().atMost(READY_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(
                    () -> ready(client.resources(Destination.class).withName("image-it").get()));
        } catch (RuntimeException e) {
            throw new AssertionError("Destination not Ready; operator container log:\n" + logs(), e);
        }
        report("container start to Destination Ready", String.format("%.1f s", (System.nanoTime() - waitStarted) / 1e9));
        assertThat(BareRepositories.files(repository, "main"))
                .containsKeys("image-it/dependencies/" + CanaryFiles.NAMESPACE_FILE,
                        "image-it/resources/" + CanaryFiles.CONFIGMAP_FILE);

        long pid = Long.parseLong(podman("inspect", "--format", "{{.State.Pid}}", CONTAINER).strip());
        Map<String, String> status = procStatus(pid);
        assertThat(status.get("Uid").split("\\s+")[0]).as("the operator's uid").isEqualTo("185");
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' '))
                .as("the operator's command line").contains("-jar /deployments/quarkus-run.jar");
        report("operator RSS when Ready", status.get("VmRSS"));
        Thread.sleep(IDLE.toMillis());
        report("operator RSS after " + IDLE.toSeconds() + " s idle", procStatus(pid).get("VmRSS"));
        report("operator RSS peak (VmHWM)", procStatus(pid).get("VmHWM"));
        assertThat(podman("inspect", "--format", "{{.State.Running}}", CONTAINER).strip()).isEqualTo("true");
        assertThat(logs().lines().filter(line -> line.contains(" ERROR ")))
                .as("errors in the operator's log (a non-root, read-only image must not make any)").isEmpty();
    }

    @Test
    @Order(5)
    void theReaderStepWritesTheObjectFromTheImageAsInAJob() throws Exception {
        // The Job's reader container: command [/usr/local/bin/pledge], args [reader], the KRATIX_* environment, an
        // emptyDir at /kratix. Here the object is the namespace "default", read through the generic API as any
        // Promise API object is.
        ControlPlane.client();
        Path kratix = Files.createTempDirectory("pledge-image-it-kratix",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(kratix, PosixFilePermissions.fromString("rwxrwxrwx"));
        Result reader = run(Duration.ofMinutes(2), concat(PODMAN, "run", "--rm", "--network", "host",
                "--read-only", "--cap-drop", "all", "--security-opt", "no-new-privileges",
                "--volume", selfContainedKubeconfig() + ":/etc/pledge/kubeconfig:ro",
                "--volume", kratix + ":/kratix",
                "--env", "KUBECONFIG=/etc/pledge/kubeconfig",
                "--env", "KRATIX_WORKFLOW_TYPE=resource", "--env", "KRATIX_PROMISE_NAME=image-it",
                "--env", "KRATIX_PIPELINE_NAME=read", "--env", "KRATIX_OBJECT_KIND=Namespace",
                "--env", "KRATIX_OBJECT_GROUP=", "--env", "KRATIX_OBJECT_VERSION=v1",
                "--env", "KRATIX_CRD_PLURAL=namespaces", "--env", "KRATIX_CLUSTER_SCOPED=true",
                "--env", "KRATIX_OBJECT_NAME=default",
                "--entrypoint", ENTRY, IMAGE, "reader"));
        assertThat(reader.status()).as(reader.output()).isZero();
        Map<?, ?> object = Yaml.mapper().readValue(kratix.resolve("input/object.yaml").toFile(), Map.class);
        assertThat(object.get("kind")).isEqualTo("Namespace");
        assertThat(((Map<?, ?>) object.get("metadata")).get("name")).isEqualTo("default");
        assertThat(kratix.resolve("output")).isDirectory();
    }

    // ---- helpers

    static boolean ready(CustomResource<?, ?> object) {
        if (object == null || object.getStatus() == null) {
            return false;
        }
        Map<?, ?> status = Yaml.mapper().convertValue(object.getStatus(), Map.class);
        if (!(status.get("conditions") instanceof List<?> conditions)) {
            return false;
        }
        return conditions.stream().map(c -> (Map<?, ?>) c)
                .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
    }

    /**
     * The test API server's kubeconfig with certificates inlined, so the container needs only this one file; readable
     * by the container's uid 185.
     */
    static Path selfContainedKubeconfig() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(ControlPlane.start()));
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster:
                      server: %s
                      certificate-authority-data: %s
                users:
                  - name: test
                    user:
                      client-certificate-data: %s
                      client-key-data: %s
                contexts:
                  - name: test
                    context: {cluster: test, user: test}
                current-context: test
                """.formatted(config.getMasterUrl(), data(config.getCaCertData(), config.getCaCertFile()),
                data(config.getClientCertData(), config.getClientCertFile()),
                data(config.getClientKeyData(), config.getClientKeyFile()));
        Path directory = Files.createTempDirectory("pledge-image-it",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = directory.resolve("kubeconfig");
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    static String data(String inline, String file) throws IOException {
        if (inline != null && !inline.isBlank()) {
            return inline;
        }
        return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(Objects.requireNonNull(file))));
    }

    static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    static String logs() {
        return run(Duration.ofMinutes(1), concat(PODMAN, "logs", CONTAINER)).output();
    }

    static void report(String what, String value) {
        System.out.println("[image] " + what + ": " + value);
    }

    static String podman(String... args) {
        Result result = run(Duration.ofMinutes(2), concat(PODMAN, args));
        assertThat(result.status()).as("podman %s:\n%s", String.join(" ", args), result.output()).isZero();
        return result.output();
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    record Result(int status, String output) {
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    /** Runs a command to completion; stdout and stderr together. */
    static Result run(Duration timeout, List<String> command) {
        try {
            Path output = Files.createTempFile("pledge-image-it", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
