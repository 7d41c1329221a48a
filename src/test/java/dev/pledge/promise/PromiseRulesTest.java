package dev.pledge.promise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.PromiseStatus;
import dev.pledge.promise.PromiseRules.ConfigureInput;
import dev.pledge.promise.PromiseRules.ConfigurePlan;
import dev.pledge.workflow.WorkflowProgress.JobState;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a Promise's own workflows, one test per rule, on plain values: no API server, no operator. */
class PromiseRulesTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration INTERVAL = Duration.ofHours(10);
    static final String HASH = "h1";
    static final List<String> PIPELINES = List.of("render", "report");

    // ---- what to run next

    @Test
    void aNewPromiseStartsItsFirstConfigurePipeline() {
        ConfigurePlan plan = PromiseRules.configure(input(List.of()));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.pipeline()).isEqualTo("render");
        assertThat(plan.phases()).containsExactly(Map.entry("render", "Running"), Map.entry("report", "Pending"));
    }

    @Test
    void pipelinesRunInOrderTheNextStartingOnceThePreviousSucceeded() {
        ConfigurePlan plan = PromiseRules.configure(input(List.of(job("j1", "render", 1, JobState.SUCCEEDED))));

        assertThat(plan.pipelineToStart()).isEqualTo(1);
        assertThat(plan.phases()).containsExactly(Map.entry("render", "Succeeded"), Map.entry("report", "Running"));
    }

    @Test
    void aRunningJobIsWaitedForAndNothingIsPruned() {
        List<JobSummary> jobs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            jobs.add(job("old" + i, "render", i, JobState.SUCCEEDED));
        }
        jobs.add(job("now", "render", 30, JobState.RUNNING));

        ConfigurePlan plan = PromiseRules.configure(input(jobs));

        assertThat(plan.step()).isEqualTo(new Step.Wait("now"));
        assertThat(plan.pipeline()).isEqualTo("render");
        assertThat(plan.pruneJobs()).isEmpty();
    }

    @Test
    void theWorkflowIsDoneWhenTheLastPipelineSucceededForTheCurrentSpec() {
        ConfigurePlan plan = PromiseRules.configure(input(done()));

        assertThat(plan.done()).isTrue();
        assertThat(plan.pipelineToStart()).isEqualTo(-1);
        assertThat(plan.phases()).containsValues("Succeeded", "Succeeded");
    }

    @Test
    void aFailedPipelineStopsTheWorkflowAndNamesThePipeline() {
        ConfigurePlan plan = PromiseRules.configure(input(List.of(job("j1", "render", 1, JobState.SUCCEEDED),
                job("j2", "report", 2, JobState.FAILED))));

        assertThat(plan.failed()).isTrue();
        assertThat(plan.pipeline()).isEqualTo("report");
        assertThat(plan.phases()).containsExactly(Map.entry("render", "Succeeded"), Map.entry("report", "Failed"));
    }

    @Test
    void aChangedSpecRunsTheWorkflowAgainFromItsFirstPipeline() {
        ConfigureInput in = input(done());
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(in.jobs(), PIPELINES, "h2", false, false,
                null, INTERVAL, NOW, 5));

        assertThat(plan.pipelineToStart()).isZero();
    }

    @Test
    void aPromiseWithoutConfigurePipelinesIsDoneAtOnce() {
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(List.of(), List.of(), HASH, false, false,
                null, INTERVAL, NOW, 5));

        assertThat(plan.done()).isTrue();
        assertThat(plan.hasPipelines()).isFalse();
    }

    // ---- manual reconciliation

    @Test
    void manualReconciliationRunsAgainFromTheFirstPipelineAndTheLabelGoesOnceItStarts() {
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(done(), PIPELINES, HASH, true, false,
                NOW.minusSeconds(60), INTERVAL, NOW, 5));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.removeManualLabel()).isTrue();
    }

    @Test
    void manualReconciliationWaitsForARunningJobAndKeepsTheLabelUntilItStarts() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.RUNNING));
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(jobs, PIPELINES, HASH, true, false, null,
                INTERVAL, NOW, 5));

        assertThat(plan.step()).isInstanceOf(Step.Wait.class);
        assertThat(plan.removeManualLabel()).isFalse();
    }

    // ---- periodic re-run

    @Test
    void periodicRerunStartsOnceTheReconciliationIntervalPassedSinceCompletion() {
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(done(), PIPELINES, HASH, false, false,
                NOW.minus(INTERVAL).minusSeconds(1), INTERVAL, NOW, 5));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.removeManualLabel()).isFalse();
    }

    @Test
    void periodicRerunWaitsUntilTheIntervalHasPassed() {
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(done(), PIPELINES, HASH, false, false,
                NOW.minus(INTERVAL).plusSeconds(1), INTERVAL, NOW, 5));

        assertThat(plan.done()).isTrue();
        assertThat(PromiseRules.rerunDue(null, INTERVAL, NOW)).as("never completed: not due").isFalse();
    }

    // ---- pause

    @Test
    void comingBackFromAPauseRunsAgainFromTheFirstPipeline() {
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(done(), PIPELINES, HASH, false, true,
                NOW.minusSeconds(60), INTERVAL, NOW, 5));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.rerunAfterPause()).isTrue();
    }

    // ---- keep newest Jobs, removed pipelines

    @Test
    void eachPipelineKeepsItsNewestJobs() {
        List<JobSummary> jobs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            jobs.add(job("render-" + i, "render", i, JobState.SUCCEEDED));
        }
        jobs.add(job("report-0", "report", 20, JobState.SUCCEEDED));

        ConfigurePlan plan = PromiseRules.configure(input(jobs));

        assertThat(plan.done()).isTrue();
        assertThat(plan.pruneJobs()).containsExactlyInAnyOrder("render-0", "render-1");
    }

    @Test
    void jobsOfAPipelineThePromiseNoLongerHasArePrunedNoneKept() {
        List<JobSummary> jobs = new ArrayList<>(done());
        jobs.add(job("gone-1", "removed", 0, JobState.SUCCEEDED));
        jobs.add(job("gone-2", "removed", 1, JobState.FAILED));

        ConfigurePlan plan = PromiseRules.configure(input(jobs));

        assertThat(plan.pruneJobs()).containsExactlyInAnyOrder("gone-1", "gone-2");
    }

    // ---- promise.delete

    @Test
    void deletingAPromiseStartsItsDeletePipelineWaitsForItAndThenIsDone() {
        assertThat(PromiseRules.delete(List.of(), "teardown", HASH)).isEqualTo(new Step.Start(0));
        assertThat(PromiseRules.delete(List.of(job("d1", "teardown", 1, JobState.RUNNING)), "teardown", HASH))
                .isEqualTo(new Step.Wait("d1"));
        assertThat(PromiseRules.delete(List.of(job("d1", "teardown", 1, JobState.SUCCEEDED)), "teardown", HASH))
                .isEqualTo(new Step.Done());
    }

    @Test
    void aFailedDeletePipelineIsReportedAndNotStartedAgain() {
        assertThat(PromiseRules.delete(List.of(job("d1", "teardown", 1, JobState.FAILED)), "teardown", HASH))
                .isEqualTo(new Step.Failed(0, "d1"));
    }

    // ---- workflow control (workflow-control.yaml)

    @Test
    void aSuspendedWorkflowIsHeldStartsNothingAndKeepsTheStatusWritersPhases() {
        ConfigurePlan plan = PromiseRules.configure(suspendedAt(List.of(job("j1", "render", 1, JobState.SUCCEEDED)),
                true, 3L, null));

        assertThat(plan.held()).isTrue();
        assertThat(plan.pipelineToStart()).isEqualTo(-1);
        assertThat(plan.pruneJobs()).isEmpty();
        assertThat(plan.pipeline()).isEqualTo("render");
        assertThat(plan.retryAt()).isNull();
        assertThat(plan.phases()).containsExactly(Map.entry("render", "Suspended"), Map.entry("report", "Pending"));
    }

    @Test
    void aHeldRetryIsLookedAtAgainWhenItFallsDue() {
        ConfigurePlan plan = PromiseRules.configure(suspendedAt(List.of(job("j1", "render", 1, JobState.SUCCEEDED)),
                true, 3L, NOW.plusSeconds(30)));

        assertThat(plan.held()).isTrue();
        assertThat(plan.retryAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void aDueRetryRemovesTheLabelAndStartsTheSuspendedPipelineNotTheFirst() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.SUCCEEDED),
                job("j2", "report", 2, JobState.SUCCEEDED));
        ConfigurePlan plan = PromiseRules.configure(suspendedAt(jobs, "report", true, 3L, NOW.minusSeconds(1)));

        assertThat(plan.held()).isFalse();
        assertThat(plan.removeSuspendedLabel()).isTrue();
        assertThat(plan.pipelineToStart()).isEqualTo(1);
        assertThat(plan.resumes()).isTrue();
    }

    @Test
    void removingTheLabelByHandResumesFromTheSuspendedPipeline() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.SUCCEEDED),
                job("j2", "report", 2, JobState.SUCCEEDED));
        ConfigurePlan plan = PromiseRules.configure(suspendedAt(jobs, "report", false, 3L, null));

        assertThat(plan.removeSuspendedLabel()).isFalse();
        assertThat(plan.pipelineToStart()).isEqualTo(1);
        assertThat(plan.resumes()).isTrue();
    }

    @Test
    void manualReconciliationOfASuspendedWorkflowRestartsFromTheFirstPipeline() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.SUCCEEDED),
                job("j2", "report", 2, JobState.SUCCEEDED));
        ConfigureInput held = suspendedAt(jobs, "report", true, 3L, null);
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(jobs, PIPELINES, HASH, true, false, null,
                INTERVAL, NOW, 5, held.shown()));

        assertThat(plan.removeSuspendedLabel()).isTrue();
        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.removeManualLabel()).isTrue();
        assertThat(plan.resumes()).isFalse();
    }

    @Test
    void aSpecChangeSinceTheSuspensionRestartsFromTheFirstPipeline() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.SUCCEEDED),
                job("j2", "report", 2, JobState.SUCCEEDED));
        ConfigureInput held = suspendedAt(jobs, "report", true, 3L, null);
        PromiseRules.Shown moved = new PromiseRules.Shown(true, 4L, 3L, held.shown().entries());
        ConfigurePlan plan = PromiseRules.configure(new ConfigureInput(jobs, PIPELINES, "h2", false, false, null,
                INTERVAL, NOW, 5, moved));

        assertThat(plan.removeSuspendedLabel()).isTrue();
        assertThat(plan.pipelineToStart()).isZero();
    }

    @Test
    void aSuspendedDeletePipelineHoldsTheDeletionUntilItsRetryFallsDueThenRunsAgain() {
        List<JobSummary> jobs = List.of(job("d1", "teardown", 1, JobState.SUCCEEDED));
        PromiseRules.Shown shown = new PromiseRules.Shown(true, 3L, 3L,
                List.of(entry("teardown", "Suspended", NOW.plusSeconds(10))));

        PromiseRules.DeletePlan held = PromiseRules.delete(jobs, "teardown", HASH, shown, NOW);
        assertThat(held.held()).isTrue();
        assertThat(held.retryAt()).isEqualTo(NOW.plusSeconds(10));

        PromiseRules.DeletePlan due = PromiseRules.delete(jobs, "teardown", HASH, shown, NOW.plusSeconds(11));
        assertThat(due.held()).isFalse();
        assertThat(due.removeSuspendedLabel()).isTrue();
        assertThat(due.rerun()).isTrue();
        assertThat(due.step()).isEqualTo(new Step.Start(0));
    }

    @Test
    void aLabelLeftByASuspendedConfigureWorkflowDoesNotHoldTheDeletion() {
        PromiseRules.Shown shown = new PromiseRules.Shown(true, 3L, 3L,
                List.of(entry("render", "Suspended", null)));

        PromiseRules.DeletePlan plan = PromiseRules.delete(List.of(), "teardown", HASH, shown, NOW);

        assertThat(plan.held()).isFalse();
        assertThat(plan.step()).isEqualTo(new Step.Start(0));
    }

    // ---- helpers

    static ConfigureInput input(List<JobSummary> jobs) {
        return new ConfigureInput(jobs, PIPELINES, HASH, false, false, null, INTERVAL, NOW, 5);
    }

    /** The Promise labelled (or not) with its first pipeline's entry Suspended at generation 3. */
    static ConfigureInput suspendedAt(List<JobSummary> jobs, boolean labelled, Long generation, Instant retryAt) {
        return suspendedAt(jobs, "render", labelled, generation, retryAt);
    }

    static ConfigureInput suspendedAt(List<JobSummary> jobs, String pipeline, boolean labelled, Long generation,
            Instant retryAt) {
        List<PromiseStatus.PipelineStatus> entries = new ArrayList<>();
        for (String name : PIPELINES) {
            entries.add(name.equals(pipeline) ? entry(name, "Suspended", retryAt)
                    : entry(name, PIPELINES.indexOf(name) < PIPELINES.indexOf(pipeline) ? "Succeeded" : "Pending", null));
        }
        return new ConfigureInput(jobs, PIPELINES, HASH, false, false, null, INTERVAL, NOW, 5,
                new PromiseRules.Shown(labelled, generation, generation, entries));
    }

    static PromiseStatus.PipelineStatus entry(String name, String phase, Instant retryAt) {
        PromiseStatus.PipelineStatus entry = new PromiseStatus.PipelineStatus();
        entry.setName(name);
        entry.setPhase(phase);
        entry.setNextRetryAt(retryAt == null ? null : retryAt.toString());
        return entry;
    }

    static List<JobSummary> done() {
        return List.of(job("j1", "render", 1, JobState.SUCCEEDED), job("j2", "report", 2, JobState.SUCCEEDED));
    }

    static JobSummary job(String name, String pipeline, int minute, JobState state) {
        return new JobSummary(name, pipeline, HASH, NOW.minus(Duration.ofHours(1)).plusSeconds(60L * minute), state);
    }
}
