package dev.pledge.local;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -jar target/quarkus-app/quarkus-run.jar local --dir DIR} as a child process, as a user runs it:
 * started, awaited until it prints that it is ready, and stopped with SIGINT (Ctrl-C). Its output goes to
 * {@code DIR.out} next to the folder, which a failing test names.
 */
final class LocalPlatformProcess implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private final Path dir;
    private final Path output;
    private final Process process;
    private final long outputBefore;
    private KubernetesClient client;

    private LocalPlatformProcess(Path dir, Path output, long outputBefore, Process process) {
        this.dir = dir;
        this.output = output;
        this.outputBefore = outputBefore;
        this.process = process;
    }

    /** Starts a platform in {@code dir}; {@code path} replaces the child's PATH when not null. */
    static LocalPlatformProcess start(Path dir, String path) throws IOException {
        String jar = System.getProperty("test.pledge.runner", "target/quarkus-app/quarkus-run.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = dir.resolveSibling(dir.getFileName() + ".out");
        // A process started in the background by a non-interactive shell (as a CI job may start the build)
        // inherits SIGINT ignored, and a JVM cannot take an ignored SIGINT back; env resets it, so the child gets
        // Ctrl-C as a terminal user's pledge local does.
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT", java,
                "-Dquarkus.http.port=0", "-jar", jar, "local", "--dir", dir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Map<String, String> env = builder.environment();
        env.put("PLEDGE_CACHE", System.getProperty("test.pledge.cache",
                System.getProperty("user.home") + "/.cache/pledge"));
        if (path != null) {
            env.put("PATH", path);
        }
        // a restart in the same folder appends to the same output file; this run's output starts here
        long before = Files.exists(output) ? Files.size(output) : 0;
        LocalPlatformProcess platform = new LocalPlatformProcess(dir, output, before, builder.start());
        try {
            platform.awaitReady();
        } catch (RuntimeException | Error e) {
            platform.killAll();
            throw e;
        }
        return platform;
    }

    private void awaitReady() {
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500)).failFast(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("pledge local exited with " + process.exitValue() + ":\n" + output());
            }
        }).until(() -> output().contains("pledge local: ready in"));
    }

    /** What this run printed (not an earlier run in the same folder). */
    String output() {
        try {
            if (!Files.exists(output)) {
                return "";
            }
            byte[] all = Files.readAllBytes(output);
            return new String(all, (int) outputBefore, all.length - (int) outputBefore, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KubernetesClient client() throws IOException {
        if (client == null) {
            client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")))).build();
        }
        return client;
    }

    Path repository() {
        return dir.resolve("state.git");
    }

    /** Ctrl-C, then waits for the JVM to exit; returns its exit status. */
    int interrupt() throws IOException, InterruptedException {
        if (client != null) {
            client.close();
            client = null;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("pledge local did not exit within 90 s of SIGINT:\n" + output());
        }
        return process.exitValue();
    }

    /** Every process on this machine whose command line mentions the platform's folder (there should be none). */
    List<String> processesMentioningDir() {
        String folder = dir.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != ProcessHandle.current().pid())
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .filter(line -> line.contains(folder))
                    .toList();
        }
    }

    /** A PATH with every executable of this one except podman and docker. */
    static String pathWithoutContainerEngines(Path bin) throws IOException {
        Files.createDirectories(bin);
        Map<String, Path> seen = new HashMap<>();
        for (String dir : System.getenv("PATH").split(":")) {
            Path folder = Path.of(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.equals("podman") && !name.equals("docker") && Files.isExecutable(file)
                            && seen.putIfAbsent(name, file) == null) {
                        Files.createSymbolicLink(bin.resolve(name), file);
                    }
                }
            }
        }
        return bin.toString();
    }

    /**
     * Ctrl-C if the test has not stopped it yet; whatever still runs after that (a failed stop) is killed, the JVM
     * and every process started for this folder, so a failing test leaves nothing behind.
     */
    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                interrupt();
            }
        } finally {
            killAll();
        }
    }

    private void killAll() {
        process.destroyForcibly();
        String folder = dir.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().orElse("").contains(folder))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }
}
