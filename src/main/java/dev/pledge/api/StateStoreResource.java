package dev.pledge.api;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A state store as a custom resource, as much of it as opening a writer needs: the spec, handed as is to the writer
 * bean of the same kind, and the Secret holding its credentials. Every kind in
 * {@link DestinationSpec.StateStoreKind} implements it.
 */
public interface StateStoreResource extends HasMetadata {

    /** The kind's spec ({@link GitStateStoreSpec}, {@link BucketStateStoreSpec}). */
    Object getSpec();

    /** The Secret with the store's credentials, or null when it needs none. */
    SecretRef secretRef();
}
