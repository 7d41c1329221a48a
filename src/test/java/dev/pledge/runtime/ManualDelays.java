package dev.pledge.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Delays that wait for the test: records each requested delay and runs the actions when told to. */
final class ManualDelays implements Delays {
    private final List<Duration> requested = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable action) {
        requested.add(delay);
        pending.add(action);
    }

    synchronized List<Duration> requested() {
        return List.copyOf(requested);
    }

    synchronized int pending() {
        return pending.size();
    }

    /** Lets every delay scheduled so far pass. */
    void elapse() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(pending);
            pending.clear();
        }
        due.forEach(Runnable::run);
    }

    @Override
    public void close() {
    }
}
