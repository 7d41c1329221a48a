package dev.pledge.runtime;

import java.time.Duration;

/** How a reconcile ended: done, or to be looked at again after {@code requeueAfter}. */
public record Result(Duration requeueAfter) {
    private static final Result DONE = new Result(null);

    public static Result done() {
        return DONE;
    }

    public static Result after(Duration delay) {
        return new Result(delay);
    }
}
