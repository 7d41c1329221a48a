package dev.pledge.controller;

import dev.pledge.api.Destination;
import dev.pledge.api.DestinationSpec;
import dev.pledge.api.DestinationSpec.StateStoreKind;
import dev.pledge.api.SecretRef;
import dev.pledge.api.StateStoreResource;
import dev.pledge.statestore.CoalescingWriter;
import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreWriters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Where controllers get a state store's writer: reads the store of the Destination's kind
 * ({@link StateStoreKind}, one custom resource each) and its Secret, and hands them to the writer bean of the same
 * kind as plain values; no kind is special here. Problems come back as {@link Unavailable} with the reason
 * Kratix uses in conditions and a message that never contains a secret.
 */
@ApplicationScoped
public class StateStores {
    public static final String DEFAULT_SECRET_NAMESPACE = "default";

    /** Why a store cannot be written, with the condition reason to report. */
    public static final class Unavailable extends Exception {
        private final String reason;

        Unavailable(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Where a store and its Secret are read from. Controllers on a hot path pass their informer caches; the others
     * read live, so a store's own status reflects the API server at that moment.
     */
    public interface Lookup {
        /** The store of that kind and name, or null. */
        <S extends HasMetadata> S store(Class<S> kind, String name);

        Secret secret(String namespace, String name);
    }

    private final StateStoreWriters writers;
    private final Lookup live;

    public StateStores(KubernetesClient client, StateStoreWriters writers) {
        this.writers = writers;
        this.live = new Lookup() {
            @Override
            public <S extends HasMetadata> S store(Class<S> kind, String name) {
                return client.resources(kind).withName(name).get();
            }

            @Override
            public Secret secret(String namespace, String name) {
                return client.secrets().inNamespace(namespace).withName(name).get();
            }
        };
        var unwritable = Arrays.stream(StateStoreKind.values()).map(Enum::name)
                .filter(kind -> !writers.kinds().contains(kind)).toList();
        if (!unwritable.isEmpty()) {
            throw new IllegalStateException("no writer bean for state store kind(s) " + unwritable);
        }
    }

    public CoalescingWriter writerFor(Destination destination) throws Unavailable {
        return writerFor(destination, live);
    }

    public CoalescingWriter writerFor(Destination destination, Lookup lookup) throws Unavailable {
        DestinationSpec.StateStoreRef ref = destination.getSpec().getStateStoreRef();
        return writer(ref.getKind().name(), ref.getName(), lookup);
    }

    public CoalescingWriter writer(String kind, String name) throws Unavailable {
        return writer(kind, name, live);
    }

    private CoalescingWriter writer(String kind, String name, Lookup lookup) throws Unavailable {
        StateStoreDefinition definition = definition(kind, name, lookup);
        try {
            return writers.writerFor(definition);
        } catch (StateStoreException e) {
            throw new Unavailable("ErrorInitialisingWriter", definition.displayName() + ": " + e.getMessage());
        }
    }

    /** The store was deleted: closes its writer (a Git store's clone goes with it); a later use opens a new one. */
    public void release(String kind, String name) {
        writers.forget(kind, name);
    }

    public StateStoreDefinition definition(String kind, String name) throws Unavailable {
        return definition(kind, name, live);
    }

    static StateStoreDefinition definition(String kind, String name, Lookup lookup) throws Unavailable {
        StateStoreKind clusterKind = StateStoreKind.named(kind).orElseThrow(() -> new Unavailable("StateStoreNotFound",
                kind + "/" + name + ": not a kind of state store a Destination can name; the kinds are "
                        + Arrays.toString(StateStoreKind.values())));
        HasMetadata resource = lookup.store(clusterKind.resource(), name);
        if (!(resource instanceof StateStoreResource store)) {
            throw new Unavailable("StateStoreNotFound", kind + "/" + name + ": state store not found");
        }
        if (store.getSpec() == null) {
            throw new Unavailable("ErrorInitialisingWriter", kind + "/" + name + ": spec is missing");
        }
        SecretRef secretRef = store.secretRef();
        SecretData secret = SecretData.none();
        String secretVersion = "";
        if (secretRef != null && secretRef.getName() != null) {
            String namespace = secretRef.getNamespace() == null ? DEFAULT_SECRET_NAMESPACE : secretRef.getNamespace();
            Secret found = lookup.secret(namespace, secretRef.getName());
            if (found == null) {
                throw new Unavailable("SecretNotFound", "Secret " + secretRef.getName() + " not found in namespace "
                        + namespace);
            }
            secret = SecretData.fromKubernetes(namespace + "/" + secretRef.getName(), found.getData(), found.getStringData());
            secretVersion = found.getMetadata().getResourceVersion();
        }
        return new StateStoreDefinition(kind, name, resource.getMetadata().getGeneration() + "/" + secretVersion,
                store.getSpec(), secret);
    }

    public static DestinationDirectory directoryOf(Destination destination) {
        DestinationSpec spec = destination.getSpec();
        DestinationSpec.Filepath filepath = spec.getFilepath();
        return new DestinationDirectory(destination.getMetadata().getName(), spec.getPath(),
                filepath == null ? null : filepath.getMode(), filepath == null ? null : filepath.getFilename());
    }
}
