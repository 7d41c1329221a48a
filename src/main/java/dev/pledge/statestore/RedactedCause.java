package dev.pledge.statestore;

/**
 * Stands in for a library exception as the cause of a {@link StateStoreException}: same class name, message
 * and stack trace, but with secret values removed, so that logging the full chain leaks nothing.
 */
public final class RedactedCause extends RuntimeException {

    private RedactedCause(String message, StackTraceElement[] trace, Throwable cause) {
        super(message, cause, false, true);
        setStackTrace(trace);
    }

    public static RedactedCause of(Throwable failure, SecretData secret) {
        return build(failure, secret, 0);
    }

    private static RedactedCause build(Throwable failure, SecretData secret, int depth) {
        Throwable next = failure.getCause();
        RedactedCause cause = next == null || next == failure || depth > 10 ? null : build(next, secret, depth + 1);
        String message = failure.getClass().getName() + ": " + secret.redact(String.valueOf(failure.getMessage()));
        return new RedactedCause(message, failure.getStackTrace(), cause);
    }
}
