package dev.pledge.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.KratixLabels;
import dev.pledge.api.ResourceRequestStatus;
import dev.pledge.api.WorkflowType;
import dev.pledge.workflow.WorkflowProgress.JobState;
import dev.pledge.workflow.WorkflowProgress.JobSummary;
import dev.pledge.workflow.WorkflowProgress.Step;
import dev.pledge.workflow.adapter.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of resource requests, one test per rule, on plain values: no API server, no operator. */
class RequestRulesTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String HASH = "h1";
    static final List<String> ALL_FINALIZERS = List.of(KratixLabels.WORK_CLEANUP_FINALIZER,
            KratixLabels.WORKFLOWS_CLEANUP_FINALIZER, KratixLabels.DELETE_WORKFLOWS_FINALIZER);
    final PromiseWorkflows twoPipelines = new PromiseWorkflows("db", List.of("render", "report"), null, 5, 5);

    // ---- finalizers and promise label

    @Test
    void aNewRequestGetsThePromiseLabelAndItsCleanupFinalizers() {
        RequestState request = request(Map.of(), List.of(), Map.of());

        assertThat(RequestRules.needsPromiseLabel(request, twoPipelines)).isTrue();
        assertThat(RequestRules.missingFinalizers(request, twoPipelines))
                .containsExactly(KratixLabels.WORK_CLEANUP_FINALIZER, KratixLabels.WORKFLOWS_CLEANUP_FINALIZER);
    }

    @Test
    void aPromiseWithADeletePipelineAlsoAddsTheDeleteWorkflowsFinalizer() {
        PromiseWorkflows withDelete = new PromiseWorkflows("db", List.of("render"), "teardown", 5, 5);
        RequestState request = request(Map.of(KratixLabels.PROMISE_NAME, "db"),
                List.of(KratixLabels.WORK_CLEANUP_FINALIZER, KratixLabels.WORKFLOWS_CLEANUP_FINALIZER), Map.of());

        assertThat(RequestRules.needsPromiseLabel(request, withDelete)).isFalse();
        assertThat(RequestRules.missingFinalizers(request, withDelete))
                .containsExactly(KratixLabels.DELETE_WORKFLOWS_FINALIZER);
    }

    // ---- what to run next

    @Test
    void aNewRequestStartsItsFirstPipelineAndIsPendingUntilItsStatusWriterSpeaks() {
        ConfigurePlan plan = RequestRules.configure(input(labelled(), List.of(), true));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.status().getMessage()).isEqualTo("Pending");
        assertThat(condition(plan.status()).getReason()).isEqualTo("PipelinesInProgress");
        assertThat(plan.status().phases()).containsExactly(Map.entry("render", "Running"), Map.entry("report", "Pending"));
        assertThat(plan.status().getWorkflows()).isEqualTo(2);
        assertThat(plan.statusPatch()).containsKeys("message", "conditions", "kratix", "workflows");
        assertThat(plan.rollout()).isEqualTo(RolloutState.RUNNING);
    }

    @Test
    void pipelinesRunInOrderAndTheNextOneLeavesTheMessageToTheFirstOnesStatusWriter() {
        RequestState request = labelled(status("provisioning", "False", "PipelinesInProgress"));

        ConfigurePlan plan = RequestRules.configure(input(request, List.of(job("j1", "render", 1, JobState.SUCCEEDED)),
                true));

        assertThat(plan.pipelineToStart()).isEqualTo(1);
        assertThat(plan.status().getMessage()).isEqualTo("provisioning");
        assertThat(plan.statusPatch()).doesNotContainKey("message");
        assertThat(plan.status().phases()).containsExactly(Map.entry("render", "Succeeded"), Map.entry("report", "Running"));
    }

    @Test
    void aRunningJobIsWaitedForNeverReplaced() {
        ConfigurePlan plan = RequestRules.configure(input(labelled(), List.of(job("j1", "render", 1, JobState.RUNNING)),
                true));

        assertThat(plan.step()).isInstanceOf(Step.Wait.class);
        assertThat(plan.pipelineToStart()).isEqualTo(-1);
        assertThat(plan.pruneJobs()).isEmpty();
    }

    @Test
    void aChangedDesiredStateRunsAgainFromTheFirstPipeline() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.SUCCEEDED, "old"),
                job("j2", "report", 2, JobState.SUCCEEDED, "old"));

        ConfigurePlan plan = RequestRules.configure(input(labelled(completedStatus("rendered v1")), jobs, true));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.status().getMessage()).isEqualTo("Pending");
    }

    @Test
    void manualReconciliationLabelRunsAgainFromTheFirstPipelineAndTheLabelGoesOnceItStarts() {
        RequestState request = request(Map.of(KratixLabels.PROMISE_NAME, "db", KratixLabels.MANUAL_RECONCILIATION, "true"),
                ALL_FINALIZERS, completedStatus("rendered v1").toMap());

        ConfigurePlan plan = RequestRules.configure(input(request, completedJobs(), true));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.removeRerunLabels()).isTrue();
    }

    @Test
    void reconcileResourcesRunsEveryRequestAgainFromTheFirstPipeline() {
        RequestState request = request(Map.of(KratixLabels.PROMISE_NAME, "db", KratixLabels.RUN_FROM_START, "true"),
                ALL_FINALIZERS, completedStatus("rendered v1").toMap());

        ConfigurePlan plan = RequestRules.configure(input(request, completedJobs(), true));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.removeRerunLabels()).isTrue();
    }

    @Test
    void manualReconciliationLabelWaitsForARunningJobAndStays() {
        RequestState request = request(Map.of(KratixLabels.PROMISE_NAME, "db", KratixLabels.MANUAL_RECONCILIATION, "true"),
                ALL_FINALIZERS, Map.of());

        ConfigurePlan plan = RequestRules.configure(input(request, List.of(job("j1", "render", 1, JobState.RUNNING)),
                true));

        assertThat(plan.step()).isInstanceOf(Step.Wait.class);
        assertThat(plan.removeRerunLabels()).isFalse();
    }

    // ---- periodic re-run

    @Test
    void periodicReRunStartsFromTheFirstPipelineOnceThePromisesIntervalPassed() {
        PromiseWorkflows hourly = new PromiseWorkflows("db", List.of("render", "report"), null, 5, 5,
                Duration.ofHours(1));
        RequestState completedTwoHoursAgo = labelled(completedStatus("rendered v1"));

        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(completedTwoHoursAgo, hourly, HASH,
                completedJobs(), true, List.of(), null, NOW.plus(Duration.ofHours(1))));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.removeRerunLabels()).as("no label was set").isFalse();
        assertThat(plan.status().getMessage()).isEqualTo("Pending");
    }

    @Test
    void periodicReRunWaitsForTheIntervalAndAsksToBeWokenWhenItFallsDue() {
        PromiseWorkflows hourly = new PromiseWorkflows("db", List.of("render", "report"), null, 5, 5,
                Duration.ofHours(1));
        RequestState completedAnHourAgo = labelled(completedStatus("rendered v1"));

        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(completedAnHourAgo, hourly, HASH,
                completedJobs(), true, List.of(), null, NOW.minus(Duration.ofMinutes(20))));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.requeueAfter()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void periodicReRunNeverHappensWithoutAnInterval() {
        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(labelled(completedStatus("rendered v1")),
                twoPipelines, HASH, completedJobs(), true, List.of(), null, NOW.plus(Duration.ofDays(365))));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.requeueAfter()).isNull();
    }

    // ---- rollout limit

    // ---- requests wait for required Promises

    @Test
    void requestsWaitForRequiredPromisesAndTheirStatusSaysWhy() {
        PromiseWorkflows waiting = twoPipelines.withUnmetRequirements("Waiting for required Promises: postgres: Requirement not installed");

        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(labelled(), waiting, HASH, List.of(), true,
                List.of(), null, NOW));

        assertThat(plan.pipelineToStart()).isEqualTo(-1);
        assertThat(plan.complete()).isFalse();
        assertThat(plan.status().getMessage()).isEqualTo("Pending");
        var promiseAvailable = plan.status().condition("PromiseAvailable").orElseThrow();
        assertThat(promiseAvailable.getStatus()).isEqualTo("False");
        assertThat(promiseAvailable.getReason()).isEqualTo("PromiseRequirementsNotInstalled");
        assertThat(promiseAvailable.getMessage()).isEqualTo("Promise Requirements are not installed");
        assertThat(plan.statusPatch()).containsKeys("message", "conditions");
        assertThat(plan.rollout()).isEqualTo(RolloutState.WAITING);
    }

    @Test
    void requestsWaitingForRequiredPromisesStartOnTheirOwnOnceTheyAreMet() {
        ConfigurePlan waited = RequestRules.configure(new ConfigureInput(labelled(),
                twoPipelines.withUnmetRequirements("postgres not installed"), HASH, List.of(), true, List.of(), null, NOW));

        ConfigurePlan plan = RequestRules.configure(input(labelled(waited.status()), List.of(), true));

        assertThat(plan.pipelineToStart()).isZero();
        var promiseAvailable = plan.status().condition("PromiseAvailable").orElseThrow();
        assertThat(promiseAvailable.getStatus()).isEqualTo("True");
        assertThat(promiseAvailable.getMessage()).isEqualTo("Promise Requirements are met");
    }

    @Test
    void rolloutLimitHoldsBackAReRunAfterAPromiseChangeWhileEverySlotIsTaken() {
        ConfigurePlan plan = RequestRules.configure(input(labelled(completedStatus("Resource requested")),
                List.of(job("j1", "render", 1, JobState.SUCCEEDED, "old"), job("j2", "report", 2, JobState.SUCCEEDED,
                        "old")), false));

        assertThat(plan.deferred()).isTrue();
        assertThat(plan.pipelineToStart()).isEqualTo(-1);
        assertThat(plan.rollout()).isEqualTo(RolloutState.WAITING);
        assertThat(condition(plan.status()).getReason()).isEqualTo("WaitingForRollout");
        assertThat(condition(plan.status()).getMessage()).contains("at most 5 requests");
        assertThat(plan.status().phases()).containsExactly(Map.entry("render", "Pending"), Map.entry("report", "Pending"));
    }

    @Test
    void rolloutLimitNeverHoldsBackANewRequest() {
        ConfigurePlan plan = RequestRules.configure(input(labelled(), List.of(), false));

        assertThat(plan.deferred()).isFalse();
        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.rollout()).isEqualTo(RolloutState.RUNNING);
        assertThat(condition(plan.status()).getReason()).isEqualTo("PipelinesInProgress");
    }

    @Test
    void rolloutLimitHoldsBackARequestThatCompletedBeforeEvenWhenItsJobsAreGone() {
        ResourceRequestStatus completed = completedStatus("Resource requested");
        completed.setLastSuccessfulConfigureWorkflowTime("2026-12-01T11:00:00Z");

        ConfigurePlan plan = RequestRules.configure(input(labelled(completed), List.of(), false));

        assertThat(plan.deferred()).isTrue();
        assertThat(plan.pipelineToStart()).isEqualTo(-1);
    }

    @Test
    void rolloutLimitCountsRequestsHoldingASlotAndLetsThemContinue() {
        Set<String> five = Set.of("ns/a", "ns/b", "ns/c", "ns/d", "ns/e");

        assertThat(RequestRules.slotFree(five, "ns/f", 5)).isFalse();
        assertThat(RequestRules.slotFree(five, "ns/a", 5)).isTrue();
        assertThat(RequestRules.slotFree(Set.of("ns/a"), "ns/f", 5)).isTrue();
    }

    @Test
    void rolloutLimitNeverHoldsBackARunUnderWay() {
        ConfigurePlan plan = RequestRules.configure(input(labelled(),
                List.of(job("j1", "render", 1, JobState.SUCCEEDED)), false));

        assertThat(plan.deferred()).isFalse();
        assertThat(plan.pipelineToStart()).isEqualTo(1);
    }

    // ---- complete, status and the pipeline's words

    @Test
    void aRequestIsCompleteWhenItsLastPipelinesJobForTheCurrentStateSucceeded() {
        assertThat(RequestRules.complete(completedJobs(), twoPipelines.configurePipelines(), HASH)).isTrue();
        assertThat(RequestRules.complete(completedJobs(), twoPipelines.configurePipelines(), "changed")).isFalse();
        assertThat(RequestRules.complete(List.of(job("j1", "render", 1, JobState.SUCCEEDED)),
                twoPipelines.configurePipelines(), HASH)).isFalse();
    }

    @Test
    void aCompleteRequestListsTheDestinationsItLandedOnAndKeepsThePipelinesMessage() {
        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(labelled(completedStatus("rendered v1")),
                twoPipelines, HASH, completedJobs(), true, List.of("dev-2", "dev-1"), null, NOW));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.status().getDestinations()).containsExactly("dev-1", "dev-2");
        assertThat(plan.statusPatch()).containsOnlyKeys("destinations");
        assertThat(plan.rollout()).isEqualTo(RolloutState.UP_TO_DATE);
    }

    @Test
    void statusYamlMessageStaysWhenTheStatusWriterMergesBeforeTheControllerSeesTheJobComplete() {
        ResourceRequestStatus started = RequestRules.configure(input(labelled(), List.of(), true)).status();
        Map<String, Object> merged = statusWriter(statusWriter(started.toMap(), "render", false), "report", true);

        // the controller's cache already holds the merge when it sees the last Job complete
        ConfigurePlan plan = RequestRules.configure(input(labelled(ResourceRequestStatus.from(merged)),
                completedJobs(), true));
        Map<String, Object> shown = mergePatch(merged, plan.statusPatch());

        assertThat(shown).containsEntry("message", "rendered v1").containsEntry("endpoint", "db.example.org");
        assertThat(ResourceRequestStatus.from(shown).condition("ConfigureWorkflowCompleted").orElseThrow().getStatus())
                .isEqualTo("True");
        assertThat(ResourceRequestStatus.from(shown).phases()).containsValues("Succeeded", "Succeeded");
    }

    @Test
    void statusYamlMessageStaysWhenTheControllerSeesTheJobCompleteBeforeTheStatusWritersMerge() {
        ResourceRequestStatus started = RequestRules.configure(input(labelled(), List.of(), true)).status();
        Map<String, Object> afterFirst = statusWriter(started.toMap(), "render", false);

        // the controller sees the last Job complete while its cache still holds the status from before the merge
        ConfigurePlan plan = RequestRules.configure(input(labelled(ResourceRequestStatus.from(afterFirst)),
                completedJobs(), true));
        Map<String, Object> controllerFirst = mergePatch(afterFirst, plan.statusPatch());
        Map<String, Object> shown = statusWriter(controllerFirst, "report", true);

        assertThat(plan.statusPatch()).doesNotContainKeys("message", "conditions");
        assertThat(shown).containsEntry("message", "rendered v1").containsEntry("endpoint", "db.example.org");
        assertThat(ResourceRequestStatus.from(shown).phases()).containsValues("Succeeded", "Succeeded");
    }

    @Test
    void aNoOpReconcileWritesNothing() {
        ConfigurePlan first = RequestRules.configure(new ConfigureInput(labelled(completedStatus("rendered v1")),
                twoPipelines, HASH, completedJobs(), true, List.of("dev-1"), null, NOW));
        RequestState after = labelled(ResourceRequestStatus.from(mergePatch(completedStatus("rendered v1").toMap(),
                first.statusPatch())));

        ConfigurePlan again = RequestRules.configure(new ConfigureInput(after, twoPipelines, HASH, completedJobs(), true,
                List.of("dev-1"), null, NOW.plusSeconds(60)));

        assertThat(again.statusPatch()).isNull();
    }

    @Test
    void aPromiseWithoutConfigurePipelinesSaysResourceRequested() {
        PromiseWorkflows none = new PromiseWorkflows("db", List.of(), null, 5, 5);

        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(labelled(), none, HASH, List.of(), true,
                List.of(), null, NOW));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.status().getMessage()).isEqualTo("Resource requested");
    }

    // ---- failures

    @Test
    void aFailedPipelineSaysSoInMessageConditionAndOneWarningNamingThePodsReason() {
        RequestState request = labelled(status("Pending", "False", "PipelinesInProgress"));
        ConfigureInput in = input(request, List.of(job("j1", "render", 1, JobState.FAILED)), true);

        ConfigurePlan asking = RequestRules.configure(in);
        ConfigurePlan plan = RequestRules.configure(in.withFailureReason("container render exited with code 3"));

        assertThat(asking.wantsFailureReason()).isTrue();
        assertThat(plan.status().getMessage()).isEqualTo("A Configure Pipeline has failed: render");
        assertThat(condition(plan.status()).getReason()).isEqualTo("ConfigureWorkflowFailed");
        assertThat(condition(plan.status()).getMessage()).endsWith("render: container render exited with code 3");
        assertThat(plan.warning()).contains("exited with code 3");
        assertThat(plan.rollout()).isEqualTo(RolloutState.FAILED);
        assertThat(plan.status().getWorkflowsFailed()).isEqualTo(1);
    }

    @Test
    void aFailureAlreadyReportedIsNotReportedAgain() {
        RequestState request = labelled(status("A Configure Pipeline has failed: render", "False",
                "ConfigureWorkflowFailed"));
        ConfigurePlan first = RequestRules.configure(input(request, List.of(job("j1", "render", 1, JobState.FAILED)),
                true));
        RequestState after = labelled(ResourceRequestStatus.from(mergePatch(request.status().toMap(),
                first.statusPatch())));

        ConfigurePlan again = RequestRules.configure(input(after, List.of(job("j1", "render", 1, JobState.FAILED)),
                true));

        assertThat(first.wantsFailureReason()).isFalse();
        assertThat(first.warning()).isNull();
        assertThat(again.statusPatch()).isNull();
    }

    @Test
    void theAdaptersWordsOnInvalidPipelineOutputStay() {
        RequestState request = labelled(status("status.yaml: the \"kratix\" key is managed by Kratix", "False",
                "InvalidPipelineOutput"));

        ConfigurePlan plan = RequestRules.configure(input(request, List.of(job("j1", "render", 1, JobState.FAILED)),
                true));

        assertThat(plan.status().getMessage()).contains("status.yaml");
        assertThat(plan.statusPatch()).doesNotContainKeys("message", "conditions");
        assertThat(plan.warning()).isNull();
    }

    // ---- keep the newest Jobs

    @Test
    void keepsTheNewestFiveJobsOfEachPipelineAndNeverARunningOne() {
        List<JobSummary> jobs = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            jobs.add(job("render-" + i, "render", i, JobState.SUCCEEDED, "old"));
        }
        jobs.add(job("report-1", "report", 1, JobState.RUNNING, "old"));
        for (int i = 2; i <= 7; i++) {
            jobs.add(job("report-" + i, "report", i, JobState.SUCCEEDED, "old"));
        }

        ConfigurePlan plan = RequestRules.configure(input(labelled(), jobs, true));

        assertThat(plan.pipelineToStart()).as("the desired state changed").isZero();
        assertThat(plan.pruneJobs()).containsExactlyInAnyOrder("render-1", "render-2", "report-2");
    }

    // ---- resource.delete

    @Test
    void resourceDeleteRunsTheDeletePipelineFirst() {
        PromiseWorkflows withDelete = new PromiseWorkflows("db", List.of("render"), "teardown", 5, 5);
        RequestState deleting = deleting(ALL_FINALIZERS);

        assertThat(RequestRules.delete(deleting, withDelete, HASH, List.of(), 2))
                .isInstanceOf(DeletePlan.StartDeletePipeline.class);
        assertThat(RequestRules.delete(deleting, withDelete, HASH,
                List.of(job("d1", "teardown", 1, JobState.RUNNING)), 2))
                .isInstanceOf(DeletePlan.WaitForDeletePipeline.class);
        assertThat(RequestRules.delete(deleting, withDelete, HASH,
                List.of(job("d1", "teardown", 1, JobState.SUCCEEDED)), 2))
                .isEqualTo(new DeletePlan.RemoveFinalizers(List.of(KratixLabels.DELETE_WORKFLOWS_FINALIZER)));
    }

    @Test
    void resourceDeleteThatFailedKeepsTheRequest() {
        PromiseWorkflows withDelete = new PromiseWorkflows("db", List.of("render"), "teardown", 5, 5);

        assertThat(RequestRules.delete(deleting(ALL_FINALIZERS), withDelete, HASH,
                List.of(job("d1", "teardown", 1, JobState.FAILED)), 2))
                .isEqualTo(new DeletePlan.DeletePipelineFailed("d1"));
    }

    @Test
    void aSuspendedDeletePipelineKeepsTheWorksAndSaysDeleteWorkflowSuspendedUntilItsRetryRunsIt() {
        PromiseWorkflows withDelete = new PromiseWorkflows("db", List.of("render"), "teardown", 5, 5);
        ResourceRequestStatus status = new ResourceRequestStatus();
        status.setPhases(Map.of("teardown", "Suspended"));
        status.workflowsStatus().getPipelines().get(0).setNextRetryAt(NOW.plusSeconds(60).toString());
        List<JobSummary> ran = List.of(job("d1", "teardown", 1, JobState.SUCCEEDED));
        RequestState suspended = new RequestState("ns/orders", 1L, Map.of(KratixLabels.PROMISE_NAME, "db",
                KratixLabels.WORKFLOW_SUSPENDED, "true"), ALL_FINALIZERS, true, status);

        DeletePlan held = RequestRules.delete(suspended, withDelete, HASH, ran, 2, NOW);
        assertThat(held).isInstanceOfSatisfying(DeletePlan.DeletePipelineSuspended.class, plan -> {
            assertThat(plan.retryAt()).isEqualTo(NOW.plusSeconds(60));
            assertThat(String.valueOf(plan.statusPatch().get("conditions"))).contains("DeleteWorkflowCompleted")
                    .contains("DeleteWorkflowSuspended").contains("The delete workflow is suspended");
        });
        assertThat(RequestRules.delete(suspended, withDelete, HASH, ran, 2, NOW.plusSeconds(61)))
                .isInstanceOf(DeletePlan.RetryDeletePipeline.class);

        RequestState labelGone = new RequestState("ns/orders", 1L, Map.of(KratixLabels.PROMISE_NAME, "db"),
                ALL_FINALIZERS, true, status);
        assertThat(RequestRules.delete(labelGone, withDelete, HASH, ran, 2, NOW.plusSeconds(62)))
                .isInstanceOfSatisfying(DeletePlan.RerunDeletePipeline.class, plan ->
                        assertThat(String.valueOf(plan.statusPatch())).contains("phase=Running"));
    }

    @Test
    void aRequestSuspendedInItsConfigureWorkflowIsStillDeleted() {
        PromiseWorkflows withDelete = new PromiseWorkflows("db", List.of("render"), "teardown", 5, 5);
        ResourceRequestStatus status = new ResourceRequestStatus();
        status.setPhases(Map.of("render", "Suspended"));
        RequestState suspended = new RequestState("ns/orders", 1L, Map.of(KratixLabels.PROMISE_NAME, "db",
                KratixLabels.WORKFLOW_SUSPENDED, "true"), ALL_FINALIZERS, true, status);

        assertThat(RequestRules.delete(suspended, withDelete, HASH, List.of(), 2, NOW))
                .isInstanceOf(DeletePlan.StartDeletePipeline.class);
    }

    @Test
    void resourceDeleteThenTheWorksGoThenTheFinalizers() {
        List<String> cleanup = List.of(KratixLabels.WORK_CLEANUP_FINALIZER, KratixLabels.WORKFLOWS_CLEANUP_FINALIZER);

        assertThat(RequestRules.delete(deleting(cleanup), twoPipelines, HASH, List.of(), 2))
                .isInstanceOf(DeletePlan.DeleteWorks.class);
        assertThat(RequestRules.delete(deleting(cleanup), twoPipelines, HASH, List.of(), 0))
                .isEqualTo(new DeletePlan.RemoveFinalizers(cleanup));
    }

    @Test
    void withoutADeletePipelineTheDeleteWorkflowsFinalizerGoesAtOnce() {
        assertThat(RequestRules.delete(deleting(ALL_FINALIZERS), twoPipelines, HASH, List.of(), 2))
                .isEqualTo(new DeletePlan.RemoveFinalizers(List.of(KratixLabels.DELETE_WORKFLOWS_FINALIZER)));
    }

    @Test
    void jobsOfAPipelineRemovedFromThePromiseArePrunedExceptARunningOne() {
        List<JobSummary> jobs = new ArrayList<>(completedJobs());
        jobs.add(job("migrate-1", "migrate", 0, JobState.SUCCEEDED));
        jobs.add(job("migrate-2", "migrate", 0, JobState.FAILED));
        jobs.add(job("migrate-3", "migrate", 0, JobState.RUNNING));

        ConfigurePlan plan = RequestRules.configure(input(labelled(completedStatus("Resource requested")), jobs, true));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.pruneJobs()).containsExactlyInAnyOrder("migrate-1", "migrate-2");
    }

    // ---- pause

    @Test
    void pausedRequestSaysReconciledUnknownPausedAndWritesItOnce() {
        RequestState request = request(Map.of(KratixLabels.PROMISE_NAME, "db", KratixLabels.PAUSED, "true"),
                ALL_FINALIZERS, completedStatus("Resource requested").toMap());

        assertThat(RequestRules.paused(request, twoPipelines)).isTrue();
        Map<String, Object> patch = RequestRules.pausedStatus(request, NOW);
        assertThat(patch).containsOnlyKeys("conditions");
        ResourceRequestStatus paused = ResourceRequestStatus.from(mergePatch(request.status().toMap(), patch));
        var reconciled = paused.condition("Reconciled").orElseThrow();
        assertThat(reconciled.getStatus()).isEqualTo("Unknown");
        assertThat(reconciled.getReason()).isEqualTo("PausedReconciliation");
        assertThat(reconciled.getMessage()).isEqualTo("Paused");
        assertThat(paused.condition("ConfigureWorkflowCompleted").orElseThrow().getStatus()).isEqualTo("True");

        RequestState again = request(request.labels(), ALL_FINALIZERS, paused.toMap());
        assertThat(RequestRules.pausedStatus(again, NOW)).isNull();
    }

    @Test
    void pausedPromisePausesEveryRequest() {
        assertThat(RequestRules.paused(labelled(), twoPipelines.pausedAs(true))).isTrue();
        assertThat(RequestRules.paused(labelled(), twoPipelines)).isFalse();
        assertThat(RequestRules.paused(request(Map.of(KratixLabels.PAUSED, "false"), List.of(), Map.of()),
                twoPipelines)).isFalse();
    }

    @Test
    void unpausingRunsAgainFromTheFirstPipelineAndReconciledGoesOnceItStarts() {
        ResourceRequestStatus wasPaused = completedStatus("Resource requested");
        RequestRules.setCondition(wasPaused, "Reconciled", "Unknown", "PausedReconciliation", "Paused", NOW);
        RequestState request = labelled(wasPaused);

        ConfigurePlan plan = RequestRules.configure(input(request, completedJobs(), true));

        assertThat(plan.pipelineToStart()).isZero();
        assertThat(plan.status().condition("Reconciled")).isEmpty();
        assertThat(plan.removeRerunLabels()).isFalse();
    }

    @Test
    void unpausingWaitsForARunningJobAndSaysUnpausedMeanwhile() {
        ResourceRequestStatus wasPaused = completedStatus("Resource requested");
        RequestRules.setCondition(wasPaused, "Reconciled", "Unknown", "PausedReconciliation", "Paused", NOW);
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.SUCCEEDED),
                job("j2", "report", 2, JobState.RUNNING));

        ConfigurePlan plan = RequestRules.configure(input(labelled(wasPaused), jobs, true));

        assertThat(plan.step()).isEqualTo(new Step.Wait("j2"));
        assertThat(plan.status().condition("Reconciled").orElseThrow().getReason()).isEqualTo("Unpaused");
        ConfigurePlan after = RequestRules.configure(input(labelled(plan.status()),
                List.of(job("j1", "render", 1, JobState.SUCCEEDED), job("j2", "report", 2, JobState.SUCCEEDED)), true));
        assertThat(after.pipelineToStart()).isZero();
    }

    // ---- failed attempts while a Job retries

    @Test
    void failedAttemptsAreVisibleWhileTheJobRetriesWithOneWarningEach() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.RUNNING));
        ConfigureInput input = new ConfigureInput(labelled(status("Pending", "False", "PipelinesInProgress")),
                twoPipelines, HASH, jobs, true, List.of(), null, NOW,
                Map.of("j1", new FailedAttempts(2, "container render exited with code 3: no database")));

        ConfigurePlan plan = RequestRules.configure(input);

        assertThat(plan.step()).isEqualTo(new Step.Wait("j1"));
        var render = plan.status().getKratix().getWorkflows().getPipelines().get(0);
        assertThat(render.getPhase()).isEqualTo("Running");
        assertThat(render.getAttempts()).isEqualTo(2);
        assertThat(render.getMessage()).isEqualTo("attempt 2 failed: container render exited with code 3: no database");
        assertThat(plan.attemptFailed()).isEqualTo(
                "Pipeline render attempt 2 failed: container render exited with code 3: no database; the Job retries");
        assertThat(plan.statusPatch()).containsOnlyKeys("kratix", "workflows", "workflowsSucceeded",
                "workflowsFailed", "observedGeneration");

        ConfigurePlan again = RequestRules.configure(new ConfigureInput(labelled(plan.status()), twoPipelines, HASH,
                jobs, true, List.of(), null, NOW, input.failedAttempts()));
        assertThat(again.attemptFailed()).isNull();
        assertThat(again.statusPatch()).isNull();

        ConfigurePlan third = RequestRules.configure(new ConfigureInput(labelled(plan.status()), twoPipelines, HASH,
                jobs, true, List.of(), null, NOW, Map.of("j1", new FailedAttempts(3, "container render exited with code 3: no database"))));
        assertThat(third.attemptFailed()).startsWith("Pipeline render attempt 3 failed");
        assertThat(third.statusPatch()).containsOnlyKeys("kratix");
    }

    @Test
    void failedAttemptsStayOnThePipelineOnceItsJobGivesUp() {
        List<JobSummary> jobs = List.of(job("j1", "render", 1, JobState.FAILED));
        ConfigurePlan plan = RequestRules.configure(new ConfigureInput(labelled(), twoPipelines, HASH, jobs, true,
                List.of(), "container render exited with code 3", NOW,
                Map.of("j1", new FailedAttempts(6, "container render exited with code 3"))));

        var render = plan.status().getKratix().getWorkflows().getPipelines().get(0);
        assertThat(render.getPhase()).isEqualTo("Failed");
        assertThat(render.getAttempts()).isEqualTo(6);
        assertThat(plan.attemptFailed()).doesNotContain("retries");
    }

    // ---- workflow control (suspend, retryAfter)

    @Test
    void aSuspendedRequestStartsNoPipelineAndSaysSuspendedWithOneWarning() {
        RequestState request = suspendedRequest(1L, suspendedAt("render", "waiting for approval", null, null),
                Map.of());

        ConfigurePlan plan = RequestRules.configure(input(request, List.of(job("j1", "render", 1, JobState.SUCCEEDED)),
                true));

        assertThat(plan.pipelineToStart()).isEqualTo(-1);
        assertThat(plan.status().condition("Reconciled").orElseThrow()).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("WorkflowSuspended");
            assertThat(c.getMessage()).isEqualTo("Suspended");
        });
        assertThat(plan.status().phases()).containsExactly(Map.entry("render", "Suspended"),
                Map.entry("report", "Pending"));
        assertThat(plan.suspended()).contains("render").contains("waiting for approval");
        assertThat(plan.labels()).isEmpty();
        assertThat(plan.requeueAfter()).isNull();

        ConfigurePlan again = RequestRules.configure(input(suspendedRequest(1L, plan.status(), Map.of()),
                List.of(job("j1", "render", 1, JobState.SUCCEEDED)), true));
        assertThat(again.suspended()).as("one warning").isNull();
        assertThat(again.statusPatch()).isNull();
    }

    @Test
    void aRetryIsLookedAtWhenDueThenTheLabelGoesAndTheSuspendedPipelineRunsAgainNotTheFirst() {
        ResourceRequestStatus retrying = suspendedAt("report", "not yet", NOW.plusSeconds(30).toString(), 1);
        List<JobSummary> jobs = completedJobs();

        ConfigurePlan held = RequestRules.configure(input(suspendedRequest(1L, retrying, Map.of()), jobs, true));
        assertThat(held.pipelineToStart()).isEqualTo(-1);
        assertThat(held.requeueAfter()).isEqualTo(Duration.ofSeconds(30));

        ConfigurePlan due = RequestRules.configure(new ConfigureInput(suspendedRequest(1L, held.status(), Map.of()),
                twoPipelines, HASH, jobs, true, List.of(), null, NOW.plusSeconds(31)));
        Map<String, String> removeLabel = new LinkedHashMap<>();
        removeLabel.put(KratixLabels.WORKFLOW_SUSPENDED, null);
        assertThat(due.labels()).isEqualTo(removeLabel);
        assertThat(due.pipelineToStart()).isEqualTo(-1);

        ConfigurePlan resumed = RequestRules.configure(new ConfigureInput(labelled(held.status()), twoPipelines, HASH,
                jobs, false, List.of(), null, NOW.plusSeconds(32)));
        assertThat(resumed.pipelineToStart()).as("the suspended pipeline, not the first").isEqualTo(1);
        assertThat(resumed.status().condition("Reconciled")).isEmpty();
        var report = resumed.status().getKratix().getWorkflows().getPipelines().get(1);
        assertThat(report.getPhase()).isEqualTo("Running");
        assertThat(report.getAttempts()).as("kept, so a further retry counts on").isEqualTo(1);
        assertThat(report.getNextRetryAt()).isNull();

        List<JobSummary> rerunning = new ArrayList<>(jobs);
        rerunning.add(job("j3", "report", 3, JobState.RUNNING));
        ConfigurePlan waiting = RequestRules.configure(input(labelled(resumed.status()), rerunning, true));
        assertThat(waiting.step()).isEqualTo(new Step.Wait("j3"));
        assertThat(waiting.status().getKratix().getWorkflows().getPipelines().get(1).getAttempts()).isEqualTo(1);
    }

    @Test
    void resumingTheFirstPipelineDoesNotWaitForARolloutSlot() {
        RequestState request = labelled(suspendedAt("render", null, null, null));

        ConfigurePlan plan = RequestRules.configure(input(request, List.of(job("j1", "render", 1, JobState.SUCCEEDED)),
                false));

        assertThat(plan.deferred()).isFalse();
        assertThat(plan.pipelineToStart()).isZero();
    }

    @Test
    void manualReconciliationOrASpecChangeWhileSuspendedRestartsFromTheFirstPipeline() {
        ResourceRequestStatus suspended = suspendedAt("report", "waiting", null, null);
        Map<String, String> restart = new LinkedHashMap<>();
        restart.put(KratixLabels.WORKFLOW_SUSPENDED, null);
        restart.put(KratixLabels.RUN_FROM_START, "true");

        ConfigurePlan manual = RequestRules.configure(input(suspendedRequest(1L, suspended,
                Map.of(KratixLabels.MANUAL_RECONCILIATION, "true")), completedJobs(), true));
        ConfigurePlan specChanged = RequestRules.configure(input(suspendedRequest(2L, suspended, Map.of()),
                completedJobs(), true));

        assertThat(manual.labels()).isEqualTo(restart);
        assertThat(specChanged.labels()).isEqualTo(restart);
        assertThat(manual.pipelineToStart()).isEqualTo(-1);

        RequestState rerun = new RequestState("ns/orders", 2L, Map.of(KratixLabels.PROMISE_NAME, "db",
                KratixLabels.RUN_FROM_START, "true"), ALL_FINALIZERS, false, suspended);
        ConfigurePlan started = RequestRules.configure(input(rerun, completedJobs(), true));
        assertThat(started.pipelineToStart()).isZero();
        assertThat(started.status().phases()).containsExactly(Map.entry("render", "Running"),
                Map.entry("report", "Pending"));
    }

    /** What the status writer leaves after {@code pipeline} suspended: earlier pipelines Succeeded, later Pending. */
    static ResourceRequestStatus suspendedAt(String pipeline, String message, String nextRetryAt, Integer attempts) {
        ResourceRequestStatus status = status("Pending", "False", "PipelinesInProgress");
        Map<String, String> phases = new LinkedHashMap<>();
        phases.put("render", "render".equals(pipeline) ? "Suspended" : "Succeeded");
        phases.put("report", "render".equals(pipeline) ? "Pending" : "Suspended");
        status.setPhases(phases);
        status.workflowsStatus().getPipelines().stream().filter(p -> pipeline.equals(p.getName())).forEach(p -> {
            p.setMessage(message);
            p.setNextRetryAt(nextRetryAt);
            p.setAttempts(attempts);
        });
        status.workflowsStatus().setSuspendedGeneration(1L);
        return status;
    }

    static RequestState suspendedRequest(long generation, ResourceRequestStatus status, Map<String, String> more) {
        Map<String, String> labels = new LinkedHashMap<>(more);
        labels.put(KratixLabels.PROMISE_NAME, "db");
        labels.put(KratixLabels.WORKFLOW_SUSPENDED, "true");
        return new RequestState("ns/orders", generation, labels, ALL_FINALIZERS, false, status);
    }

    // ---- helpers

    ConfigureInput input(RequestState request, List<JobSummary> jobs, boolean slotFree) {
        return new ConfigureInput(request, twoPipelines, HASH, jobs, slotFree, List.of(), null, NOW);
    }

    static RequestState request(Map<String, String> labels, List<String> finalizers, Map<String, Object> status) {
        return new RequestState("ns/orders", 1L, labels, finalizers, false, ResourceRequestStatus.from(status));
    }

    static RequestState labelled() {
        return request(Map.of(KratixLabels.PROMISE_NAME, "db"), ALL_FINALIZERS, Map.of());
    }

    static RequestState labelled(ResourceRequestStatus status) {
        return request(Map.of(KratixLabels.PROMISE_NAME, "db"), ALL_FINALIZERS, status.toMap());
    }

    static RequestState deleting(List<String> finalizers) {
        return new RequestState("ns/orders", 1L, Map.of(KratixLabels.PROMISE_NAME, "db"), finalizers, true,
                new ResourceRequestStatus());
    }

    static ResourceRequestStatus status(String message, String completed, String reason) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("message", message);
        status.put("conditions", List.of(Map.of("type", "ConfigureWorkflowCompleted", "status", completed,
                "reason", reason, "message", message, "lastTransitionTime", "2026-12-01T11:00:00Z")));
        return ResourceRequestStatus.from(status);
    }

    static ResourceRequestStatus completedStatus(String message) {
        ResourceRequestStatus status = status(message, "True", "PipelinesExecutedSuccessfully");
        status.setObservedGeneration(1L);
        status.setWorkflows(2L);
        status.setWorkflowsSucceeded(2L);
        status.setWorkflowsFailed(0L);
        Map<String, String> phases = new LinkedHashMap<>();
        phases.put("render", "Succeeded");
        phases.put("report", "Succeeded");
        status.setPhases(phases);
        return status;
    }

    static List<JobSummary> completedJobs() {
        return List.of(job("j1", "render", 1, JobState.SUCCEEDED), job("j2", "report", 2, JobState.SUCCEEDED));
    }

    static JobSummary job(String name, String pipeline, int minute, JobState state) {
        return job(name, pipeline, minute, state, HASH);
    }

    static JobSummary job(String name, String pipeline, int minute, JobState state, String hash) {
        return new JobSummary(name, pipeline, hash, NOW.minusSeconds(3600).plusSeconds(60L * minute), state);
    }

    static io.fabric8.kubernetes.api.model.Condition condition(ResourceRequestStatus status) {
        return status.condition("ConfigureWorkflowCompleted").orElseThrow();
    }

    /** The in-Job status writer of one pipeline: the render pipeline says where the database is. */
    static Map<String, Object> statusWriter(Map<String, Object> status, String pipeline, boolean last) {
        Map<String, Object> file = "report".equals(pipeline)
                ? Map.of("message", "rendered v1", "endpoint", "db.example.org") : Map.of();
        return WorkflowStatus.pipelineSucceeded(WorkflowStatus.merge(status, file), WorkflowType.RESOURCE, pipeline,
                last, "2026-12-01T12:01:00Z");
    }

    /** What the API server does with a JSON merge patch (RFC 7386). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        if (patch == null) {
            return result;
        }
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> map && result.get(key) instanceof Map<?, ?> existing) {
                result.put(key, mergePatch((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
