package dev.pledge.statestore;

/**
 * A state-store operation failed. The message is one line meant for a condition or an event: it names the store,
 * what went wrong and what to check, and never contains a secret.
 */
public class StateStoreException extends Exception {

    /** Why it failed, so that callers can decide whether retrying can help. */
    public enum Reason {
        AUTHENTICATION, HOST_KEY, NOT_FOUND, UNREACHABLE, CONFLICT, INVALID_CONFIGURATION, UNSAFE_PATH, IO
    }

    private final Reason reason;

    public StateStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StateStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Failures that may go away by themselves: the server is down or someone else kept winning the race. */
    public boolean isTransient() {
        return reason == Reason.UNREACHABLE || reason == Reason.CONFLICT || reason == Reason.IO;
    }
}
