package dev.pledge.statestore;

import java.util.Objects;

/**
 * Everything needed to open a writer for one store, in plain values: its kind ({@code GitStateStore},
 * {@code BucketStateStore}, ...), name, the kind's spec object, the Secret's keys, and a revision that changes
 * whenever any of those change (for example {@code <generation>/<secret resourceVersion>}), so that a cached
 * writer is replaced when its configuration moves.
 */
public record StateStoreDefinition(String kind, String name, String revision, Object spec, SecretData secret) {

    public StateStoreDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        revision = revision == null ? "" : revision;
        secret = secret == null ? SecretData.none() : secret;
    }

    /** {@code Kind/name}, how messages name the store. */
    public String displayName() {
        return kind + "/" + name;
    }

    public <S> S spec(Class<S> type) throws StateStoreException {
        if (!type.isInstance(spec)) {
            throw new StateStoreException(StateStoreException.Reason.INVALID_CONFIGURATION, displayName()
                    + ": expected a " + type.getSimpleName() + " but got " + spec.getClass().getSimpleName());
        }
        return type.cast(spec);
    }
}
