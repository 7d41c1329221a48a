package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.controller.PlacementRounds.Operation;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.WriteResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain JUnit: how a placement's round is tracked between the reconcile that joins it and the one that reports it. */
class PlacementRoundsTest {
    static final ResourceID PLACEMENT = new ResourceID("w.dest-5058f", "ns");

    final PlacementRounds rounds = new PlacementRounds();
    final List<ResourceID> woken = new CopyOnWriteArrayList<>();

    @BeforeEach
    void started() {
        rounds.setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
        rounds.start();
    }

    @Test
    void theEndOfARoundReconcilesThePlacementAgainWhichTakesItsOutcomeOnce() {
        CompletableFuture<WriteResult> round = new CompletableFuture<>();
        rounds.track(PLACEMENT, Operation.WRITE, 2L, round);
        assertThat(rounds.inFlight(PLACEMENT, Operation.WRITE, 2L)).isTrue();
        assertThat(rounds.takeOutcome(PLACEMENT, Operation.WRITE, 2L)).as("nothing to report while running").isEmpty();
        assertThat(woken).isEmpty();

        round.complete(WriteResult.unchanged("abc123"));

        assertThat(woken).containsExactly(PLACEMENT);
        assertThat(rounds.inFlight(PLACEMENT, Operation.WRITE, 2L)).isFalse();
        assertThat(rounds.takeOutcome(PLACEMENT, Operation.WRITE, 2L)).hasValueSatisfying(o -> {
            assertThat(o.succeeded()).isTrue();
            assertThat(o.result().versionId()).isEqualTo("abc123");
        });
        assertThat(rounds.takeOutcome(PLACEMENT, Operation.WRITE, 2L)).as("reported once").isEmpty();
    }

    @Test
    void aFailedRoundIsReportedWithTheStoreMessage() {
        rounds.track(PLACEMENT, Operation.WRITE, 1L, CompletableFuture.failedFuture(new StateStoreException(
                StateStoreException.Reason.AUTHENTICATION, "GitStateStore/s: authentication failed")));

        assertThat(rounds.takeOutcome(PLACEMENT, Operation.WRITE, 1L)).hasValueSatisfying(o -> {
            assertThat(o.succeeded()).isFalse();
            assertThat(o.failureMessage()).isEqualTo("GitStateStore/s: authentication failed");
        });
    }

    @Test
    void anOutcomeForAnOlderGenerationOrAnotherOperationIsNotReported() {
        rounds.track(PLACEMENT, Operation.WRITE, 1L, CompletableFuture.completedFuture(WriteResult.unchanged("")));

        assertThat(rounds.takeOutcome(PLACEMENT, Operation.WRITE, 2L)).isEmpty();
        assertThat(rounds.takeOutcome(PLACEMENT, Operation.REMOVE, 1L)).isEmpty();
        assertThat(rounds.inFlight(PLACEMENT, Operation.WRITE, 2L)).as("a newer generation needs its own round")
                .isFalse();
    }

    @Test
    void aRemovalReplacesTheWriteStillInFlight() {
        CompletableFuture<WriteResult> write = new CompletableFuture<>();
        rounds.track(PLACEMENT, Operation.WRITE, 1L, write);
        CompletableFuture<WriteResult> removal = new CompletableFuture<>();
        rounds.track(PLACEMENT, Operation.REMOVE, 1L, removal);

        write.complete(WriteResult.unchanged(""));

        assertThat(woken).as("the write's end still wakes the placement").containsExactly(PLACEMENT);
        assertThat(rounds.inFlight(PLACEMENT, Operation.REMOVE, 1L)).isTrue();
        assertThat(rounds.takeOutcome(PLACEMENT, Operation.WRITE, 1L)).isEmpty();
    }
}
