package dev.pledge.controller;

import dev.pledge.api.BucketStateStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;

/** Reports whether a BucketStateStore's bucket can be written with its Secret (or the pod's IAM identity). */
@ControllerConfiguration(name = "bucketstatestore")
public class BucketStateStoreReconciler extends StateStoreReconciler<BucketStateStore> {

    public BucketStateStoreReconciler(KubernetesClient client, StateStores stores, PlacementRepair repair,
            dev.pledge.config.PledgeConfig config, EventRecorder events) {
        super(client, stores, repair, config.stateStoreReconciliationInterval(), events, s -> s.getSpec().getSecretRef(), BucketStateStore::new);
    }
}
