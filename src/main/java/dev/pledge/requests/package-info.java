/**
 * The rules of resource requests, as pure functions of informer caches (no Kubernetes client). Where each lives,
 * all in {@link dev.pledge.requests.RequestRules}, each tested under its name in {@code RequestRulesTest}:
 * <ul>
 * <li><b>finalizers and promise label</b>: a live request carries {@code kratix.io/work-cleanup},
 * {@code kratix.io/workflows-cleanup}, {@code kratix.io/delete-workflows} (with a delete pipeline) and
 * {@code kratix.io/promise-name} ({@code missingFinalizers}, {@code needsPromiseLabel});</li>
 * <li><b>what to run next</b>: pipelines in order, a running Job waited for, a changed desired state or
 * {@code kratix.io/manual-reconciliation} starts again from the first pipeline, the label goes once the run
 * starts ({@code configure}, with {@code workflow.WorkflowProgress});</li>
 * <li><b>reconcile-resources</b>: the Promise's label puts {@code internal.workflows.kratix.io/run-from-start} on
 * every request, which then runs again like a manual reconciliation ({@code rerunAsked});</li>
 * <li><b>rollout limit</b>: at most N requests of a Promise run their configure workflow at once; the others wait
 * ({@code slotFree}, {@code configure}); a new request, whose workflow never ran, never waits ({@code firstRun});</li>
 * <li><b>periodic re-run</b>: a workflow completed longer ago than the Promise's reconciliation interval runs again
 * ({@code rerunDue}; the interval is {@code workflow.ReconciliationInterval}'s);</li>
 * <li><b>requests wait for required Promises</b>: while the Promise's {@code requiredPromises} are not met,
 * nothing starts and the request is Pending with {@code PromiseAvailable=False}; it starts on its own once they
 * are ({@code configure}, with {@code promise.Requirements});</li>
 * <li><b>complete</b>: the last pipeline's Job for the current desired state succeeded ({@code complete});</li>
 * <li><b>status</b>: the controller's fields and the hand-over of message and condition, as
 * {@link dev.pledge.api.ResourceRequestStatus} describes ({@code configure});</li>
 * <li><b>keep newest Jobs</b>: each pipeline keeps its newest N Jobs, never deleting a running one
 * ({@code configure}, with {@code workflow.WorkflowProgress.expired});</li>
 * <li><b>resource.delete</b>: the delete pipeline, then the Works, then the finalizers ({@code delete});</li>
 * <li><b>pause</b>: {@code kratix.io/paused: "true"} on the request or its Promise: Reconciled=Unknown
 * PausedReconciliation and nothing else; un-pausing runs again from the first pipeline ({@code paused},
 * {@code pausedStatus}, {@code unpausing}, {@code configure});</li>
 * <li><b>failed attempts</b>: while a Job retries, its pipeline's entry shows how many attempts failed and why,
 * with one warning each ({@code failedAttempts});</li>
 * <li><b>workflow control</b>: a pipeline that suspended its workflow or asked for a retry
 * ({@code kratix.io/workflow-suspended}) holds it: Reconciled=Unknown/WorkflowSuspended, nothing starts, looked at
 * again at {@code nextRetryAt}; a due retry or the label's removal resumes the suspended pipeline, a manual
 * reconciliation or a spec change restarts from the first; a suspended delete pipeline holds the deletion
 * ({@code configure}, {@code delete}, with {@code workflow.Suspension});</li>
 * <li><b>removed pipelines</b>: Jobs of a pipeline the Promise no longer has are pruned, none kept
 * ({@code configure}, with {@code workflow.WorkflowProgress.expired}).</li>
 * </ul>
 * The effects (Jobs started, patches, events) are {@code controller.ResourceRequestController}'s.
 */
package dev.pledge.requests;
