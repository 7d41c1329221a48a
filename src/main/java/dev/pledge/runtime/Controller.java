package dev.pledge.runtime;

import dev.pledge.metrics.ControllerMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A controller started at run time (the Operator SDK cannot add controllers after start, nor take a generic primary):
 * a {@link WorkQueue} of object keys, N workers, a retry with {@link Backoff} for keys whose reconcile failed, a
 * {@link LeaderGate} the workers wait at, and {@link ControllerMetrics}. The rules live in the {@link Reconciler};
 * this class is only the plumbing, and the informers that feed it are made elsewhere and attached with
 * {@link #handler}.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Controller.class);
    private static final long POLL_MILLIS = 200;

    /** The rules of one kind: reconciles the object with this key (typically {@code namespace/name}). */
    @FunctionalInterface
    public interface Reconciler {
        Result reconcile(String key) throws Exception;
    }

    /** How a controller runs; {@code delays} is the clock of its retries and requeues. */
    public record Settings(String name, int workers, Backoff backoff, LeaderGate gate, Delays delays) {
    }

    private final Settings settings;
    private final Reconciler reconciler;
    private final ControllerMetrics metrics;
    private final WorkQueue queue = new WorkQueue();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    public Controller(Settings settings, Reconciler reconciler, Function<WorkQueue, ControllerMetrics> metrics) {
        this.settings = settings;
        this.reconciler = reconciler;
        this.metrics = metrics.apply(queue);
    }

    public synchronized Controller start() {
        if (running) {
            return this;
        }
        running = true;
        for (int i = 0; i < Math.max(1, settings.workers()); i++) {
            Thread worker = new Thread(this::work, settings.name() + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return this;
    }

    public void enqueue(String key) {
        queue.add(key);
    }

    public void enqueueAfter(String key, Duration delay) {
        settings.delays().schedule(delay, () -> queue.add(key));
    }

    /** Consecutive failures of {@code key} so far: what its next backoff is computed from. */
    public int failures(String key) {
        return failures.getOrDefault(key, 0);
    }

    /**
     * Turns an informer's events into keys of this controller: {@code keys} says which objects an event wakes
     * (none, one or many), {@code changed} filters updates to the ones that matter.
     */
    public <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, List<String>> keys,
            BiPredicate<T, T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                keys.apply(object).forEach(Controller.this::enqueue);
            }

            @Override
            public void onUpdate(T before, T after) {
                if (changed.test(before, after)) {
                    keys.apply(after).forEach(Controller.this::enqueue);
                }
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                keys.apply(object).forEach(Controller.this::enqueue);
            }
        };
    }

    private void work() {
        while (running) {
            try {
                if (!settings.gate().awaitOpen(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Optional<String> next = queue.take(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next.isEmpty()) {
                    continue;
                }
                String key = next.get();
                if (!settings.gate().isOpen()) {
                    // lost the lead between taking and starting: leave the key for whoever leads next
                    queue.done(key);
                    queue.add(key);
                    continue;
                }
                try {
                    reconcileOnce(key);
                } finally {
                    queue.done(key);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reconcileOnce(String key) {
        long started = System.nanoTime();
        Result result;
        try {
            result = reconciler.reconcile(key);
        } catch (Exception e) {
            metrics.reconciled(Duration.ofNanos(System.nanoTime() - started));
            metrics.failed();
            int failed = failures.merge(key, 1, Integer::sum);
            Duration wait = settings.backoff().after(failed);
            LOG.warnf("%s: reconciling %s failed (attempt %d), retrying in %s: %s", settings.name(), key, failed,
                    wait, e.getMessage());
            LOG.debugf(e, "%s: %s failed", settings.name(), key);
            metrics.retried();
            enqueueAfter(key, wait);
            return;
        }
        metrics.reconciled(Duration.ofNanos(System.nanoTime() - started));
        failures.remove(key);
        if (result != null && result.requeueAfter() != null) {
            enqueueAfter(key, result.requeueAfter());
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        queue.shutDown();
        workers.forEach(Thread::interrupt);
        workers.clear();
        settings.delays().close();
        metrics.close();
    }
}
