package dev.pledge.runtime;

import java.time.Duration;

/**
 * How long a failing key waits before its next attempt: {@code base} after the first failure, doubling with each
 * further failure, never more than {@code cap}. A success forgets the failures.
 */
public record Backoff(Duration base, Duration cap) {
    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The wait after {@code failures} consecutive failures (1 = the first). */
    public Duration after(int failures) {
        if (failures <= 1) {
            return base;
        }
        // past 2^30 times the base every sensible cap is reached; stop doubling before the long overflows
        int doublings = Math.min(failures - 1, 30);
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis >= cap.toMillis() ? cap : Duration.ofMillis(millis);
    }
}
