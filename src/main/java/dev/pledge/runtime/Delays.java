package dev.pledge.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs something later: the clock of a controller's retries and requeues, replaceable in tests. */
public interface Delays extends AutoCloseable {

    void schedule(Duration delay, Runnable action);

    @Override
    void close();

    /** One daemon thread that runs every delayed action. */
    static Delays onThread(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        return new Delays() {
            @Override
            public void schedule(Duration delay, Runnable action) {
                if (!executor.isShutdown()) {
                    executor.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
