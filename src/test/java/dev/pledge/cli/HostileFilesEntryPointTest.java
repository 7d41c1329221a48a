package dev.pledge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.testing.HostileFiles;
import dev.pledge.testing.PledgeChild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

        PledgeChild.Exit exit = PledgeChild.run(Map.of("KUBECONFIG", "/nonexistent/kubeconfig"), command,
                file.toString());
        String output = exit.output();

        assertThat(exit.exited()).as("exits within " + PledgeChild.EXIT_GUARD).isTrue();
        assertThat(exit.status()).as(output).isEqualTo(1);
        assertThat(output.lines()).as(output).singleElement().asString().contains(file.toString())
                .doesNotContain("Exception").doesNotContain("Error").doesNotContain("Input length");
    }
}
