/**
 * The scheduling rules: which Destinations receive which documents. Pure Java values and functions, no Kubernetes
 * client and no I/O, so the Work controller, the in-Job work creator and {@code plan} all ask the same code.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * // 1. the Promise's defaults (and, for resource requests, what its configure workflow chose)
 * SchedulingDefaults defaults = SchedulingDefaults.ofPromise(promiseMatchLabels)
 *         .withPromiseWorkflow(DestinationSelectorsFile.parse(promiseWorkflowSelectorsText));
 *
 * // 2. a workflow's output as workload groups (throws InvalidSchedulingInput with a one-line reason)
 * List<WorkloadGroup> groups = WorkloadGrouping.group(WorkKind.RESOURCE_WORKFLOW, outputFiles,
 *         DestinationSelectorsFile.parse(selectorsText), defaults);
 *
 * // 3. decide against a snapshot of the Destinations and the existing placements of each group
 * Scheduler scheduler = new Scheduler(DestinationIndex.of(destinationViews));
 * Decision decision = scheduler.decide(WorkKind.RESOURCE_WORKFLOW, groups.get(0), placedOn);
 * decision.targets();   // where placements should be now
 * decision.orphaned();  // placements to label kratix.io/orphaned=true and stop updating
 * }</pre>
 *
 * <h2>The rules, where they live</h2>
 * <ul>
 *   <li>{@link dev.pledge.scheduling.EffectiveSelector}: merging (first entry of a source wins; Promise beats
 *       promise workflow beats resource workflow) and matching (equality on every pair; no selector matches every
 *       Destination except strict ones), with a reason for every mismatch.</li>
 *   <li>{@link dev.pledge.scheduling.DestinationSelectorsFile}: the destination-selectors.yaml format and its
 *       checks.</li>
 *   <li>{@link dev.pledge.scheduling.WorkloadGrouping} and {@link dev.pledge.scheduling.SchedulingDefaults}: which
 *       files form which group and which selectors each group gets, including the promise workflow's default
 *       carried to resource requests.</li>
 *   <li>{@link dev.pledge.scheduling.Scheduler}: {@code all} versus {@code one}, sticky resource placements and
 *       orphans.</li>
 *   <li>{@link dev.pledge.scheduling.DestinationIndex}: Destinations indexed by label; build one per change of
 *       the Destination set.</li>
 * </ul>
 */
package dev.pledge.scheduling;
