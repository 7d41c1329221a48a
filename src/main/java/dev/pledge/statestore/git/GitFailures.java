package dev.pledge.statestore.git;

import dev.pledge.statestore.RedactedCause;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Turns what JGit and JSch throw into one-line messages a platform engineer can act on. The library's own text
 * is matched only to pick the reason; what reaches the message is redacted of every secret value.
 */
final class GitFailures {
    private final String store;
    private final String url;
    private final SecretData secret;

    GitFailures(String store, String url, SecretData secret) {
        this.store = store;
        this.url = url;
        this.secret = secret;
    }

    StateStoreException classify(String operation, Throwable failure) {
        String text = chainText(failure).toLowerCase(Locale.ROOT);
        String secretName = "Secret " + secret.describe();
        if (text.contains("hostkey") || text.contains("host key")) {
            return new StateStoreException(Reason.HOST_KEY, store + ": the host key of " + url
                    + " is not in key 'knownHosts' of " + secretName
                    + " (or does not match it); add the server's key, e.g. from ssh-keyscan", RedactedCause.of(failure, secret));
        }
        if (text.contains("auth fail") || text.contains("auth cancel") || text.contains("userauth fail")) {
            return new StateStoreException(Reason.AUTHENTICATION, store + ": " + url
                    + " refused the SSH key in key 'sshPrivateKey' of " + secretName
                    + "; add its public key to the server", RedactedCause.of(failure, secret));
        }
        if (text.contains("not authorized") || text.contains("authentication is required")
                || text.contains("authentication failed")) {
            return new StateStoreException(Reason.AUTHENTICATION, store + ": " + url
                    + " refused the username/password in " + secretName + " (HTTP 401); check keys 'username'"
                    + " and 'password'", RedactedCause.of(failure, secret));
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)
                || has(failure, UnknownHostException.class) || has(failure, SocketTimeoutException.class)
                || text.contains("connection refused") || text.contains("connection failed")
                || text.contains("connection reset") || text.contains("session is down")
                || text.contains("unknownhost") || text.contains("timed out") || text.contains("timeout")) {
            return new StateStoreException(Reason.UNREACHABLE, store + ": cannot reach " + url + " during "
                    + operation + " (" + firstLine(rootCause(failure)) + ")", RedactedCause.of(failure, secret));
        }
        if (text.contains("not found") || text.contains("does not appear to be a git repository")
                || text.contains("not exported")) {
            return new StateStoreException(Reason.NOT_FOUND, store + ": no Git repository at " + url, RedactedCause.of(failure, secret));
        }
        return new StateStoreException(Reason.IO, store + ": git " + operation + " on " + url + " failed: "
                + firstLine(failure), RedactedCause.of(failure, secret));
    }

    private String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return secret.redact(message.lines().findFirst().orElse(""));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
