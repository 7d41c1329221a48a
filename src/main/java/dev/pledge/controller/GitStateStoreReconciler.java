package dev.pledge.controller;

import dev.pledge.api.GitStateStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;

/** Reports whether a GitStateStore's repository can be pushed to with its Secret. */
@ControllerConfiguration(name = "gitstatestore")
public class GitStateStoreReconciler extends StateStoreReconciler<GitStateStore> {

    public GitStateStoreReconciler(KubernetesClient client, StateStores stores, PlacementRepair repair,
            dev.pledge.config.PledgeConfig config, EventRecorder events) {
        super(client, stores, repair, config.stateStoreReconciliationInterval(), events, s -> s.getSpec().getSecretRef(), GitStateStore::new);
    }
}
