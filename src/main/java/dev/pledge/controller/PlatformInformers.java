package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec.StateStoreKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The informers controllers read Destinations, state stores and their Secrets from, built in one place so which
 * objects the operator watches (and holds in memory) is decided here. Secrets are the exception to "an informer
 * per kind": only the ones stores reference are watched ({@link StoreSecretWatches}). Each controller gets its own informer (the
 * Operator SDK does not share them between controllers); the mapper says which of its primaries an event wakes.
 */
final class PlatformInformers {
    static final String DESTINATIONS = "destinations";
    static final String SECRETS = "secrets";

    private PlatformInformers() {
    }

    static <P extends HasMetadata> InformerEventSource<Destination, P> destinations(EventSourceContext<P> context,
            SecondaryToPrimaryMapper<Destination> wakes) {
        return informer(Destination.class, DESTINATIONS, context, wakes);
    }

    /** Named after the kind ({@code GitStateStore}, {@code BucketStateStore}), as a Destination's stateStoreRef is. */
    static <S extends HasMetadata, P extends HasMetadata> InformerEventSource<S, P> stateStores(Class<S> kind,
            EventSourceContext<P> context, SecondaryToPrimaryMapper<S> wakes) {
        return informer(kind, kind.getSimpleName(), context, wakes);
    }

    /** One informer per kind of state store ({@link StateStoreKind}), each waking what {@code wakes} says. */
    static <P extends HasMetadata> List<InformerEventSource<? extends HasMetadata, P>> stateStores(
            EventSourceContext<P> context, SecondaryToPrimaryMapper<HasMetadata> wakes) {
        return stateStores(context, wakes, deleted -> {
        });
    }

    /** As above, and {@code deleted} hears of every store deleted from the cluster. */
    static <P extends HasMetadata> List<InformerEventSource<? extends HasMetadata, P>> stateStores(
            EventSourceContext<P> context, SecondaryToPrimaryMapper<HasMetadata> wakes,
            Consumer<HasMetadata> deleted) {
        return Arrays.stream(StateStoreKind.values())
                .<InformerEventSource<? extends HasMetadata, P>>map(kind -> storeInformer(kind.resource(), context,
                        wakes::toPrimaryResourceIDs, deleted))
                .toList();
    }

    private static <S extends HasMetadata, P extends HasMetadata> InformerEventSource<S, P> storeInformer(
            Class<S> kind, EventSourceContext<P> context, SecondaryToPrimaryMapper<S> wakes,
            Consumer<HasMetadata> deleted) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, context.getPrimaryResourceClass())
                .withName(kind.getSimpleName())
                .withSecondaryToPrimaryMapper(wakes)
                .build(), context) {
            @Override
            public synchronized void onDelete(S resource, boolean finalStateUnknown) {
                super.onDelete(resource, finalStateUnknown);
                deleted.accept(resource);
            }
        };
    }

    /** Watches only the Secrets that stores reference, one by one, as they are asked for. */
    static <P extends HasMetadata> StoreSecretWatches<P> secrets(EventSourceContext<P> context,
            SecondaryToPrimaryMapper<Secret> wakes) {
        return new StoreSecretWatches<>(context.getClient(), SECRETS, wakes);
    }

    /**
     * Reads stores and Secrets from the informers a controller registered with {@link #stateStores} and
     * {@link #secrets}: no API call per reconcile.
     */
    static StateStores.Lookup lookup(Context<?> context) {
        return new StateStores.Lookup() {
            @Override
            public <S extends HasMetadata> S store(Class<S> kind, String name) {
                return cached(context, kind, kind.getSimpleName(), null, name);
            }

            @Override
            public Secret secret(String namespace, String name) {
                @SuppressWarnings("unchecked")
                var watches = (StoreSecretWatches<?>) context.eventSourceRetriever()
                        .getEventSourceFor(Secret.class, SECRETS);
                return watches.get(namespace, name);
            }
        };
    }

    static Destination destination(Context<?> context, String name) {
        return cached(context, Destination.class, DESTINATIONS, null, name);
    }

    private static <R extends HasMetadata> R cached(Context<?> context, Class<R> kind, String source, String namespace,
            String name) {
        @SuppressWarnings("unchecked")
        var informer = (InformerEventSource<R, ?>) context.eventSourceRetriever().getEventSourceFor(kind, source);
        return informer.get(new ResourceID(name, namespace)).orElse(null);
    }

    private static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> informer(Class<R> kind,
            String name, EventSourceContext<P> context, SecondaryToPrimaryMapper<R> wakes) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, context.getPrimaryResourceClass())
                .withName(name)
                .withSecondaryToPrimaryMapper(wakes)
                .build(), context);
    }
}
