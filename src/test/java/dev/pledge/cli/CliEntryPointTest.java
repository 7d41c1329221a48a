package dev.pledge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The real entry point in a child JVM, with no cluster: version, help on every sub-command, usage errors. */
class CliEntryPointTest {

    private record Result(int status, String out, String err) {
    }

    private static Result pledge(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pledge.PledgeMain"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", "/nonexistent/kubeconfig");
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionNamesTheVersionAndTheCommit() throws Exception {
        Result result = pledge("--version");
        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("pledge " + BuildInfo.build().version() + " (commit ")
                .doesNotContain("unknown");
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"validate", "plan", "local", "reader", "work-creator", "update-status"})
    void everySubCommandAnswersHelpWithoutDoingAnything(String subCommand) throws Exception {
        Result result = pledge(subCommand, "--help");
        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("usage: pledge " + subCommand);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsEverySubCommand() throws Exception {
        Result result = pledge("--help");
        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("usage: pledge [operator]", "pledge local", "pledge validate FILE...",
                "pledge plan", "pledge reader", "update-status");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "frobnicate        | unknown command frobnicate",
            "validate          | validate: name at least one FILE|DIR",
            "plan --bogus      | plan: unknown option --bogus"})
    void aCommandLineThatCannotBeUnderstoodIsAUsageError(String args, String message) throws Exception {
        Result result = pledge(args.split(" "));
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith(message).contains("usage: pledge").doesNotContain("Exception");
    }
}
