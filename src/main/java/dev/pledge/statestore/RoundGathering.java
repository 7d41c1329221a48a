package dev.pledge.statestore;

import java.time.Duration;

/**
 * How long a state store round gathers submissions before it starts. A round starts once no submission has arrived
 * for {@code quiet}, or once its oldest submission has waited {@code maxWait}, whichever comes first, and never
 * before the store's previous round has ended. A lone write therefore waits {@code quiet}; a burst is cut into
 * rounds about {@code maxWait} apart (or a round's length apart, if rounds take longer), so its commits are few.
 *
 * @param quiet   how long without a new submission ends the gathering
 * @param maxWait the most the oldest submission waits for the gathering (the round's own length comes on top)
 */
public record RoundGathering(Duration quiet, Duration maxWait) {

    /** Rounds start as soon as the store is free: the gathering is only what arrives during the previous round. */
    public static final RoundGathering NONE = new RoundGathering(Duration.ZERO, Duration.ZERO);

    public RoundGathering {
        if (quiet.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("round gathering times must not be negative: quiet " + quiet
                    + ", max wait " + maxWait);
        }
    }

    /** When a gathering that opened at {@code firstNanos} and last grew at {@code lastNanos} ends (nanoTime). */
    long dueNanos(long firstNanos, long lastNanos) {
        return Math.min(lastNanos + quiet.toNanos(), firstNanos + maxWait.toNanos());
    }
}
