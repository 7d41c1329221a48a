package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.PromiseStatus;
import dev.pledge.controller.PromiseStatusAggregator.Aggregate;
import dev.pledge.controller.PromiseStatusAggregator.Event;
import dev.pledge.controller.PromiseStatusAggregator.Observed;
import dev.pledge.controller.PromiseStatusAggregator.Refusal;
import dev.pledge.promise.PromiseApi;
import dev.pledge.promise.PromiseRules;
import dev.pledge.promise.PromiseRules.ConfigurePlan;
import dev.pledge.workflow.WorkflowProgress.JobState;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Promise's status, one test per rule, computed from observations on plain values: no API server, no
 * operator. Each test aggregates the way a reconcile does: from the status the Promise shows to the one to write.
 */
class PromiseStatusAggregatorTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final KubernetesSerialization JSON = new KubernetesSerialization();
    static final PromiseApi.Identity API = new PromiseApi.Identity("dbs.example.org", "example.org", "Db", "dbs", "v1");
    static final List<String> PIPELINES = List.of("render", "report");

    // ---- Available

    @Test
    void aPromiseWhoseWorkflowCompletedAndWhoseRequirementsAreMetIsAvailableWithOneEvent() {
        Aggregate result = aggregate(new PromiseStatus(), observed().api(API).workflow(done()));

        assertThat(condition(result, "Available").getStatus()).isEqualTo("True");
        assertThat(result.status().getStatus()).isEqualTo("Available");
        assertThat(result.status().getMessage()).isEqualTo("Ready");
        assertThat(result.status().getLastAvailableTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(result.status().getKind()).isEqualTo("Db");
        assertThat(result.status().getApiVersion()).isEqualTo("example.org/v1");
        assertThat(result.events()).containsExactly(new Event(false, "Available", "Promise is available"));
    }

    @Test
    void aConvergedPromiseAggregatesToTheStatusItAlreadyShowsAndFiresNothing() {
        Observation seen = observed().api(API).workflow(done());
        PromiseStatus first = aggregate(new PromiseStatus(), seen).status();

        Aggregate again = aggregate(first, seen);

        assertThat(JSON.asJson(again.status())).isEqualTo(JSON.asJson(first));
        assertThat(again.events()).isEmpty();
    }

    @Test
    void anInvalidPromiseIsUnavailableWithItsReasonAndOneWarning() {
        Refusal refusal = new Refusal("InvalidPromise", "Promise is invalid: spec.api.kind is missing");
        Aggregate result = aggregate(new PromiseStatus(), observed().refusal(refusal));

        assertThat(condition(result, "Available").getReason()).isEqualTo("InvalidPromise");
        assertThat(result.status().getMessage()).isEqualTo(refusal.message());
        assertThat(result.events()).containsExactly(new Event(true, refusal.reason(), refusal.message()));
        assertThat(aggregate(result.status(), observed().refusal(refusal)).events()).as("said once").isEmpty();
    }

    @Test
    void aPromiseWaitsUnavailableWhileItsApiIsNotEstablished() {
        Aggregate result = aggregate(new PromiseStatus(), observed().api(API).apiPending());

        assertThat(condition(result, "Available").getReason()).isEqualTo("APIPending");
        assertThat(condition(result, "Available").getMessage()).contains("dbs.example.org");
    }

    // ---- ConfigureWorkflowCompleted and the workflow counts

    @Test
    void aRunningConfigureWorkflowIsInProgressWithItsPhasesAndAStartedEvent() {
        Aggregate result = aggregate(new PromiseStatus(), observed().workflow(plan()));

        assertThat(condition(result, "ConfigureWorkflowCompleted").getReason()).isEqualTo("PipelinesInProgress");
        assertThat(condition(result, "Available").getReason()).isEqualTo("WorkflowPending");
        assertThat(result.status().getWorkflows()).isEqualTo(2);
        assertThat(result.status().getWorkflowsSucceeded()).isZero();
        assertThat(result.status().getKratix().getWorkflows().getPipelines())
                .extracting(PromiseStatus.PipelineStatus::getPhase).containsExactly("Running", "Pending");
        assertThat(result.events()).containsExactly(new Event(false, "PipelineStarted",
                "Configure Pipeline started: render"));
    }

    @Test
    void aFailedConfigurePipelineMakesThePromiseUnavailableAndWarnsOnce() {
        ConfigurePlan failed = plan(job("j1", "render", 1, JobState.SUCCEEDED), job("j2", "report", 2, JobState.FAILED));
        Aggregate result = aggregate(new PromiseStatus(), observed().workflow(failed));

        assertThat(condition(result, "ConfigureWorkflowCompleted").getStatus()).isEqualTo("False");
        assertThat(condition(result, "ConfigureWorkflowCompleted").getReason()).isEqualTo("ConfigureWorkflowFailed");
        assertThat(condition(result, "Available").getMessage()).endsWith("report");
        assertThat(result.status().getWorkflowsSucceeded()).isEqualTo(1);
        assertThat(result.status().getWorkflowsFailed()).isEqualTo(1);
        assertThat(result.events()).extracting(Event::reason).containsExactly("ConfigureWorkflowFailed");
        assertThat(aggregate(result.status(), observed().workflow(failed)).events()).as("said once").isEmpty();
    }

    @Test
    void theStatusWritersCompletionIsKept() {
        PromiseStatus shown = aggregate(new PromiseStatus(), observed().workflow(plan())).status();
        shown.setConditions(Conditions.set(shown.getConditions(), "ConfigureWorkflowCompleted", "True",
                "PipelinesExecutedSuccessfully", "Pipelines completed", null));

        Aggregate result = aggregate(shown, observed().workflow(done()));

        assertThat(condition(result, "ConfigureWorkflowCompleted").getStatus()).isEqualTo("True");
        assertThat(condition(result, "ConfigureWorkflowCompleted").getReason())
                .isEqualTo("PipelinesExecutedSuccessfully");
        assertThat(condition(result, "Available").getStatus()).isEqualTo("True");
    }

    // ---- requiredPromises

    @Test
    void unmetRequirementsKeepThePromiseUnavailableAndListEachRequirement() {
        var requirement = new PromiseStatus.RequiredPromiseStatus();
        requirement.setName("base");
        requirement.setState("Requirement not installed");
        Aggregate result = aggregate(new PromiseStatus(), observed().workflow(done())
                .requirements(List.of(requirement), "Required Promise \"base\" is not installed"));

        assertThat(condition(result, "RequirementsFulfilled").getStatus()).isEqualTo("False");
        assertThat(condition(result, "Available").getReason()).isEqualTo("RequirementsNotInstalled");
        assertThat(result.status().getRequiredPromises()).extracting(PromiseStatus.RequiredPromiseStatus::getName)
                .containsExactly("base");
    }

    @Test
    void requirementsRemovedFromTheSpecLeaveNoTraceInStatus() {
        var requirement = new PromiseStatus.RequiredPromiseStatus();
        requirement.setName("base");
        PromiseStatus shown = aggregate(new PromiseStatus(), observed().workflow(done())
                .requirements(List.of(requirement), null)).status();
        assertThat(shown.getRequiredPromises()).hasSize(1);

        Aggregate result = aggregate(shown, observed().workflow(done()));

        assertThat(result.status().getRequiredPromises()).isNull();
        assertThat(Conditions.find(result.status().getConditions(), "RequirementsFulfilled")).isEmpty();
    }

    // ---- pause

    @Test
    void aPausedPromiseIsUnavailableAndReconciledUnknownWithOneWarning() {
        PromiseStatus available = aggregate(new PromiseStatus(), observed().workflow(done())).status();

        Aggregate result = aggregate(available, observed().paused());

        assertThat(condition(result, "Reconciled").getStatus()).isEqualTo("Unknown");
        assertThat(condition(result, "Reconciled").getReason()).isEqualTo("PausedReconciliation");
        assertThat(condition(result, "Available").getReason()).isEqualTo("PausedReconciliation");
        assertThat(result.events()).extracting(Event::reason).containsExactly("PausedReconciliation");
        assertThat(aggregate(result.status(), observed().paused()).events()).as("said once").isEmpty();
    }

    @Test
    void unpausingSaysUnpausedUntilTheWorkflowRunsAgainThenReconciledGoes() {
        PromiseStatus paused = aggregate(new PromiseStatus(), observed().paused()).status();

        PromiseStatus waiting = aggregate(paused, observed().api(API).apiPending()).status();
        assertThat(Conditions.find(waiting.getConditions(), "Reconciled").orElseThrow().getReason())
                .isEqualTo("Unpaused");

        ConfigurePlan rerun = PromiseRules.configure(new PromiseRules.ConfigureInput(doneJobs(), PIPELINES, "h1",
                false, true, null, Duration.ofHours(10), NOW, 5));
        PromiseStatus running = aggregate(waiting, observed().workflow(rerun)).status();
        assertThat(Conditions.find(running.getConditions(), "Reconciled")).isEmpty();
    }

    // ---- rollout

    @Test
    void theRolloutIsTheRequestControllersLatestCountsReplacingAStaleOne() {
        PromiseStatus stale = aggregate(new PromiseStatus(), observed().workflow(done()).rollout(rollout(3, 1, 2)))
                .status();

        Aggregate result = aggregate(stale, observed().workflow(done()).rollout(rollout(3, 3, 0)));

        assertThat(result.status().getRollout().getUpToDate()).isEqualTo(3);
        assertThat(result.status().getRollout().getRunning()).isZero();
    }

    @Test
    void theRolloutGoesWhenNoRequestControllerRuns() {
        PromiseStatus shown = aggregate(new PromiseStatus(), observed().workflow(done()).rollout(rollout(3, 3, 0)))
                .status();

        assertThat(aggregate(shown, observed().workflow(done())).status().getRollout()).isNull();
    }

    @Test
    void everyOutcomeRecordsTheObservedGenerationAndVersion() {
        Aggregate result = aggregate(new PromiseStatus(), observed().workflow(done()));

        assertThat(result.status().getObservedGeneration()).isEqualTo(3L);
        assertThat(result.status().getVersion()).isEqualTo("v1.2.0");
    }

    // ---- workflow control (workflow-control.yaml)

    @Test
    void aSuspendedWorkflowMakesThePromiseUnavailableWithOneWarningAndKeepsTheStatusWritersEntry() {
        PromiseStatus shown = suspendedStatus(NOW.plusSeconds(30));
        ConfigurePlan held = PromiseRules.configure(suspendedInput(shown, true, List.of(
                job("j1", "render", 1, JobState.SUCCEEDED))));

        Aggregate result = aggregate(shown, observed().api(API).workflow(held));

        assertThat(condition(result, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(result, "Available").getReason()).isEqualTo("WorkflowSuspended");
        assertThat(condition(result, "Available").getMessage()).isEqualTo("Suspended");
        assertThat(condition(result, "Reconciled").getStatus()).isEqualTo("Unknown");
        assertThat(condition(result, "Reconciled").getReason()).isEqualTo("WorkflowSuspended");
        PromiseStatus.PipelineStatus entry = result.status().getKratix().getWorkflows().getPipelines().get(0);
        assertThat(entry.getPhase()).isEqualTo("Suspended");
        assertThat(entry.getMessage()).isEqualTo("waiting for the database");
        assertThat(entry.getNextRetryAt()).isEqualTo(NOW.plusSeconds(30).toString());
        assertThat(entry.getAttempts()).isEqualTo(1);
        assertThat(result.status().getKratix().getWorkflows().getSuspendedGeneration()).isEqualTo(3L);
        assertThat(result.events()).containsExactly(new Event(true, "WorkflowSuspended",
                "Pipeline render suspended the workflow: waiting for the database; it runs again at "
                        + NOW.plusSeconds(30)));
        assertThat(aggregate(result.status(), observed().api(API).workflow(held)).events()).as("said once").isEmpty();
    }

    @Test
    void aResumedPipelineRunsAgainAsRunningKeepingItsAttemptsAndReconciledGoes() {
        PromiseStatus held = aggregate(suspendedStatus(NOW.plusSeconds(30)), observed().api(API).workflow(
                PromiseRules.configure(suspendedInput(suspendedStatus(NOW.plusSeconds(30)), true,
                        List.of(job("j1", "render", 1, JobState.SUCCEEDED)))))).status();
        ConfigurePlan resumed = PromiseRules.configure(suspendedInput(held, false,
                List.of(job("j1", "render", 1, JobState.SUCCEEDED))));

        Aggregate result = aggregate(held, observed().api(API).workflow(resumed));

        assertThat(resumed.resumes()).isTrue();
        PromiseStatus.PipelineStatus entry = result.status().getKratix().getWorkflows().getPipelines().get(0);
        assertThat(entry.getPhase()).isEqualTo("Running");
        assertThat(entry.getAttempts()).isEqualTo(1);
        assertThat(entry.getMessage()).isNull();
        assertThat(entry.getNextRetryAt()).isNull();
        assertThat(Conditions.find(result.status().getConditions(), "Reconciled")).isEmpty();
        assertThat(condition(result, "Available").getReason()).isEqualTo("WorkflowPending");
    }

    // ---- helpers

    static Aggregate aggregate(PromiseStatus current, Observation seen) {
        return PromiseStatusAggregator.aggregate(current, JSON.clone(current), seen.build(), NOW);
    }

    static Observation observed() {
        return new Observation();
    }

    /** An observation as a reconcile builds it, step by step. */
    static final class Observation {
        boolean paused;
        Refusal refusal;
        List<PromiseStatus.RequiredPromiseStatus> requirements;
        String unmet;
        PromiseApi.Identity api;
        boolean apiPending;
        ConfigurePlan workflow;
        PromiseStatus.Rollout rollout;

        Observation paused() {
            paused = true;
            return this;
        }

        Observation refusal(Refusal why) {
            refusal = why;
            return this;
        }

        Observation api(PromiseApi.Identity identity) {
            api = identity;
            return this;
        }

        Observation apiPending() {
            apiPending = true;
            return this;
        }

        Observation workflow(ConfigurePlan plan) {
            workflow = plan;
            return this;
        }

        Observation requirements(List<PromiseStatus.RequiredPromiseStatus> states, String why) {
            requirements = states;
            unmet = why;
            return this;
        }

        Observation rollout(PromiseStatus.Rollout counts) {
            rollout = counts;
            return this;
        }

        Observed build() {
            return new Observed(3L, Map.of(KratixLabels.PROMISE_VERSION, "v1.2.0"), paused, refusal, requirements,
                    unmet, api, apiPending, workflow, rollout);
        }
    }

    static ConfigurePlan plan(JobSummary... jobs) {
        return PromiseRules.configure(new PromiseRules.ConfigureInput(List.of(jobs), PIPELINES, "h1", false, false,
                null, Duration.ofHours(10), NOW, 5));
    }

    static ConfigurePlan done() {
        return plan(doneJobs().toArray(JobSummary[]::new));
    }

    static List<JobSummary> doneJobs() {
        return List.of(job("j1", "render", 1, JobState.SUCCEEDED), job("j2", "report", 2, JobState.SUCCEEDED));
    }

    /** What the status writer leaves after render asked for a retry (at generation 3). */
    static PromiseStatus suspendedStatus(Instant retryAt) {
        PromiseStatus status = aggregate(new PromiseStatus(), observed().api(API)
                .workflow(plan(job("j1", "render", 1, JobState.RUNNING)))).status();
        PromiseStatus.PipelineStatus entry = status.getKratix().getWorkflows().getPipelines().get(0);
        entry.setPhase("Suspended");
        entry.setMessage("waiting for the database");
        entry.setNextRetryAt(retryAt.toString());
        entry.setAttempts(1);
        status.getKratix().getWorkflows().setSuspendedGeneration(3L);
        return status;
    }

    static PromiseRules.ConfigureInput suspendedInput(PromiseStatus shown, boolean labelled, List<JobSummary> jobs) {
        return new PromiseRules.ConfigureInput(jobs, PIPELINES, "h1", false, false, null, Duration.ofHours(10), NOW, 5,
                new PromiseRules.Shown(labelled, 3L, shown.getKratix().getWorkflows().getSuspendedGeneration(),
                        shown.getKratix().getWorkflows().getPipelines()));
    }

    static JobSummary job(String name, String pipeline, int minute, JobState state) {
        return new JobSummary(name, pipeline, "h1", NOW.minus(Duration.ofHours(1)).plusSeconds(60L * minute), state);
    }

    static PromiseStatus.Rollout rollout(int requests, int upToDate, int running) {
        PromiseStatus.Rollout rollout = new PromiseStatus.Rollout();
        rollout.setRequests(requests);
        rollout.setUpToDate(upToDate);
        rollout.setRunning(running);
        rollout.setWaiting(0);
        rollout.setFailed(0);
        return rollout;
    }

    static Condition condition(Aggregate result, String type) {
        return Conditions.find(result.status().getConditions(), type).orElseThrow();
    }
}
