package dev.pledge.local.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the local node turns a Pod's container into a podman/docker command line, and finds an engine. */
class ContainerEngineTest {
    @TempDir
    Path tmp;

    @Test
    void commandReplacesTheEntrypointAndArgsReplaceTheDefaultArguments() throws Exception {
        Path engine = executable(Files.createDirectories(tmp.resolve("engines")), "podman");
        Container spec = new ContainerBuilder().withName("render").withImage("localhost/step:1")
                .withCommand("sh", "-c").withArgs("echo hi > /kratix/output/a.yaml").withWorkingDir("/work").build();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRATIX_OBJECT_NAME", "hello");
        ContainerView view = new ContainerView(spec, env, List.of(
                new ContainerView.Mount(Path.of("/node/pod/volumes/output"), "/kratix/output", false),
                new ContainerView.Mount(Path.of("/node/pod/volumes/input"), "/kratix/input", true)), Path.of("/rootfs"));

        List<String> command = ContainerEngine.find(engine.getParent().toString()).map(ContainerEngineTest::engine)
                .orElseThrow().command(view);

        assertThat(command).containsExactly(engine.toString(), "run", "--rm", "--network", "host",
                "--volume", "/node/pod/volumes/output:/kratix/output",
                "--volume", "/node/pod/volumes/input:/kratix/input:ro",
                "--env", "KRATIX_OBJECT_NAME=hello", "--workdir", "/work",
                "--entrypoint", "sh", "localhost/step:1", "-c", "echo hi > /kratix/output/a.yaml");
    }

    @Test
    void withoutCommandTheImagesEntrypointRunsWithTheArgs() throws Exception {
        Path engine = executable(Files.createDirectories(tmp.resolve("engines")), "docker");
        Container spec = new ContainerBuilder().withName("step").withImage("example.org/step:2").withArgs("--flag").build();

        List<String> command = engine(engine).command(new ContainerView(spec, Map.of(), List.of(), Path.of("/rootfs")));

        assertThat(command).containsExactly(engine.toString(), "run", "--rm", "--network", "host", "example.org/step:2",
                "--flag");
    }

    @Test
    void podmanIsPreferredAndNoEngineOnThePathFailsTheContainerSayingSo() throws Exception {
        Path dockerOnly = Files.createDirectories(tmp.resolve("docker-only"));
        Path both = Files.createDirectories(tmp.resolve("both"));
        executable(dockerOnly, "docker");
        executable(both, "docker");
        executable(both, "podman");

        assertThat(ContainerEngine.find(dockerOnly + ":" + both)).contains(both.resolve("podman"));
        assertThat(ContainerEngine.find(dockerOnly.toString())).contains(dockerOnly.resolve("docker"));
        ImageRunner none = ContainerEngine.fromPath(Map.of("PATH", Files.createDirectories(tmp.resolve("empty")).toString()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit = none.run(new ContainerView(new ContainerBuilder().withName("s").withImage("img:1").build(), Map.of(),
                List.of(), Path.of("/rootfs")), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(exit).isNotZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("no container engine is available to run image img:1")
                .contains("install podman or docker");
    }

    private static ContainerEngine engine(Path executable) {
        return (ContainerEngine) ContainerEngine.fromPath(Map.of("PATH", executable.getParent().toString()));
    }

    private static Path executable(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
