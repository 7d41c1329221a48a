package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code <step> --help} explains the step and exits 0 without any environment or cluster. */
class AdapterHelpTest {

    @Test
    void everyStepPrintsItsUsageWithoutTouchingTheCluster() {
        assertThat(help("reader")).contains("usage: pledge reader", "object.yaml", "KRATIX_OBJECT_KIND");
        assertThat(help("work-creator")).contains("usage: pledge work-creator --input-directory DIR",
                "--workflow-type promise|resource");
        assertThat(help("update-status")).contains("usage: pledge update-status", "status.yaml", "IS_LAST_PIPELINE");
    }

    @Test
    void shortFlagToo() {
        assertThat(help("reader", "-h")).contains("usage: pledge reader");
    }

    static String help(String step) {
        return help(step, "--help");
    }

    static String help(String step, String flag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {step, flag}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return out.toString(StandardCharsets.UTF_8);
    }
}
