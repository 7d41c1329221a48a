package dev.pledge.local.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Ready Node with no kubelet behind it, and the loop that plays its kubelet: every Pod bound to it (carrying
 * {@code podLabel}) is run once by a {@link PodRun} and its outcome written to the Pod's status. Pods are never
 * restarted; a Job's own retries create new Pods.
 */
public final class LocalNode implements AutoCloseable {

    /** What the node needs to know; {@code onRun} sees every outcome (tests record them). */
    public record Settings(String name, Map.Entry<String, String> podLabel, Predicate<String> adapterImage,
            Path kubeconfig, ImageRunner images, Path workDir, boolean keepPodDirectories, Consumer<PodOutcome> onRun) {
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;
    private SharedIndexInformer<Pod> informer;

    public LocalNode(KubernetesClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Registers the Node (again, after a restart) and starts running the Pods bound to it. */
    public synchronized LocalNode start() {
        register(client, settings.name());
        pool = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "local-node-" + settings.name());
            thread.setDaemon(true);
            return thread;
        });
        informer = client.pods().inAnyNamespace()
                .withLabel(settings.podLabel().getKey(), settings.podLabel().getValue())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        consider(pod);
                    }

                    @Override
                    public void onUpdate(Pod old, Pod pod) {
                        consider(pod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknownFinalState) {
                        // a run in progress finishes on its own; its status write then finds no Pod
                    }
                }, 0);
        return this;
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
        if (pool != null) {
            // interrupts running containers: a container engine's process is destroyed by its runner
            pool.shutdownNow();
            pool = null;
        }
    }

    /**
     * Creates the Node with room for many Pods, or finds it from an earlier start. It declares ephemeral storage
     * because pipeline containers request some; without it they would never schedule.
     */
    public static void register(KubernetesClient client, String name) {
        if (client.nodes().withName(name).get() == null) {
            Node node = new NodeBuilder().withNewMetadata().withName(name)
                    .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux"))
                    .endMetadata().withNewSpec().endSpec().build();
            client.nodes().resource(node).create();
        }
        String now = Instant.now().toString();
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"),
                "pods", new Quantity("1000"), "ephemeral-storage", new Quantity("1Ti"));
        // edits, not replaces: kube-controller-manager may be touching the new node at the same moment
        retryOnConflict(() -> client.nodes().withName(name).editStatus(node -> {
            node.setStatus(new NodeStatusBuilder()
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                    .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .withCapacity(capacity).withAllocatable(capacity).build());
            return node;
        }));
        // the API server taints a new node not-ready; this one is ready by decree (and nothing heartbeats)
        retryOnConflict(() -> client.nodes().withName(name).edit(node -> {
            node.getSpec().setTaints(List.of());
            return node;
        }));
    }

    private static void retryOnConflict(Runnable edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                edit.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private void consider(Pod pod) {
        if (!settings.name().equals(pod.getSpec().getNodeName()) || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        ExecutorService runners = pool;
        if (runners != null && started.add(pod.getMetadata().getUid())) {
            runners.submit(() -> {
                try {
                    runPod(pod);
                } catch (RuntimeException | Error e) {
                    System.err.println("local node: running Pod " + pod.getMetadata().getName() + " failed: " + e);
                }
            });
        }
    }

    private void runPod(Pod pod) {
        String startedAt = Instant.now().toString();
        Path root;
        try {
            root = Files.createDirectories(settings.workDir().resolve(pod.getMetadata().getNamespace() + "_"
                    + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PodRun run = new PodRun(pod, root, client, settings.adapterImage(), settings.kubeconfig(), settings.images());
        PodOutcome outcome = run.run();
        settings.onRun().accept(outcome);
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .editStatus(current -> {
                        current.setStatus(run.status(startedAt));
                        return current;
                    });
        } catch (RuntimeException e) {
            // usually the Pod went away while it ran (its Job was deleted); say so in case it did not
            System.err.println("local node: cannot record the outcome of Pod " + pod.getMetadata().getName()
                    + ": " + e.getMessage());
        }
        if (!settings.keepPodDirectories()) {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover directory under the node's work folder is harmless
        }
    }
}
