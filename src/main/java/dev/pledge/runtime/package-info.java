/**
 * The small runtime of controllers Pledge starts while it runs (one per Promise API): plumbing only, no rules.
 * <ul>
 * <li>{@link dev.pledge.runtime.WorkQueue}: one entry per key, never two workers on one key;</li>
 * <li>{@link dev.pledge.runtime.Backoff}: exponential retry delay with a cap;</li>
 * <li>{@link dev.pledge.runtime.LeaderGate}: workers reconcile only while this process leads;</li>
 * <li>{@link dev.pledge.runtime.Controller}: N workers over the queue, retries, requeues and
 * {@link dev.pledge.metrics.ControllerMetrics}.</li>
 * </ul>
 */
package dev.pledge.runtime;
