package dev.pledge.requests;

import dev.pledge.workflow.WorkflowProgress.JobSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one reconcile of a request's configure workflow knows, all of it from informer caches.
 *
 * @param hash the desired-state hash of the request now (Promise spec and request spec)
 * @param jobs the request's configure Jobs
 * @param slotFree whether a new run may start under the Promise's rollout limit
 * @param destinations the Destinations the request's Works were placed on
 * @param failureReason why the failed Job's Pod failed, when the controller looked it up (see
 *        {@link ConfigurePlan#wantsFailureReason()}); else null
 * @param failedAttempts the failed Pods of each of the request's Jobs that has any, by Job name
 */
public record ConfigureInput(RequestState request, PromiseWorkflows promise, String hash, List<JobSummary> jobs,
        boolean slotFree, List<String> destinations, String failureReason, Instant now,
        Map<String, FailedAttempts> failedAttempts) {
    public ConfigureInput {
        jobs = List.copyOf(jobs);
        destinations = List.copyOf(destinations);
        failedAttempts = failedAttempts == null ? Map.of() : Map.copyOf(failedAttempts);
    }

    /** Without failed Pods. */
    public ConfigureInput(RequestState request, PromiseWorkflows promise, String hash, List<JobSummary> jobs,
            boolean slotFree, List<String> destinations, String failureReason, Instant now) {
        this(request, promise, hash, jobs, slotFree, destinations, failureReason, now, Map.of());
    }

    public ConfigureInput withFailureReason(String reason) {
        return new ConfigureInput(request, promise, hash, jobs, slotFree, destinations, reason, now, failedAttempts);
    }
}
