package dev.pledge.controller;

import dev.pledge.api.KratixConditions;
import dev.pledge.api.ConditionsStatus;
import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.KratixLabels;
import dev.pledge.api.WorkPlacement;
import dev.pledge.statestore.CanaryFiles;
import dev.pledge.statestore.StateStoreBatch;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.UnsafePathException;
import dev.pledge.validation.KubernetesName;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Registers a Destination: checks its state store can be written, writes the canary files that prove a GitOps
 * agent reads it (unless {@code initWorkloads.enabled: false}) and reports {@code Ready}. Which documents a
 * Destination receives is the Work controller's business. On deletion with {@code cleanup: all} its placements
 * (and so its files) are removed; with {@code cleanup: none} everything stays.
 */
@ControllerConfiguration(name = "destination", finalizerName = DestinationReconciler.FINALIZER)
public class DestinationReconciler implements Reconciler<Destination>, Cleaner<Destination> {
    public static final String FINALIZER = "kratix.io/destination-cleanup";
    static final String READY = KratixConditions.READY;
    static final Duration RETRY = Duration.ofSeconds(15);

    private final KubernetesClient client;
    private final StateStores stores;
    private final EventRecorder events;
    private final KubernetesSerialization serialization;

    public DestinationReconciler(KubernetesClient client, StateStores stores, EventRecorder events) {
        this.client = client;
        this.stores = stores;
        this.events = events;
        this.serialization = client.getKubernetesSerialization();
    }

    @Override
    public List<EventSource<?, Destination>> prepareEventSources(EventSourceContext<Destination> context) {
        // A state store change re-registers the Destinations that use it; a deleted store's writer (and a Git
        // store's local clone) is released at once.
        return List.copyOf(PlatformInformers.stateStores(context, store -> context.getPrimaryCache()
                .list(d -> d.getSpec() != null && d.getSpec().getStateStoreRef() != null
                        && store.getKind().equals(d.getSpec().getStateStoreRef().getKind().name())
                        && store.getMetadata().getName().equals(d.getSpec().getStateStoreRef().getName()))
                .map(ResourceID::fromResource).collect(Collectors.toSet()),
                store -> stores.release(store.getKind(), store.getMetadata().getName())));
    }

    /** An exception the reconcile did not handle reaches status ({@link ErrorStatus}); the SDK retries. */
    @Override
    public ErrorStatusUpdateControl<Destination> updateErrorStatus(Destination destination, Context<Destination> context, Exception e) {
        return ErrorStatus.report(destination, READY, e, Destination::new, dev.pledge.api.ConditionsStatus::new, serialization);
    }

    @Override
    public UpdateControl<Destination> reconcile(Destination destination, Context<Destination> context) {
        Long generation = destination.getMetadata().getGeneration();
        List<Condition> conditions = destination.getStatus() == null ? List.of() : destination.getStatus().getConditions();
        boolean canaries = destination.getSpec().getInitWorkloads() == null
                || !Boolean.FALSE.equals(destination.getSpec().getInitWorkloads().getEnabled());
        String readyReason = canaries ? "TestDocumentsWritten" : "DestinationReady";
        if (Conditions.find(conditions, READY).filter(c -> Conditions.TRUE.equals(c.getStatus())
                && readyReason.equals(c.getReason()) && Objects.equals(c.getObservedGeneration(), generation)).isPresent()) {
            return UpdateControl.noUpdate();
        }
        String invalid = specProblem(destination);
        if (invalid != null) {
            return notReady(destination, "InvalidDestination", invalid);
        }
        try {
            var writer = stores.writerFor(destination);
            if (canaries) {
                writer.submit(StateStoreBatch.destinationFiles(
                        CanaryFiles.forDestination(StateStores.directoryOf(destination)))).get();
                return ready(destination, readyReason, "Test documents written to State Store");
            }
            return ready(destination, readyReason, "Destination is ready");
        } catch (StateStores.Unavailable e) {
            String reason = "StateStoreNotFound".equals(e.reason()) ? "StateStoreNotFound" : "StateStoreNotReady";
            return notReady(destination, reason, e.getMessage());
        } catch (ExecutionException e) {
            return notReady(destination, "StateStoreWriteFailed",
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UpdateControl.<Destination>noUpdate().rescheduleAfter(RETRY);
        }
    }

    @Override
    public DeleteControl cleanup(Destination destination, Context<Destination> context) {
        if (destination.getSpec().getCleanup() != DestinationSpec.Cleanup.all) {
            return DeleteControl.defaultDelete();
        }
        var placements = client.resources(WorkPlacement.class).inAnyNamespace()
                .withLabel(KratixLabels.TARGET_DESTINATION_NAME, destination.getMetadata().getName());
        if (placements.list().getItems().isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        placements.delete();
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
    }

    private UpdateControl<Destination> ready(Destination destination, String reason, String message) {
        return readiness(destination, Conditions.TRUE, reason, message);
    }

    private UpdateControl<Destination> notReady(Destination destination, String reason, String message) {
        return readiness(destination, Conditions.FALSE, reason, message).rescheduleAfter(RETRY);
    }

    /** Sets Ready, with an event (Normal when ready, else Warning) only when the condition changes. */
    private UpdateControl<Destination> readiness(Destination destination, String ready, String reason,
            String message) {
        ConditionsStatus status = new ConditionsStatus();
        status.setConditions(Conditions.set(conditions(destination), READY, ready, reason, message,
                destination.getMetadata().getGeneration()));
        if (!Conditions.has(conditions(destination), READY, ready, reason, message)) {
            if (Conditions.TRUE.equals(ready)) {
                events.normal(destination, reason, message);
            } else {
                events.warning(destination, reason, message);
            }
        }
        return patchIfChanged(destination, status);
    }

    /**
     * A name that cannot be a label value (every placement carries it in {@code kratix.io/target-destination-name})
     * or a path that would not stay inside the store, said before anything is written.
     */
    static String specProblem(Destination destination) {
        String nameProblem = KubernetesName.problem(destination.getMetadata().getName());
        if (nameProblem != null) {
            return "Destination name " + nameProblem;
        }
        try {
            StateStoreLayout.destinationRoot(StateStores.directoryOf(destination));
            return null;
        } catch (UnsafePathException e) {
            return e.getMessage();
        }
    }

    private static List<Condition> conditions(Destination destination) {
        return destination.getStatus() == null ? List.of() : destination.getStatus().getConditions();
    }

    private UpdateControl<Destination> patchIfChanged(Destination current, ConditionsStatus status) {
        return StatusPatch.ifChanged(current, status, Destination::new, serialization);
    }

}
