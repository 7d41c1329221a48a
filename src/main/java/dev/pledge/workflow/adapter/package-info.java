/**
 * The pipeline adapter: the sub-commands Pledge's own image runs inside every workflow Job, around the user's
 * containers (Kratix's Job contract, {@code kratix-reference.md} §3.5–3.6).
 *
 * <ul>
 *   <li>{@code reader} fetches the object the workflow runs for into {@code /kratix/input/object.yaml};</li>
 *   <li>{@code work-creator} turns {@code /kratix/output} and {@code destination-selectors.yaml} into one Work,
 *       asking {@link dev.pledge.scheduling.WorkloadGrouping} which files go together;</li>
 *   <li>{@code update-status} merges {@code /kratix/metadata/status.yaml} into the object's status and marks the
 *       workflow complete after its last pipeline.</li>
 * </ul>
 * Everything they need comes from the {@code KRATIX_*} environment ({@link dev.pledge.workflow.adapter.AdapterEnv})
 * and the command-line flags; a malformed metadata file is reported on the object's status and fails the
 * container with one line on stderr.
 */
package dev.pledge.workflow.adapter;
