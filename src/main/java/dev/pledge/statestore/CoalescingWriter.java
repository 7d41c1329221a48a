package dev.pledge.statestore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Group commit for one store: batches submitted while a round is running wait together and go out as the next
 * round, as one merged batch (one commit and push, or one round of S3 calls). Rounds for one store never overlap;
 * stores each have their own instance and proceed in parallel on the shared executor.
 *
 * <p>A round also gathers for a short while before it starts ({@link RoundGathering}): placements of a burst
 * arrive over many seconds, and without it a round started by the first of them would carry few.
 *
 * <p>Each caller's paths are checked before it joins a round, so a bad path fails only its own caller.
 */
public final class CoalescingWriter implements StateStoreWriter {

    private record Pending(StateStoreBatch batch, CompletableFuture<WriteResult> result) {
    }

    private final StateStoreWriter delegate;
    private final Executor executor;
    private final RoundGathering gathering;
    private final Observed observed;
    private final Object queueLock = new Object();
    private List<Pending> queue = new ArrayList<>();
    /** System.nanoTime() of the queue's oldest and newest submission. */
    private long firstQueued;
    private long lastQueued;
    private boolean draining;

    public CoalescingWriter(StateStoreWriter delegate, Executor executor) {
        this(delegate, executor, RoundGathering.NONE);
    }

    public CoalescingWriter(StateStoreWriter delegate, Executor executor, RoundGathering gathering) {
        this(delegate, executor, gathering, new Observed("", "", RoundObserver.NONE));
    }

    /** Which store this writes, as the observer names it, and the observer told about each round. */
    public record Observed(String kind, String store, RoundObserver observer) {
    }

    public CoalescingWriter(StateStoreWriter delegate, Executor executor, RoundGathering gathering, Observed observed) {
        this.delegate = delegate;
        this.executor = executor;
        this.gathering = gathering;
        this.observed = observed;
    }

    /** Queues the batch for the next round; the future completes when that round is pushed or has failed. */
    public CompletableFuture<WriteResult> submit(StateStoreBatch batch) {
        try {
            StateStoreLayout.validate(batch);
        } catch (UnsafePathException e) {
            return CompletableFuture.failedFuture(e);
        }
        Pending pending = new Pending(batch, new CompletableFuture<>());
        synchronized (queueLock) {
            lastQueued = System.nanoTime();
            if (queue.isEmpty()) {
                firstQueued = lastQueued;
            }
            queue.add(pending);
            if (!draining) {
                draining = true;
                executor.execute(this::drain);
            }
        }
        return pending.result();
    }

    @Override
    public WriteResult apply(StateStoreBatch batch) throws StateStoreException {
        try {
            return submit(batch).get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof StateStoreException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException(StateStoreException.Reason.IO, "interrupted while waiting for the write");
        }
    }

    private void drain() {
        while (true) {
            List<Pending> round;
            synchronized (queueLock) {
                awaitGathering();
                if (queue.isEmpty()) {
                    draining = false;
                    return;
                }
                round = queue;
                queue = new ArrayList<>();
            }
            StateStoreBatch merged = StateStoreBatch.merge(round.stream().map(Pending::batch).toList());
            long started = System.nanoTime();
            try {
                WriteResult result = delegate.apply(merged);
                observe(merged, true, started);
                round.forEach(p -> p.result().complete(result));
            } catch (StateStoreException | RuntimeException e) {
                observe(merged, false, started);
                round.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    /**
     * Waits (holding the queue's monitor, which {@code wait} releases) until the queued submissions' gathering has
     * ended. A new submission only moves the end later, so nothing needs to wake this thread early. Interrupted
     * (the executor is shutting down), it stops waiting and lets the round go.
     */
    private void awaitGathering() {
        while (!queue.isEmpty()) {
            long left = gathering.dueNanos(firstQueued, lastQueued) - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                queueLock.wait(Math.max(1, (left + 999_999) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void observe(StateStoreBatch round, boolean succeeded, long started) {
        try {
            observed.observer().roundEnded(observed.kind(), observed.store(),
                    round.writes().size() + round.removals().size(), succeeded,
                    java.time.Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            // a failing observer must not fail the writes it observes
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) throws StateStoreException {
        return delegate.readFile(path);
    }

    @Override
    public void checkPermissions() throws StateStoreException {
        delegate.checkPermissions();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
