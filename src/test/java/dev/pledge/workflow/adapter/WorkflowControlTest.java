package dev.pledge.workflow.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading {@code workflow-control.yaml}: what a pipeline may ask, and the one-line refusal of anything else. */
class WorkflowControlTest {

    @Test
    void suspendWithAMessageStopsTheWorkflowWithoutARetry() {
        WorkflowControl control = WorkflowControl.parse("suspend: true\nmessage: waiting for approval\n");

        assertThat(control.stops()).isTrue();
        assertThat(control.message()).isEqualTo("waiting for approval");
        assertThat(control.retryAfter()).isNull();
    }

    @Test
    void retryAfterTakesDurationsInSecondsMinutesHoursAndDays() {
        assertThat(WorkflowControl.parse("retryAfter: 5s\n").retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(WorkflowControl.parse("retryAfter: 10m\n").retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(WorkflowControl.parse("retryAfter: 1h30m\n").retryAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(WorkflowControl.parse("retryAfter: 1d\n").retryAfter()).isEqualTo(Duration.ofDays(1));
        assertThat(WorkflowControl.parse("retryAfter: 5s\n").stops()).isTrue();
    }

    @Test
    void whenBothAreGivenRetryAfterWinsWhateverSuspendSays() {
        assertThat(WorkflowControl.parse("suspend: false\nretryAfter: 1m\n").stops()).isTrue();
        assertThat(WorkflowControl.parse("suspend: true\nretryAfter: 1m\n").retryAfter())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anEmptyFileOrSuspendFalseAsksForNothing() {
        assertThat(WorkflowControl.parse("").stops()).isFalse();
        assertThat(WorkflowControl.parse("suspend: false\n").stops()).isFalse();
    }

    @Test
    void aMalformedFileIsRefusedInOneLineNamingTheFileAndTheFix() {
        assertRefused("suspend: [unclosed\n", "unparseable YAML");
        assertRefused("- suspend: true\n", "expected one mapping");
        assertRefused("suspend: maybe\n", "suspend must be true or false");
        assertRefused("retryAfter: 10\n", "retryAfter must be a duration with a unit");
        assertRefused("retryAfter: soon\n", "retryAfter \"soon\" is not a positive duration");
        assertRefused("retryAfter: 0s\n", "is not a positive duration");
        assertRefused("retry_after: 10m\n", "unknown key [retry_after]");
        assertRefused("retryAfter: 99999999999999999d\n", "is not a positive duration");
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> WorkflowControl.parse(text)).isInstanceOfSatisfying(InvalidPipelineOutput.class,
                e -> {
                    assertThat(e.file()).isEqualTo("workflow-control.yaml");
                    assertThat(e.reason()).contains(reason).doesNotContain("\n");
                });
    }
}
