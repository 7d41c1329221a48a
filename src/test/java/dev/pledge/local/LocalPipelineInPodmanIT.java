package dev.pledge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose step is a real container: {@code pledge local} with podman on PATH runs the greeting
 * Promise's busybox step, and its output lands in the local repository. Runs in the {@code containers} profile,
 * which provisions podman.
 */
@Tag("containers")
class LocalPipelineInPodmanIT {
    static final String IMAGE = "localhost/pledge-busybox:latest";

    @Test
    void aUserImageRunsInPodmanAndItsOutputLandsInTheRepository() throws Exception {
        ensureBusyboxImage();
        Path dir = Files.createTempDirectory("pledge-local-podman-it-").resolve("home");
        try (LocalPlatformProcess platform = LocalPlatformProcess.start(dir, null)) {
            assertThat(platform.output()).contains("user images run with podman");
            LocalPlatformIT.applyGreetingPromise(platform);

            Map<String, String> files = LocalPlatformIT.awaitFile(platform.repository(), "greeting.yaml");
            String greeting = files.entrySet().stream().filter(e -> e.getKey().endsWith("greeting.yaml"))
                    .findFirst().orElseThrow().getValue();
            assertThat(greeting).contains("kind: ConfigMap").contains("name: greeting-hello")
                    .contains("hello from pledge local");
            assertThat(files.keySet()).anyMatch(path -> path.startsWith("local/resources/"));
            platform.interrupt();
            assertThat(platform.processesMentioningDir()).isEmpty();
        }
    }

    /**
     * The step's image, made here when missing: no registry is reachable, so a static busybox (Debian's
     * busybox-static) in an otherwise empty root file system, imported into podman.
     */
    static void ensureBusyboxImage() throws Exception {
        if (run(List.of("podman", "image", "exists", IMAGE)) == 0) {
            return;
        }
        Path rootfs = Files.createTempDirectory("pledge-busybox-");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "cat", "sed", "grep", "ls", "mkdir", "echo")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        int status = run(List.of("sh", "-c", "tar -C " + rootfs + " -c . | podman import --change ENV=PATH=/bin - " + IMAGE));
        assertThat(status).as("podman import of the busybox image").isZero();
    }

    private static int run(List<String> command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
