package dev.pledge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.testing.HostileFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} and {@code plan} on the hostile files, through the real entry point in a child JVM with the
 * image's JVM settings: each exits 1 promptly with one line naming the file. Before the YAML bounds a self-alias
 * overflowed the stack (a 1,024-line trace) and alias doubling ran out of memory at 6.9 GB.
 */
class HostileFilesEntryPointTest {
    /** A failure guard, not a measurement (the bound is 5 s; runs take 2-4 s on two busy cores). */
    static final Duration EXIT_GUARD = Duration.ofSeconds(15);
    static final List<String> IMAGE_JVM_SETTINGS = List.of("-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Xss512k");

    @TempDir
    Path dir;

    static List<Arguments> commandsAndFiles() {
        return List.of("validate", "plan").stream()
                .flatMap(command -> HostileFiles.KINDS.stream().map(kind -> Arguments.of(command, kind))).toList();
    }

    @ParameterizedTest(name = "{0} on a {1} file")
    @MethodSource("commandsAndFiles")
    void aHostileFileEndsTheRunWithOneLineAndExitStatus1(String command, String kind) throws Exception {
        Path file = HostileFiles.write(kind, dir, kind + ".yaml");

        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(IMAGE_JVM_SETTINGS);
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pledge.PledgeMain", command,
                file.toString()));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", "/nonexistent/kubeconfig");
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(EXIT_GUARD.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("exits within " + EXIT_GUARD).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output.lines()).as(output).singleElement().asString().contains(file.toString())
                .doesNotContain("Exception").doesNotContain("Error").doesNotContain("Input length");
    }
}
