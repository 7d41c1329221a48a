package dev.pledge.controller;

import dev.pledge.api.GitStateStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;

/** Reports whether a GitStateStore's repository can be pushed to with its Secret. */
@ControllerConfiguration(name = "gitstatestore")
public class GitStateStoreReconciler extends StateStoreReconciler<GitStateStore> {

    public GitStateStoreReconciler(KubernetesClient client, StateStores stores, EventRecorder events) {
        super(client, stores, events, s -> s.getSpec().getSecretRef(), GitStateStore::new);
    }
}
