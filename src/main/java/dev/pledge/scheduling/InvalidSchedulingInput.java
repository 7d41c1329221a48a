package dev.pledge.scheduling;

/**
 * Workflow output that cannot be scheduled: a malformed destination-selectors.yaml, or one naming a directory the
 * output does not have. The message is one line, names the problem and leaves naming the file to the caller.
 */
public final class InvalidSchedulingInput extends RuntimeException {

    public InvalidSchedulingInput(String message) {
        super(message);
    }
}
