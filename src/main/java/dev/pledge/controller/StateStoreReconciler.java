package dev.pledge.controller;

import dev.pledge.api.KratixConditions;
import dev.pledge.api.SecretRef;
import dev.pledge.api.StateStoreStatus;
import dev.pledge.statestore.StateStoreException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
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
 * report {@code Ready} with the reason Kratix uses, and look again whenever the Secret changes. (A deleted store's
 * writer is released by {@link DestinationReconciler}'s store informers.)
 */
abstract class StateStoreReconciler<S extends CustomResource<?, StateStoreStatus>> implements Reconciler<S> {
    static final String READY = KratixConditions.READY;
    static final Duration RETRY = Duration.ofSeconds(30);

    /** On a store, overrides {@code pledge.state-store-reconciliation-interval} for it: {@code 30s}, {@code 10m}, {@code 0}. */
    static final String RECONCILIATION_INTERVAL_ANNOTATION = "pledge.dev/state-store-reconciliation-interval";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StateStoreReconciler.class);

    /** Failures of a verification that mean the store itself cannot be used, as a failed permission check does. */
    private static final java.util.Set<StateStoreException.Reason> STORE_FAILURES = java.util.EnumSet.of(
            StateStoreException.Reason.AUTHENTICATION, StateStoreException.Reason.HOST_KEY,
            StateStoreException.Reason.NOT_FOUND);

    /** The writer whose credentials were last proven, per store; a new writer (new revision) is checked again. */
    private final java.util.Map<String, Object> proven = new java.util.concurrent.ConcurrentHashMap<>();
    private StateStores stores;
    private PlacementRepair repair;
    private Duration defaultInterval;
    private EventRecorder events;
    private KubernetesSerialization serialization;
    private Function<S, SecretRef> secretRef;
    private Supplier<S> blank;

    /** For the CDI proxy only. */
    protected StateStoreReconciler() {
    }

    StateStoreReconciler(KubernetesClient client, StateStores stores, PlacementRepair repair, Duration interval,
            EventRecorder events, Function<S, SecretRef> secretRef, Supplier<S> blank) {
        this.stores = stores;
        this.repair = repair;
        this.defaultInterval = interval;
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

    /** An exception the reconcile did not handle reaches status ({@link ErrorStatus}); the SDK retries. */
    @Override
    public ErrorStatusUpdateControl<S> updateErrorStatus(S store, Context<S> context, Exception e) {
        return ErrorStatus.report(store, READY, e, blank, StateStoreStatus::new, serialization);
    }

    @Override
    public UpdateControl<S> reconcile(S store, Context<S> context) {
        String kind = store.getKind();
        String name = store.getMetadata().getName();
        String key = kind + "/" + name;
        SecretRef ref = secretRef.apply(store);
        if (ref != null && ref.getName() != null && !ref.getName().isBlank()) {
            // only Secrets asked for are watched: from now on a change to this one wakes the store
            PlatformInformers.lookup(context).secret(
                    ref.getNamespace() == null ? StateStores.DEFAULT_SECRET_NAMESPACE : ref.getNamespace(), ref.getName());
        }
        try {
            var writer = stores.writer(kind, name);
            // The writer is the same object until the store or its Secret changes: a periodic reconcile of a ready
            // store skips the permission check, and its verification is the store's only traffic (one fetch).
            if (proven.get(key) != writer || !readyAtGeneration(store)) {
                proven.remove(key);
                writer.checkPermissions();
                proven.put(key, writer);
            }
            verify(key, kind, name);
            UpdateControl<S> ready = status(store, READY, Conditions.TRUE, "StateStoreReady", "State store is ready");
            Duration interval = interval(store);
            return interval.isZero() ? ready : ready.rescheduleAfter(interval);
        } catch (StateStores.Unavailable e) {
            return status(store, "NotReady", Conditions.FALSE, e.reason(), e.getMessage()).rescheduleAfter(RETRY);
        } catch (StateStoreException e) {
            return status(store, "NotReady", Conditions.FALSE, "ErrorValidatingPermissions",
                    "Error validating state store permissions: " + e.getMessage()).rescheduleAfter(RETRY);
        }
    }

    /**
     * Self-repair on every reconcile of a ready store: on its interval, and when the store or its Secret changed.
     * A failure is logged and left to the next interval; the placements' own writes report store failures.
     */
    private void verify(String key, String kind, String name) throws StateStoreException {
        try {
            repair.verify(kind, name);
        } catch (StateStoreException e) {
            if (STORE_FAILURES.contains(e.reason())) {
                proven.remove(key); // credentials revoked or repository gone: the store is not ready
                throw e;
            }
            LOG.warnf("%s: verifying placements against the store failed: %s", key, e.getMessage());
        } catch (StateStores.Unavailable | RuntimeException e) {
            LOG.warnf("%s: verifying placements against the store failed: %s", key, e.getMessage());
        }
    }

    private static boolean readyAtGeneration(CustomResource<?, StateStoreStatus> store) {
        return store.getStatus() != null && Conditions.find(store.getStatus().getConditions(), READY)
                .filter(c -> Conditions.TRUE.equals(c.getStatus())
                        && Objects.equals(c.getObservedGeneration(), store.getMetadata().getGeneration()))
                .isPresent();
    }

    /** The store's annotation when it is valid, else the operator's setting; zero turns verification off. */
    Duration interval(S store) {
        String text = store.getMetadata().getAnnotations() == null ? null
                : store.getMetadata().getAnnotations().get(RECONCILIATION_INTERVAL_ANNOTATION);
        if (text == null || text.isBlank()) {
            return defaultInterval;
        }
        try {
            return parseInterval(text.strip());
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s/%s: annotation %s=%s is not a duration (like 30s, 10m, 10h, 0); using %s", store.getKind(),
                    store.getMetadata().getName(), RECONCILIATION_INTERVAL_ANNOTATION, text, defaultInterval);
            return defaultInterval;
        }
    }

    static Duration parseInterval(String text) {
        var simple = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(text);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException(text);
            }
            return parsed;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(text, e);
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
