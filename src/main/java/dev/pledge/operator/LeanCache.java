package dev.pledge.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * The item store of every informer that can hold one object per Work (Works, WorkPlacements, pipeline Jobs and
 * Pods) and of the Promise APIs' CRDs. It keeps each object without {@code metadata.managedFields}, which no controller reads (server-side applies
 * are built from scratch, never from a cached object) and which made about a quarter of the operator's live heap
 * at 1,000 Works: every object carries one entry per field manager, and a placement has three (its applier, the
 * finalizer's and the status writer's).
 *
 * <p>Objects are keyed as the informers' own stores key them ({@code namespace/name}), so indexers and the Operator
 * SDK's lookups by {@code ResourceID} find them as before.
 *
 * @param <R> the kind of object held
 */
public final class LeanCache<R extends HasMetadata> extends TransformingItemStore<R> {

    /** For {@code @Informer(itemStore = LeanCache.class)}: the Operator SDK builds it with no arguments. */
    public LeanCache() {
        super(Cache::metaNamespaceKeyFunc, LeanCache::withoutManagedFields);
    }

    /** Gives a fabric8 informer that has not started yet this store; returns it. */
    public static <R extends HasMetadata> SharedIndexInformer<R> on(SharedIndexInformer<R> informer) {
        return informer.itemStore(new LeanCache<>());
    }

    static <R extends HasMetadata> R withoutManagedFields(R object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
        return object;
    }
}
