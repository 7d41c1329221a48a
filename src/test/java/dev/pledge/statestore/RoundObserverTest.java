package dev.pledge.statestore;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pledge_statestore_batch_size} is measured where batches form: the observer hears once per round, with the
 * placements that round carried, not once per caller.
 */
class RoundObserverTest {
    private static final DestinationDirectory DESTINATION = DestinationDirectory.nested("d", "d");

    private record Sample(String kind, String store, int placements, boolean succeeded) {
    }

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch firstRoundHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirstRound = new CountDownLatch(1);
    private volatile boolean fail;

    @AfterEach
    void close() {
        executor.shutdownNow();
    }

    private CoalescingWriter writer() {
        return new CoalescingWriter(new StateStoreWriter() {
            private int rounds;

            @Override
            public WriteResult apply(StateStoreBatch batch) throws StateStoreException {
                if (rounds++ == 0) {
                    firstRoundHeld.countDown();
                    try {
                        releaseFirstRound.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (fail) {
                    throw new StateStoreException(StateStoreException.Reason.IO, "push refused");
                }
                return new WriteResult(true, "v" + rounds, batch.size(), 0);
            }

            @Override
            public Optional<byte[]> readFile(String path) {
                return Optional.empty();
            }

            @Override
            public void checkPermissions() {
            }

            @Override
            public void close() {
            }
        }, executor, RoundGathering.NONE, new CoalescingWriter.Observed("GitStateStore", "repo",
                (kind, store, placements, succeeded, took) -> samples.add(new Sample(kind, store, placements, succeeded))));
    }

    private static StateStoreBatch placement(int i) {
        return batch(resource(DESTINATION, "wp-" + i, "r" + i, file("f.yaml", "v" + i)));
    }

    @Test
    void oneSamplePerRoundWithTheRoundsPlacementCount() throws Exception {
        CoalescingWriter writer = writer();
        List<CompletableFuture<WriteResult>> results = new ArrayList<>();
        results.add(writer.submit(placement(0)));
        firstRoundHeld.await(30, TimeUnit.SECONDS);
        for (int i = 1; i <= 3; i++) {
            results.add(writer.submit(placement(i)));  // wait together for the next round
        }
        releaseFirstRound.countDown();
        for (CompletableFuture<WriteResult> result : results) {
            result.get(30, TimeUnit.SECONDS);  // a failure guard, not a timing assertion
        }

        assertThat(samples).containsExactly(new Sample("GitStateStore", "repo", 1, true),
                new Sample("GitStateStore", "repo", 3, true));
    }

    @Test
    void aFailedRoundIsObservedAsFailedWithItsPlacements() throws Exception {
        fail = true;
        releaseFirstRound.countDown();
        CoalescingWriter writer = writer();
        CompletableFuture<WriteResult> result = writer.submit(batch(
                resource(DESTINATION, "wp-a", "a", file("f.yaml", "a")),
                resource(DESTINATION, "wp-b", "b", file("f.yaml", "b"))));

        assertThat(result).failsWithin(java.time.Duration.ofSeconds(30));
        assertThat(samples).containsExactly(new Sample("GitStateStore", "repo", 2, false));
    }
}
