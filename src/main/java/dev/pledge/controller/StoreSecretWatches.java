package dev.pledge.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secrets state stores reference, and only those: each one is watched on its own (a list and watch with the
 * field selector {@code metadata.name=<name>} in its namespace) from the first time a store asks for it. The
 * operator never lists or holds any other Secret. A watched Secret that appears, changes or goes wakes the
 * primaries the mapper names, as an informer on all Secrets did.
 */
final class StoreSecretWatches<P extends HasMetadata> extends AbstractEventSource<Secret, P> {
    private final KubernetesClient client;
    private final SecondaryToPrimaryMapper<Secret> wakes;
    private final Map<ResourceID, SharedIndexInformer<Secret>> watches = new ConcurrentHashMap<>();

    StoreSecretWatches(KubernetesClient client, String name, SecondaryToPrimaryMapper<Secret> wakes) {
        super(Secret.class, name);
        this.client = client;
        this.wakes = wakes;
    }

    /** The Secret as last seen, or null when it does not exist; watched from this call on. */
    Secret get(String namespace, String name) {
        SharedIndexInformer<Secret> watch = watches.computeIfAbsent(new ResourceID(name, namespace),
                id -> watch(namespace, name));
        return watch.getStore().getByKey(namespace + "/" + name);
    }

    /** The Secrets watched so far, as {@code namespace/name}. */
    Set<String> watched() {
        return watches.keySet().stream().map(id -> id.getNamespace().orElse("") + "/" + id.getName())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private SharedIndexInformer<Secret> watch(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                wake(secret);
            }

            @Override
            public void onUpdate(Secret before, Secret after) {
                if (!java.util.Objects.equals(before.getMetadata().getResourceVersion(),
                        after.getMetadata().getResourceVersion())) {
                    wake(after);
                }
            }

            @Override
            public void onDelete(Secret secret, boolean finalStateUnknown) {
                wake(secret);
            }
        });
    }

    private void wake(Secret secret) {
        if (!isRunning() || getEventHandler() == null) {
            return;
        }
        for (ResourceID primary : wakes.toPrimaryResourceIDs(secret)) {
            getEventHandler().handleEvent(new Event(primary));
        }
    }

    @Override
    public Set<Secret> getSecondaryResources(P primary) {
        return Set.of();
    }

    @Override
    public void stop() throws OperatorException {
        watches.values().forEach(SharedIndexInformer::stop);
        watches.clear();
        super.stop();
    }
}
