package dev.pledge.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.function.UnaryOperator;

/**
 * The item store of every informer that can hold one object per Work or per request (Works, WorkPlacements,
 * pipeline Jobs and their Pods) and of the Promise APIs' CRDs. It keeps each object without
 * {@code metadata.managedFields}, which no controller reads (server-side applies are built from scratch, never
 * from a cached object) and which made about a quarter of the operator's live heap at 1,000 Works: every object
 * carries one entry per field manager, and a placement has three (its applier, the finalizer's and the status
 * writer's).
 *
 * <p>Pipeline Jobs and their Pods are read for their labels and status only (which pipeline, did it finish, why
 * did an attempt fail), so {@link #statusOnly} also drops their spec: a pipeline Job's Pod template (init
 * containers, environment, volumes) and a Pod's spec are most of their size, and a burst of requests puts one of
 * each in the caches per request.
 *
 * <p>Objects are keyed as the informers' own stores key them ({@code namespace/name}), so indexers and the Operator
 * SDK's lookups by {@code ResourceID} find them as before.
 *
 * @param <R> the kind of object held
 */
public final class LeanCache<R extends HasMetadata> extends TransformingItemStore<R> {

    /** For {@code @Informer(itemStore = LeanCache.class)}: the Operator SDK builds it with no arguments. */
    public LeanCache() {
        this(LeanCache::withoutManagedFields);
    }

    private LeanCache(UnaryOperator<R> trim) {
        super(Cache::metaNamespaceKeyFunc, trim);
    }

    /** Gives a fabric8 informer that has not started yet this store; returns it. */
    public static <R extends HasMetadata> SharedIndexInformer<R> on(SharedIndexInformer<R> informer) {
        return informer.itemStore(new LeanCache<>());
    }

    /** A store for pipeline Jobs or Pods read for labels and status only: no managedFields, no spec. */
    public static <R extends HasMetadata> LeanCache<R> statusOnly() {
        return new LeanCache<>(object -> withoutSpec(withoutManagedFields(object)));
    }

    /** Gives a fabric8 informer of pipeline Jobs or Pods that has not started yet a {@link #statusOnly} store. */
    public static <R extends HasMetadata> SharedIndexInformer<R> statusOnlyOn(SharedIndexInformer<R> informer) {
        return informer.itemStore(statusOnly());
    }

    static <R extends HasMetadata> R withoutManagedFields(R object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
        return object;
    }

    static <R extends HasMetadata> R withoutSpec(R object) {
        if (object instanceof Job job) {
            job.setSpec(null);
        } else if (object instanceof Pod pod) {
            pod.setSpec(null);
        }
        return object;
    }
}
