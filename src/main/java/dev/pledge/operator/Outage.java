package dev.pledge.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to say about an API server that stopped answering after the operator started: once when it goes, once a
 * minute while it stays away, once when it is back. The informers keep retrying on their own; this only keeps the
 * log readable. Pure: the caller probes and logs.
 */
public final class Outage {
    static final Duration SAY_EVERY = Duration.ofMinutes(1);

    private final String server;
    private Instant since;
    private Instant lastSaid;

    public Outage(String server) {
        this.server = server;
    }

    /**
     * @param failure why the last probe failed, or empty when the server answered
     * @return the line to log now, if any
     */
    public Optional<String> observe(Instant now, Optional<String> failure) {
        if (failure.isEmpty()) {
            if (since == null) {
                return Optional.empty();
            }
            String back = "Kubernetes API server " + server + " is reachable again after " + human(since, now);
            since = null;
            lastSaid = null;
            return Optional.of(back);
        }
        if (since == null) {
            since = now;
            lastSaid = now;
            return Optional.of("Kubernetes API server " + server + " is unreachable (" + failure.get()
                    + "); retrying, and saying so once a minute");
        }
        if (Duration.between(lastSaid, now).compareTo(SAY_EVERY) >= 0) {
            lastSaid = now;
            return Optional.of("Kubernetes API server " + server + " still unreachable after " + human(since, now)
                    + " (" + failure.get() + "); retrying");
        }
        return Optional.empty();
    }

    public boolean ongoing() {
        return since != null;
    }

    private static String human(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }
}
