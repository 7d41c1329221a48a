package dev.pledge.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.WorkPlacement;
import dev.pledge.api.WorkPlacementStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconcilers called step by step, no operator running: an exception a reconcile did not handle reaches the
 * object's status as a condition with a one-line message, keeps the rest of the status, and is written once.
 */
class ErrorStatusTest {
    private final KubernetesClient client = new KubernetesClientBuilder().build(); // for its serialization only

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anUnhandledExceptionMakesTheDestinationNotReadyWithReconcileFailed() {
        var reconciler = new DestinationReconciler(client, null, null);

        ErrorStatusUpdateControl<Destination> control = reconciler.updateErrorStatus(destination(), null,
                new KubernetesClientException("Failure executing: GET at: https://api/x. Message: etcdserver: timeout"
                        + "\nsecond line"));

        Condition ready = ready(control.getResource().orElseThrow().getStatus().getConditions());
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(ErrorStatus.REASON);
        assertThat(ready.getMessage()).isEqualTo("Reconcile failed: KubernetesClientException: Failure executing:"
                + " GET at: https://api/x. Message: etcdserver: timeout");
        assertThat(ready.getObservedGeneration()).isEqualTo(4L);
    }

    @Test
    void theSameFailureAgainWritesNothing() {
        var reconciler = new DestinationReconciler(client, null, null);
        Destination failed = reconciler.updateErrorStatus(destination(), null, new IllegalStateException("boom"))
                .getResource().orElseThrow();
        Destination current = destination();
        current.setStatus(failed.getStatus());

        ErrorStatusUpdateControl<Destination> again = reconciler.updateErrorStatus(current, null,
                new IllegalStateException("boom"));

        assertThat(again.getResource()).isEmpty();
    }

    @Test
    void theRestOfAPlacementsStatusIsKept() {
        var reconciler = new WorkPlacementReconciler(client, null, null);
        WorkPlacement placement = new WorkPlacement();
        placement.setMetadata(new ObjectMetaBuilder().withName("wp").withNamespace("ns").withGeneration(2L).build());
        WorkPlacementStatus status = new WorkPlacementStatus();
        status.setVersionID("abc123");
        status.setDestinationPath("dev");
        placement.setStatus(status);

        WorkPlacement patch = reconciler.updateErrorStatus(placement, null, new NullPointerException())
                .getResource().orElseThrow();

        assertThat(patch.getStatus().getVersionID()).isEqualTo("abc123");
        assertThat(patch.getStatus().getDestinationPath()).isEqualTo("dev");
        assertThat(ready(patch.getStatus().getConditions()).getMessage())
                .isEqualTo("Reconcile failed: NullPointerException");
        assertThat(placement.getStatus().getConditions()).as("the current object is not changed").isEmpty();
    }

    @Test
    void aLongMessageIsCapped() {
        String message = ErrorStatus.message(new IllegalArgumentException("x".repeat(1000)));

        assertThat(message).hasSize(ErrorStatus.MAX_MESSAGE).startsWith("Reconcile failed: IllegalArgumentException: x")
                .endsWith("...");
    }

    static Destination destination() {
        Destination destination = new Destination();
        destination.setMetadata(new ObjectMetaBuilder().withName("dev").withGeneration(4L).build());
        destination.setSpec(new DestinationSpec());
        return destination;
    }

    static Condition ready(List<Condition> conditions) {
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    }
}
