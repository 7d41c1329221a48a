package dev.pledge.testing;

import dev.pledge.local.node.LocalNode;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A Ready node with no kubelet behind it: Pods bound to it run only if a test (or {@link KubeletStandIn}) says so. */
public final class FakeNode {
    public static final String NAME = "pledge-test-node";

    private FakeNode() {
    }

    static void register(KubernetesClient client) {
        LocalNode.register(client, NAME);
    }
}
