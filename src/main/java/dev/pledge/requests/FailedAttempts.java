package dev.pledge.requests;

/**
 * The failed Pods of one pipeline Job: each is an attempt the Job controller retries until the Job's
 * {@code backoffLimit}.
 *
 * @param count how many of the Job's Pods failed
 * @param message why the newest of them failed, in its Pod's words (the failed container and its exit code), or null
 */
public record FailedAttempts(int count, String message) {
}
