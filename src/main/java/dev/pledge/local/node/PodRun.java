package dev.pledge.local.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs one Pod's containers once, on a private directory tree: one directory per volume (emptyDir, or the files
 * of a ConfigMap or Secret), init containers in order, then the main containers; the first failure stops the Pod
 * and names the failed container in the Pod's message, as a kubelet's status would let the Job controller see.
 */
final class PodRun {
    private final Pod pod;
    private final Path root;
    private final KubernetesClient client;
    private final Predicate<String> adapterImage;
    private final Path kubeconfig;
    private final ImageRunner images;
    private final Map<String, Path> volumes = new LinkedHashMap<>();
    private final List<ContainerStatus> initStatuses = new ArrayList<>();
    private final List<ContainerStatus> mainStatuses = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final Map<String, String> logs = new LinkedHashMap<>();
    private String failed;
    private String message;

    PodRun(Pod pod, Path root, KubernetesClient client, Predicate<String> adapterImage, Path kubeconfig,
            ImageRunner images) {
        this.pod = pod;
        this.root = root;
        this.client = client;
        this.adapterImage = adapterImage;
        this.kubeconfig = kubeconfig;
        this.images = images;
    }

    PodOutcome run() {
        try {
            prepareVolumes();
        } catch (IOException | RuntimeException e) {
            failed = "volumes";
            message = "cannot prepare volumes: " + e.getMessage();
        }
        for (Container container : pod.getSpec().getInitContainers()) {
            initStatuses.add(failed == null ? runContainer(container) : waiting(container));
        }
        for (Container container : pod.getSpec().getContainers()) {
            mainStatuses.add(failed == null ? runContainer(container) : waiting(container));
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        String job = labels.getOrDefault("batch.kubernetes.io/job-name", labels.get("job-name"));
        return new PodOutcome(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), job, List.copyOf(ran),
                failed, message, Map.copyOf(logs));
    }

    private void prepareVolumes() throws IOException {
        for (Volume volume : pod.getSpec().getVolumes()) {
            Path dir = Files.createDirectories(root.resolve("volumes").resolve(volume.getName()));
            volumes.put(volume.getName(), dir);
            if (volume.getEmptyDir() != null) {
                continue;
            }
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
                        .withName(volume.getConfigMap().getName()).get();
                if (configMap == null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    throw new IllegalStateException("ConfigMap " + volume.getConfigMap().getName() + " not found");
                }
                Map<String, String> data = configMap == null || configMap.getData() == null ? Map.of() : configMap.getData();
                writeFiles(dir, data, volume.getConfigMap().getItems());
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
                        .withName(volume.getSecret().getSecretName()).get();
                if (secret == null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    throw new IllegalStateException("Secret " + volume.getSecret().getSecretName() + " not found");
                }
                Map<String, String> data = new LinkedHashMap<>();
                if (secret != null && secret.getData() != null) {
                    secret.getData().forEach((k, v) -> data.put(k,
                            new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                }
                writeFiles(dir, data, volume.getSecret().getItems());
            } else {
                throw new IllegalStateException("volume " + volume.getName()
                        + ": the local node supports emptyDir, configMap and secret volumes only");
            }
        }
    }

    private static void writeFiles(Path dir, Map<String, String> data, List<KeyToPath> items) throws IOException {
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, String> entry : data.entrySet()) {
                Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
            }
            return;
        }
        for (KeyToPath item : items) {
            Path file = dir.resolve(item.getPath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, data.getOrDefault(item.getKey(), ""));
        }
    }

    private ContainerStatus runContainer(Container container) {
        ran.add(container.getImage());
        String startedAt = Instant.now().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        String reason = null;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            ContainerView view = view(container);
            exitCode = adapterImage.test(container.getImage())
                    ? AdapterContainer.run(view, kubeconfig, out)
                    : images.run(view, out);
        } catch (Exception | AssertionError e) {
            // a test's step may fail by an assertion; a real image by a crash: either way the container failed
            exitCode = 1;
            reason = e.getMessage() == null ? e.toString() : e.getMessage().strip().replace('\n', ' ');
            output.writeBytes(reason.getBytes(StandardCharsets.UTF_8));
        }
        String log = output.toString(StandardCharsets.UTF_8);
        logs.put(container.getName(), log);
        if (exitCode != 0) {
            failed = container.getName();
            String last = log.strip().lines().reduce((a, b) -> b).orElse("exit code " + exitCode);
            message = "container " + container.getName() + " (" + container.getImage() + ") failed: "
                    + (reason != null ? reason : last);
        }
        return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                .withImageID(container.getImage()).withReady(false).withRestartCount(0).withStarted(false)
                .withNewState().withNewTerminated().withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withMessage(exitCode == 0 ? null : message)
                .withStartedAt(startedAt).withFinishedAt(Instant.now().toString())
                .endTerminated().endState().build();
    }

    private static ContainerStatus waiting(Container container) {
        return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                .withImageID("").withReady(false).withRestartCount(0).withStarted(false)
                .withNewState().withNewWaiting().withReason("PodInitializing").endWaiting().endState().build();
    }

    /** The container's mounts, and a root directory in which each mount path links to its volume. */
    private ContainerView view(Container container) throws IOException {
        Path rootfs = Files.createDirectories(root.resolve("containers").resolve(container.getName()));
        List<ContainerView.Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Path volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new IllegalStateException("volume " + mount.getName() + " is not defined in the Pod");
            }
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                volume = Files.createDirectories(volume.resolve(mount.getSubPath()));
            }
            mounts.add(new ContainerView.Mount(volume, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly())));
            Path at = rootfs.resolve(mount.getMountPath().replaceFirst("^/+", ""));
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, volume);
        }
        return new ContainerView(container, env(container), List.copyOf(mounts), rootfs);
    }

    /** Plain values only: {@code valueFrom} (field and resource references) needs a kubelet's knowledge. */
    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
            }
        }
        return env;
    }

    PodStatus status(String startedAt) {
        String now = Instant.now().toString();
        boolean succeeded = failed == null;
        List<PodCondition> conditions = List.of(
                condition("PodScheduled", "True", null, now),
                condition("Initialized", succeeded ? "True" : "False", succeeded ? null : "ContainersNotInitialized", now),
                condition("ContainersReady", "False", "PodCompleted", now),
                condition("Ready", "False", "PodCompleted", now));
        return new PodStatusBuilder()
                .withPhase(succeeded ? "Succeeded" : "Failed")
                .withMessage(message)
                .withReason(succeeded ? null : "Error")
                .withStartTime(startedAt)
                .withConditions(conditions)
                .withInitContainerStatuses(initStatuses)
                .withContainerStatuses(mainStatuses)
                .build();
    }

    private static PodCondition condition(String type, String status, String reason, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withLastTransitionTime(now).build();
    }
}
