package dev.pledge.controller;

import dev.pledge.api.WorkPlacement;
import dev.pledge.statestore.WriteResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The placements whose write or removal is in a state store round, and how each round ended until the placement's
 * next reconcile reports it. A reconcile hands its placement to a round and returns at once, so no worker thread
 * waits on a commit and every placement that arrives while a round is running joins the next one. When the round
 * ends, the placement is reconciled again (through this event source) and writes its status once.
 *
 * <p>Kept in memory only: after a restart a placement whose status does not show its generation as written is
 * simply written again, which is what a lost round would need anyway.
 */
final class PlacementRounds extends SimpleInboundEventSource<WorkPlacement> {
    static final String NAME = "placement-rounds";

    /** What a round was asked to do for a placement: write its files at a generation, or remove them. */
    enum Operation { WRITE, REMOVE }

    private record Submitted(Operation operation, Long generation, CompletableFuture<WriteResult> round) {
    }

    /** How a finished round went for one placement; {@code failure} is null when it succeeded. */
    record Outcome(WriteResult result, Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }

        String failureMessage() {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
    }

    private final Map<ResourceID, Submitted> submitted = new ConcurrentHashMap<>();

    PlacementRounds() {
        super(NAME);
    }

    /** True while a round carrying this operation for this generation of the placement has not ended. */
    boolean inFlight(ResourceID placement, Operation operation, Long generation) {
        Submitted s = submitted.get(placement);
        return s != null && matches(s, operation, generation) && !s.round().isDone();
    }

    /**
     * The outcome of the ended round for exactly this operation and generation, handed out once: the caller
     * reports it in status, and a later reconcile starts a new round if it still needs one.
     */
    Optional<Outcome> takeOutcome(ResourceID placement, Operation operation, Long generation) {
        Submitted s = submitted.get(placement);
        if (s == null || !matches(s, operation, generation) || !s.round().isDone()
                || !submitted.remove(placement, s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Outcome(s.round().join(), null));
        } catch (CompletionException e) {
            return Optional.of(new Outcome(null, e.getCause() == null ? e : e.getCause()));
        }
    }

    /**
     * Records the round the placement joined and reconciles the placement again when it ends. A newer submission
     * replaces an older one; the older round's end still triggers a reconcile, which then finds the newer one.
     */
    void track(ResourceID placement, Operation operation, Long generation, CompletableFuture<WriteResult> round) {
        submitted.put(placement, new Submitted(operation, generation, round));
        round.whenComplete((result, failure) -> propagateEvent(placement));
    }

    /** The placement is gone: nothing is left to report. */
    void forget(ResourceID placement) {
        submitted.remove(placement);
    }

    private static boolean matches(Submitted s, Operation operation, Long generation) {
        return s.operation() == operation && Objects.equals(s.generation(), generation);
    }
}
