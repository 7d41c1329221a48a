package dev.pledge.api;

/**
 * A state store as a custom resource, as much of it as opening a writer needs: the spec, handed as is to the writer
 * bean of the same kind, and the Secret holding its credentials. Every kind in
 * {@link DestinationSpec.StateStoreKind} implements it.
 *
 * <p>Deliberately not a {@code HasMetadata}: an interface extending it makes the Kubernetes client's build step
 * lose the kind-to-class mapping of the classes implementing it (they then arrive as generic resources).
 */
public interface StateStoreResource {

    /** The kind's spec ({@link GitStateStoreSpec}, {@link BucketStateStoreSpec}). */
    Object getSpec();

    /** The Secret with the store's credentials, or null when it needs none. */
    SecretRef secretRef();
}
