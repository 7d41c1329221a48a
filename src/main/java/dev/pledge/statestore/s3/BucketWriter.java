package dev.pledge.statestore.s3;

import dev.pledge.statestore.BatchPlanner;
import dev.pledge.statestore.ChangeSet;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Writes a batch to a bucket as one round: one listing per Destination directory, uploads of new or changed
 * objects only (ETag = MD5), run a few at a time, then one multi-object delete. A bucket has no history, so the
 * version id is empty. A server that does not answer is retried with backoff, re-planning each time.
 */
public final class BucketWriter implements StateStoreWriter {
    private static final Logger LOG = Logger.getLogger(BucketWriter.class);
    private static final int PARALLEL_UPLOADS = 8;

    private final String store;
    private final BucketClient client;
    private final RetryPolicy retry;
    private final ExecutorService uploads;
    private final ReentrantLock lock = new ReentrantLock();

    BucketWriter(String store, BucketClient client, RetryPolicy retry) {
        this.store = store;
        this.client = client;
        this.retry = retry;
        this.uploads = Executors.newFixedThreadPool(PARALLEL_UPLOADS, r -> {
            Thread thread = new Thread(r, "s3-upload");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public WriteResult apply(StateStoreBatch batch) throws StateStoreException {
        if (batch.isEmpty()) {
            return WriteResult.unchanged("");
        }
        StateStoreLayout.validate(batch); // a refused path fails before any network traffic
        lock.lock();
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    ChangeSet changes = BatchPlanner.plan(batch, new BucketSnapshot(client));
                    if (changes.isEmpty()) {
                        return WriteResult.unchanged("");
                    }
                    upload(changes.puts());
                    client.delete(new ArrayList<>(changes.deletes()));
                    return WriteResult.of(changes, "");
                } catch (StateStoreException e) {
                    if (e.reason() != Reason.UNREACHABLE || attempt >= retry.attempts()) {
                        throw e;
                    }
                    LOG.infof("%s (attempt %d of %d)", e.getMessage(), attempt, retry.attempts());
                    retry.sleepBefore(attempt);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void upload(Map<String, byte[]> puts) throws StateStoreException {
        List<Future<?>> pending = new ArrayList<>();
        for (Map.Entry<String, byte[]> put : puts.entrySet()) {
            pending.add(uploads.submit(() -> {
                client.put(put.getKey(), put.getValue());
                return null;
            }));
        }
        StateStoreException first = null;
        for (Future<?> upload : pending) {
            try {
                upload.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof StateStoreException s ? s
                            : new StateStoreException(Reason.IO, store + ": upload failed: "
                                    + e.getCause().getClass().getSimpleName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateStoreException(Reason.IO, store + ": interrupted while uploading");
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public Optional<byte[]> readFile(String path) throws StateStoreException {
        return client.get(path);
    }

    @Override
    public void checkPermissions() throws StateStoreException {
        client.checkWriteAccess();
    }

    @Override
    public void close() {
        uploads.shutdownNow();
        client.close();
    }
}
