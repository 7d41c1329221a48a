package dev.pledge.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.cli.Cli;
import dev.pledge.scheduling.DestinationSelectorsFile;
import dev.pledge.workflow.adapter.InvalidPipelineOutput;
import dev.pledge.workflow.adapter.WorkflowStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built to exhaust a YAML reader: an alias inside itself, aliases that double at every level, a file far over
 * the size limit, binary data. Each one is refused with one line naming the problem, by every reader.
 */
class HostileYamlTest {
    static final String SELF_ALIAS = "a: &r [*r]\n";

    /** 2.6 KB that would expand to 2^40 values. */
    static String aliasDoubling() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        return yaml.toString();
    }

    @TempDir
    Path dir;

    @Test
    void anAliasThatContainsItselfIsRefused() {
        assertThatThrownBy(() -> Yaml.documents(SELF_ALIAS)).isInstanceOf(Yaml.YamlException.class)
                .hasMessageContaining("alias");
    }

    @Test
    void aliasesThatDoubleAtEveryLevelAreRefusedBeforeTheyFillTheHeap() {
        assertThat(aliasDoubling().length()).isLessThan(3_000);
        assertThatThrownBy(() -> Yaml.documents(aliasDoubling())).isInstanceOf(Yaml.YamlException.class)
                .hasMessageContaining("once aliases are expanded");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThatThrownBy(() -> Yaml.documents(deep)).isInstanceOf(Yaml.YamlException.class);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024);
        }
        assertThatThrownBy(() -> Yaml.documents(huge)).isInstanceOf(Yaml.YamlException.class)
                .hasMessage("huge.yaml is 104857600 bytes, over the limit of 3 MiB");
    }

    @Test
    void binaryInputIsRefusedAsNotText() throws Exception {
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        assertThatThrownBy(() -> Yaml.documents(binary)).isInstanceOf(Yaml.YamlException.class)
                .hasMessage("binary.yaml is not UTF-8 text (binary data?)");
    }

    @Test
    void hostileDestinationSelectorsAndStatusFilesAreInvalidPipelineOutputNotCrashes() {
        for (String hostile : new String[] {SELF_ALIAS, aliasDoubling(), "- &r [*r]\n"}) {
            assertThatThrownBy(() -> DestinationSelectorsFile.parse(hostile)).hasMessageContaining("YAML");
            assertThatThrownBy(() -> WorkflowStatus.parseStatusFile(hostile)).isInstanceOf(InvalidPipelineOutput.class)
                    .hasMessageStartingWith(WorkflowStatus.STATUS_FILE + ": ");
        }
    }

    @Test
    void validateAndPlanReportHostileFilesInOneLine() throws Exception {
        Path selfAlias = Files.writeString(dir.resolve("self-alias.yaml"), SELF_ALIAS);
        Path doubling = Files.writeString(dir.resolve("doubling.yaml"), aliasDoubling());
        for (Path file : new Path[] {selfAlias, doubling}) {
            for (String command : new String[] {"validate", "plan"}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int status = Cli.run(new String[] {command, file.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
                String printed = out.toString(StandardCharsets.UTF_8);
                assertThat(status).as(command + " " + file).isEqualTo(1);
                assertThat(printed.lines()).as(command + " " + file).singleElement().asString()
                        .contains(file.toString()).contains("YAML").doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    /** Before the bounds, this file made the JVM overflow its stack and never exit. */
    @Test
    void theBinaryExitsOnAHostileFile() throws Exception {
        Path selfAlias = Files.writeString(dir.resolve("self-alias.yaml"), SELF_ALIAS);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pledge.PledgeMain", "validate", selfAlias.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output.lines()).singleElement().asString().startsWith("FAIL " + selfAlias + ": ");
    }
}
