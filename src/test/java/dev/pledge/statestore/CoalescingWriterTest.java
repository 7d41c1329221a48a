package dev.pledge.statestore;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a store's round gathers placements before it starts ({@link RoundGathering}): a burst shares a round
 * instead of the first placement starting one on its own, and the gathering is bounded.
 */
class CoalescingWriterTest {
    private static final DestinationDirectory DESTINATION = DestinationDirectory.nested("d", "d");

    /** The placements each round carried, in order. */
    private final List<Integer> rounds = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        executor.shutdownNow();
    }

    private CoalescingWriter writer(RoundGathering gathering) {
        return new CoalescingWriter(new StateStoreWriter() {
            @Override
            public WriteResult apply(StateStoreBatch batch) {
                rounds.add(batch.size());
                return new WriteResult(true, "v" + rounds.size(), batch.size(), 0);
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
        }, executor, gathering);
    }

    private static StateStoreBatch placement(int i) {
        return batch(resource(DESTINATION, "wp-" + i, "r" + i, file("f.yaml", "v" + i)));
    }

    private static void awaitAll(List<CompletableFuture<WriteResult>> results) throws Exception {
        for (CompletableFuture<WriteResult> result : results) {
            result.get(30, TimeUnit.SECONDS);  // a failure guard, not a timing assertion
        }
    }

    @Test
    void placementsSubmittedOneAfterAnotherShareOneRoundWhenNoneComesLaterThanTheQuietPeriod() throws Exception {
        CoalescingWriter writer = writer(new RoundGathering(Duration.ofSeconds(2), Duration.ofMinutes(1)));
        List<CompletableFuture<WriteResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(writer.submit(placement(i)));
        }
        awaitAll(results);

        assertThat(rounds).as("one round for the whole burst, not one for the first placement and one for the rest")
                .containsExactly(50);
        assertThat(results).allSatisfy(r -> assertThat(r.join().versionId()).isEqualTo("v1"));
    }

    @Test
    void aPlacementThatKeepsGettingCompanyStillGoesOutOnceTheMaxWaitHasPassed() throws Exception {
        CoalescingWriter writer = writer(new RoundGathering(Duration.ofMinutes(1), Duration.ofMillis(200)));
        CompletableFuture<WriteResult> first = writer.submit(placement(0));

        // the quiet period (a minute) never passes while this runs; the max wait ends the gathering
        assertThat(first.get(30, TimeUnit.SECONDS).changed()).isTrue();
        assertThat(rounds).containsExactly(1);
    }

    @Test
    void withoutGatheringTheFirstPlacementStartsARoundAtOnce() throws Exception {
        CoalescingWriter writer = writer(RoundGathering.NONE);
        CompletableFuture<WriteResult> first = writer.submit(placement(0));
        first.get(30, TimeUnit.SECONDS);
        CompletableFuture<WriteResult> second = writer.submit(placement(1));
        second.get(30, TimeUnit.SECONDS);

        assertThat(rounds).containsExactly(1, 1);
    }

    @Test
    void gatheringTimesCannotBeNegative() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RoundGathering(Duration.ofMillis(-1), Duration.ofSeconds(2)))
                .hasMessageContaining("must not be negative");
    }
}
