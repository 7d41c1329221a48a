/**
 * The rules of a Promise, as pure functions (no Kubernetes client). Where each lives, each tested under its name
 * ({@code PromiseRulesTest}, {@code RequirementsTest}; the status they add up to in
 * {@code controller.PromiseStatusAggregatorTest}):
 * <ul>
 * <li><b>the API</b>: {@code spec.api} becomes a CRD with Kratix's rewrite, labelled with the Promise's name
 * ({@link dev.pledge.promise.PromiseApi});</li>
 * <li><b>static dependencies</b>: {@code spec.dependencies} become one Work, there only while the Promise has
 * dependencies ({@link dev.pledge.promise.StaticDependencies});</li>
 * <li><b>requiredPromises</b>: each required Promise exists, at the asked version, and is Available
 * ({@link dev.pledge.promise.Requirements});</li>
 * <li><b>what promise.configure runs next</b>: pipelines in order, a running Job waited for, a changed spec starts
 * again from the first pipeline, a failed pipeline stops the workflow ({@link dev.pledge.promise.PromiseRules#configure});</li>
 * <li><b>manual reconciliation</b>: {@code kratix.io/manual-reconciliation} runs again from the first pipeline; the
 * label goes once the run starts ({@code configure});</li>
 * <li><b>periodic re-run</b>: a workflow completed longer ago than the reconciliation interval runs again
 * ({@code rerunDue}; the interval is {@code workflow.ReconciliationInterval}'s);</li>
 * <li><b>un-pausing</b>: coming back from {@code kratix.io/paused} runs again from the first pipeline
 * ({@code configure});</li>
 * <li><b>keep newest Jobs, removed pipelines</b>: each pipeline keeps its newest N Jobs, a pipeline the Promise
 * no longer has keeps none, a running Job is never deleted ({@code configure}, with
 * {@code workflow.WorkflowProgress.expired});</li>
 * <li><b>workflow control</b>: a pipeline that suspended the workflow ({@code workflow-control.yaml}) holds it,
 * nothing starts; a due retry or the label removed by hand resumes from the suspended pipeline, a manual
 * reconciliation, un-pausing or a spec change restarts from the first ({@code configure} with {@link dev.pledge.promise.PromiseRules.Shown},
 * decided by {@code workflow.Suspension});</li>
 * <li><b>promise.delete</b>: its first pipeline runs once on deletion, before anything else goes; a delete
 * pipeline that suspended holds the deletion until its label goes or its retry falls due
 * ({@link dev.pledge.promise.PromiseRules#delete}).</li>
 * </ul>
 * The effects (the CRD applied, Jobs started and deleted, labels removed, the status written) are
 * {@code controller.PromiseReconciler}'s; the status is computed in one place, {@code controller.PromiseStatusAggregator}.
 */
package dev.pledge.promise;
