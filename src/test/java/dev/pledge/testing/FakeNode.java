package dev.pledge.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Ready node with room for many Pods and no kubelet behind it: Pods bound to it run only if a test says so. It
 * declares ephemeral storage because pipeline containers request some; without it they would never schedule.
 */
public final class FakeNode {
    public static final String NAME = "pledge-test-node";

    private FakeNode() {
    }

    static void register(KubernetesClient client) {
        Node node = new NodeBuilder().withNewMetadata().withName(NAME)
                .withLabels(Map.of("kubernetes.io/hostname", NAME, "kubernetes.io/os", "linux"))
                .endMetadata()
                .withNewSpec().endSpec()
                .build();
        client.nodes().resource(node).create();
        String now = Instant.now().toString();
        // A patch, not a replace: the controllers may already be touching the new node.
        Conflicts.retry(() -> client.nodes().withName(NAME).editStatus(withStatus -> {
            withStatus.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                .withCapacity(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity("1000"),
                        "ephemeral-storage", new Quantity("1Ti")))
                .withAllocatable(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"), "pods", new Quantity("1000"),
                        "ephemeral-storage", new Quantity("1Ti")))
                .build());
            return withStatus;
        }));
        // The API server taints new nodes not-ready; this one is ready by decree.
        Conflicts.retry(() -> client.nodes().withName(NAME).edit(n -> {
            n.getSpec().setTaints(List.of());
            return n;
        }));
    }
}
