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
 * <p>Each caller's paths are checked before it joins a round, so a bad path fails only its own caller.
 */
public final class CoalescingWriter implements StateStoreWriter {

    private record Pending(StateStoreBatch batch, CompletableFuture<WriteResult> result) {
    }

    private final StateStoreWriter delegate;
    private final Executor executor;
    private final Object queueLock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean draining;

    public CoalescingWriter(StateStoreWriter delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
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
                if (queue.isEmpty()) {
                    draining = false;
                    return;
                }
                round = queue;
                queue = new ArrayList<>();
            }
            try {
                WriteResult result = delegate.apply(StateStoreBatch.merge(round.stream().map(Pending::batch).toList()));
                round.forEach(p -> p.result().complete(result));
            } catch (StateStoreException | RuntimeException e) {
                round.forEach(p -> p.result().completeExceptionally(e));
            }
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
