package dev.pledge.statestore;

import java.time.Duration;

/**
 * Told about every round a store's {@link CoalescingWriter} runs, where batches form: one call per Git commit or S3
 * round, with the number of placements it carried. The metrics are one implementation; nothing else in
 * {@code statestore} knows about them.
 */
@FunctionalInterface
public interface RoundObserver {
    RoundObserver NONE = (kind, store, placements, succeeded, took) -> {
    };

    /**
     * @param placements placements written or removed in the round (canary-only rounds carry none)
     * @param took       from the round's start to its push (or failure), without the time callers queued
     */
    void roundEnded(String kind, String store, int placements, boolean succeeded, Duration took);
}
