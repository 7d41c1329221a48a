package dev.pledge.controller;

import dev.pledge.api.SecretRef;
import dev.pledge.api.StateStoreStatus;
import dev.pledge.statestore.StateStoreException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What GitStateStore and BucketStateStore reconcilers share: read the Secret, prove the credentials can write,
 * report {@code Ready} with the reason Kratix uses, and look again whenever the Secret changes.
 */
abstract class StateStoreReconciler<S extends CustomResource<?, StateStoreStatus>> implements Reconciler<S> {
    static final String READY = "Ready";
    static final Duration RETRY = Duration.ofSeconds(30);

    private StateStores stores;
    private EventRecorder events;
    private KubernetesSerialization serialization;
    private Function<S, SecretRef> secretRef;
    private Supplier<S> blank;

    /** For the CDI proxy only. */
    protected StateStoreReconciler() {
    }

    StateStoreReconciler(KubernetesClient client, StateStores stores, EventRecorder events,
            Function<S, SecretRef> secretRef, Supplier<S> blank) {
        this.stores = stores;
        this.events = events;
        this.serialization = client.getKubernetesSerialization();
        this.secretRef = secretRef;
        this.blank = blank;
    }

    @Override
    public List<EventSource<?, S>> prepareEventSources(EventSourceContext<S> context) {
        var secrets = PlatformInformers.secrets(context, secret -> context.getPrimaryCache().list(store -> {
                    SecretRef ref = secretRef.apply(store);
                    return ref != null && secret.getMetadata().getName().equals(ref.getName())
                            && secret.getMetadata().getNamespace().equals(
                                    ref.getNamespace() == null ? StateStores.DEFAULT_SECRET_NAMESPACE : ref.getNamespace());
                }).map(ResourceID::fromResource).collect(Collectors.toSet()));
        return List.of(secrets);
    }

    @Override
    public UpdateControl<S> reconcile(S store, Context<S> context) {
        String kind = store.getKind();
        String name = store.getMetadata().getName();
        SecretRef ref = secretRef.apply(store);
        if (ref != null && ref.getName() != null && !ref.getName().isBlank()) {
            // only Secrets asked for are watched: from now on a change to this one wakes the store
            PlatformInformers.lookup(context).secret(
                    ref.getNamespace() == null ? StateStores.DEFAULT_SECRET_NAMESPACE : ref.getNamespace(), ref.getName());
        }
        try {
            stores.writer(kind, name).checkPermissions();
            return status(store, "Ready", Conditions.TRUE, "StateStoreReady", "State store is ready");
        } catch (StateStores.Unavailable e) {
            return status(store, "NotReady", Conditions.FALSE, e.reason(), e.getMessage()).rescheduleAfter(RETRY);
        } catch (StateStoreException e) {
            return status(store, "NotReady", Conditions.FALSE, "ErrorValidatingPermissions",
                    "Error validating state store permissions: " + e.getMessage()).rescheduleAfter(RETRY);
        }
    }

    private UpdateControl<S> status(S store, String summary, String ready, String reason, String message) {
        List<Condition> current = store.getStatus() == null ? List.of() : store.getStatus().getConditions();
        if (!Conditions.has(current, READY, ready, reason, message)) {
            if (Conditions.TRUE.equals(ready)) {
                events.normal(store, reason, message);
            } else {
                events.warning(store, reason, message);
            }
        }
        StateStoreStatus status = new StateStoreStatus();
        status.setStatus(summary);
        status.setObservedGeneration(store.getMetadata().getGeneration());
        status.setConditions(Conditions.set(current, READY, ready, reason, message, store.getMetadata().getGeneration()));
        return StatusPatch.ifChanged(store, status, blank, serialization);
    }

}
