package dev.pledge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code target/quarkus-app/quarkus-run.jar}) as a child process, in the prod profile as a
 * user would run it: leader election on, its own kubeconfig, its own HTTP port, its log in a file.
 */
public final class OperatorProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private OperatorProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static OperatorProcess start(String name, Path kubeconfig, Map<String, String> env, Path logs) {
        return start(name, kubeconfig, env, logs, List.of("-Xmx192m", "-XX:+UseSerialGC"));
    }

    /** As above with these JVM options instead of the tests' small heap (a benchmark runs the jar as shipped). */
    public static OperatorProcess start(String name, Path kubeconfig, Map<String, String> env, Path logs,
            List<String> jvmOptions) {
        String jar = System.getProperty("test.pledge.runner", "target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: integration tests run after package (./mvnw verify)");
        }
        try {
            int port = freePort();
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> k.startsWith("PLEDGE_") || k.startsWith("QUARKUS_")
                    || k.startsWith("KUBERNETES_"));
            environment.putAll(env);
            environment.put("KUBECONFIG", kubeconfig.toString());
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new OperatorProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** GET a path of its HTTP server; null while it does not answer. */
    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether {@code /q/health/started} answers 200. */
    public boolean started() {
        HttpResponse<String> response = get("/q/health/started");
        return response != null && response.statusCode() == 200;
    }

    /** Resident set size in KiB, from /proc. */
    public long rssKib() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook runs, the Lease is not released. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
