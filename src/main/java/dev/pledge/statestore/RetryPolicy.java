package dev.pledge.statestore;

import java.time.Duration;

/**
 * How often and how patiently a writer retries a server that does not answer, and how many times it re-applies a
 * batch on top of a remote head that moved under it.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, int conflictAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(4), 20);

    public RetryPolicy {
        if (attempts < 1 || conflictAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The pause before retry number {@code retry} (1-based): doubling, capped. */
    public Duration delayBefore(int retry) {
        long millis = firstDelay.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    public void sleepBefore(int retry) throws StateStoreException {
        try {
            Thread.sleep(delayBefore(retry).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException(StateStoreException.Reason.IO, "interrupted while waiting to retry");
        }
    }
}
