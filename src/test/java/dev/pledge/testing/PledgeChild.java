package dev.pledge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The binary's entry point ({@code dev.pledge.PledgeMain}) in a child JVM on the test class path, started with the
 * settings the image's launcher uses, so a run that hangs or exhausts memory does so as it would in a Job.
 */
public final class PledgeChild {
    /**
     * A failure guard, not a measurement (the hostile-file issue's bound is 5 s): runs took 2.7-5.2 s, JVM start
     * included, on two cores at a load average of 13; before the YAML bounds such files kept the JVM alive for ever.
     */
    public static final Duration EXIT_GUARD = Duration.ofSeconds(15);

    /** The settings the image's launcher starts the JVM with (src/main/docker/launcher/pledge.c). */
    static final List<String> IMAGE_JVM_SETTINGS = List.of("-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:-UsePerfData");

    /** How a run ended: whether it exited within {@link #EXIT_GUARD}, its status, and stdout and stderr together. */
    public record Exit(boolean exited, int status, String output) {
        public String line() {
            return output.strip();
        }
    }

    private PledgeChild() {
    }

    /** Runs {@code pledge args...} with {@code env} added to this JVM's environment, never in a cluster. */
    public static Exit run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(IMAGE_JVM_SETTINGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pledge.PledgeMain"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(EXIT_GUARD.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exit(exited, exited ? process.exitValue() : -1, output);
    }
}
