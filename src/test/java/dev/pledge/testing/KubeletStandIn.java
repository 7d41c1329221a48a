package dev.pledge.testing;

import dev.pledge.cli.Cli;
import dev.pledge.workflow.WorkflowLabels;
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
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the kubelet for workflow Pods. Once started (once per test JVM, after the workload controllers), it
 * watches Pods bound to {@link FakeNode#NAME} and labelled {@code app.kubernetes.io/managed-by=Kratix}, and runs
 * each one once, for real, on a temporary directory laid out from the Pod's volumes:
 * <ul>
 *   <li>containers whose image is an adapter image run Pledge's own sub-commands in-process through
 *       {@link Cli#run(String[], Map, PrintStream, PrintStream)}, with {@code INPUT_DIR}, {@code OUTPUT_DIR} and
 *       {@code METADATA_DIR} and the {@code --input-directory} path pointing at the mounted directories;</li>
 *   <li>any other image runs the {@link PipelineStep} a test {@linkplain #register registered} for it, playing
 *       the user's pipeline image; an unregistered image fails its container.</li>
 * </ul>
 * Init containers run in order and the first failure stops the Pod. The outcome goes on the Pod's status
 * (phase, terminated container states, a message naming the failed container), so the Job controller completes or
 * fails the Job. Give failing Jobs {@code backoffLimit: 0} unless the test wants retries.
 *
 * <pre>{@code
 * KubeletStandIn.start(SETTINGS.image());
 * KubeletStandIn.register("example.org/render:v1", step -> Files.writeString(step.output().resolve("a.yaml"), "..."));
 * // create the Job, await it, then assert on KubeletStandIn.runsOfJob(jobName)
 * }</pre>
 */
public final class KubeletStandIn {
    /** The adapter image of {@code PipelineJobsTest}'s settings; controllers' tests may add theirs. */
    public static final String DEFAULT_ADAPTER_IMAGE = "registry.example/pledge:1.0";

    /** What a user's pipeline container sees: its environment and the {@code /kratix} directories (null if unmounted). */
    public record StepContext(Map<String, String> env, Path input, Path output, Path metadata) {
    }

    /** A stand-in for a pipeline image: writes files like the image would, or throws to fail its container. */
    @FunctionalInterface
    public interface PipelineStep {
        void run(StepContext step) throws Exception;
    }

    /**
     * One Pod run.
     *
     * @param images  the image of every container that ran, in order
     * @param failed  the name of the container that failed, or null when the Pod succeeded
     * @param logs    what each container printed, by container name
     */
    public record PodRun(String namespace, String pod, String job, List<String> images, String failed, String message,
            Map<String, String> logs) {
        public boolean succeeded() {
            return failed == null;
        }
    }

    private static final Set<String> ADAPTER_IMAGES = ConcurrentHashMap.newKeySet();
    private static final Map<String, PipelineStep> STEPS = new ConcurrentHashMap<>();
    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();
    private static final List<PodRun> RUNS = new CopyOnWriteArrayList<>();
    private static ExecutorService pool;
    private static io.fabric8.kubernetes.client.informers.SharedIndexInformer<Pod> informer;

    private KubeletStandIn() {
    }

    /** Starts the workload controllers and the stand-in once, treating {@code adapterImage} as Pledge's image. */
    public static synchronized void start(String adapterImage) {
        adapterImage(adapterImage);
        if (pool != null) {
            return;
        }
        ControlPlane.startWorkloadControllers();
        pool = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kubelet-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        informer = ControlPlane.client().pods().inAnyNamespace()
                .withLabel(WorkflowLabels.MANAGED_BY, WorkflowLabels.MANAGED_BY_KRATIX)
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
                        // nothing to stop: a run finishes on its own
                    }
                }, 0);
    }

    public static synchronized void start() {
        start(DEFAULT_ADAPTER_IMAGE);
    }

    /**
     * Stops this stand-in. Quarkus tests load test classes in their own class loader, so a stand-in started by a
     * plain test would keep playing Pods beside the Quarkus tests' own one; plain tests stop theirs when done.
     */
    public static synchronized void stop() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    /** Also treats {@code image} as Pledge's adapter image. */
    public static void adapterImage(String image) {
        ADAPTER_IMAGES.add(image);
    }

    /** Plays {@code image} with {@code step}, replacing any earlier registration for it. */
    public static void register(String image, PipelineStep step) {
        STEPS.put(image, step);
    }

    public static List<PodRun> runs() {
        return List.copyOf(RUNS);
    }

    public static List<PodRun> runsOfJob(String job) {
        return RUNS.stream().filter(run -> job.equals(run.job())).toList();
    }

    private static void consider(Pod pod) {
        if (!FakeNode.NAME.equals(pod.getSpec().getNodeName()) || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        if (STARTED.add(pod.getMetadata().getUid())) {
            pool.submit(() -> {
                try {
                    runPod(pod);
                } catch (RuntimeException | Error e) {
                    System.err.println("kubelet stand-in: running Pod " + pod.getMetadata().getName() + " failed: " + e);
                }
            });
        }
    }

    private static void runPod(Pod pod) {
        String startedAt = Instant.now().toString();
        PodRunner runner = new PodRunner(pod);
        PodRun run = runner.run();
        RUNS.add(run);
        try {
            ControlPlane.client().pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .editStatus(current -> {
                        current.setStatus(runner.status(startedAt));
                        return current;
                    });
        } catch (RuntimeException e) {
            // usually the Pod went away while it ran (its Job was deleted); say so in case it did not
            System.err.println("kubelet stand-in: cannot record the outcome of Pod " + pod.getMetadata().getName()
                    + ": " + e.getMessage());
        }
    }

    /** Runs one Pod's containers on a private directory tree. */
    private static final class PodRunner {
        private final Pod pod;
        private final Map<String, Path> volumes = new LinkedHashMap<>();
        private final List<ContainerStatus> initStatuses = new ArrayList<>();
        private final List<ContainerStatus> mainStatuses = new ArrayList<>();
        private final List<String> images = new ArrayList<>();
        private final Map<String, String> logs = new LinkedHashMap<>();
        private String failed;
        private String message;
        private Path root;

        PodRunner(Pod pod) {
            this.pod = pod;
        }

        PodRun run() {
            try {
                root = Files.createTempDirectory("kubelet-" + pod.getMetadata().getName() + "-");
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
            String job = pod.getMetadata().getLabels().getOrDefault("batch.kubernetes.io/job-name",
                    pod.getMetadata().getLabels().get("job-name"));
            return new PodRun(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), job, List.copyOf(images),
                    failed, message, Map.copyOf(logs));
        }

        private void prepareVolumes() throws IOException {
            KubernetesClient client = ControlPlane.client();
            for (Volume volume : pod.getSpec().getVolumes()) {
                Path dir = Files.createDirectories(root.resolve("volumes").resolve(volume.getName()));
                volumes.put(volume.getName(), dir);
                if (volume.getConfigMap() == null) {
                    continue;
                }
                ConfigMap configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
                        .withName(volume.getConfigMap().getName()).get();
                if (configMap == null) {
                    if (Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                        continue;
                    }
                    throw new IllegalStateException("ConfigMap " + volume.getConfigMap().getName() + " not found");
                }
                Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
                List<KeyToPath> items = volume.getConfigMap().getItems();
                if (items == null || items.isEmpty()) {
                    for (Map.Entry<String, String> entry : data.entrySet()) {
                        Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
                    }
                } else {
                    for (KeyToPath item : items) {
                        Path file = dir.resolve(item.getPath());
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, data.getOrDefault(item.getKey(), ""));
                    }
                }
            }
        }

        private ContainerStatus runContainer(Container container) {
            images.add(container.getImage());
            String startedAt = Instant.now().toString();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            String reason = null;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                Path rootfs = mountAll(container);
                Map<String, String> env = env(container);
                if (ADAPTER_IMAGES.contains(container.getImage())) {
                    exitCode = runAdapter(container, rootfs, env, out);
                } else {
                    exitCode = runStep(container, rootfs, env, out);
                }
            } catch (IOException | RuntimeException e) {
                exitCode = 1;
                reason = "cannot start container: " + e;
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

        /** The container's view of the file system: each mount path a link to its volume's directory. */
        private Path mountAll(Container container) throws IOException {
            Path rootfs = Files.createDirectories(root.resolve("containers").resolve(container.getName()));
            for (VolumeMount mount : container.getVolumeMounts()) {
                Path volume = volumes.get(mount.getName());
                if (volume == null) {
                    throw new IllegalStateException("volume " + mount.getName() + " is not defined in the Pod");
                }
                if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                    volume = Files.createDirectories(volume.resolve(mount.getSubPath()));
                }
                Path at = inside(rootfs, mount.getMountPath());
                Files.createDirectories(at.getParent());
                Files.createSymbolicLink(at, volume);
            }
            return rootfs;
        }

        private static Path inside(Path rootfs, String absolute) {
            return rootfs.resolve(absolute.replaceFirst("^/+", ""));
        }

        private static Map<String, String> env(Container container) {
            Map<String, String> env = new LinkedHashMap<>();
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() == null) {
                    env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
                }
            }
            return env;
        }

        private static Path mounted(Container container, Path rootfs, String path) {
            return container.getVolumeMounts().stream().anyMatch(m -> path.equals(m.getMountPath()))
                    ? inside(rootfs, path) : null;
        }

        private static int runAdapter(Container container, Path rootfs, Map<String, String> env, PrintStream out) {
            Map<String, String> adapterEnv = new LinkedHashMap<>(env);
            // the adapter talks to the API server this stand-in watches (test class loaders may hold several)
            adapterEnv.put("KUBECONFIG", ControlPlane.start().toString());
            putIfMounted(adapterEnv, "INPUT_DIR", mounted(container, rootfs, "/kratix/input"));
            putIfMounted(adapterEnv, "OUTPUT_DIR", mounted(container, rootfs, "/kratix/output"));
            Path metadata = mounted(container, rootfs, "/work-creator-files/metadata");
            putIfMounted(adapterEnv, "METADATA_DIR", metadata != null ? metadata
                    : mounted(container, rootfs, "/kratix/metadata"));
            List<String> args = new ArrayList<>();
            for (String arg : container.getArgs()) {
                args.add(isMountedPath(container, arg) ? inside(rootfs, arg).toString() : arg);
            }
            return Cli.run(args.toArray(String[]::new), adapterEnv, out, out);
        }

        /** Whether an argument is a path the container can see through its mounts (a mount, below or above one). */
        private static boolean isMountedPath(Container container, String arg) {
            if (!arg.startsWith("/")) {
                return false;
            }
            return container.getVolumeMounts().stream().map(VolumeMount::getMountPath)
                    .anyMatch(path -> path.equals(arg) || path.startsWith(arg + "/") || arg.startsWith(path + "/"));
        }

        private static void putIfMounted(Map<String, String> env, String name, Path path) {
            if (path != null) {
                env.put(name, path.toString());
            }
        }

        private static int runStep(Container container, Path rootfs, Map<String, String> env, PrintStream out) {
            PipelineStep step = STEPS.get(container.getImage());
            if (step == null) {
                out.println("no PipelineStep registered for image " + container.getImage()
                        + "; call KubeletStandIn.register(image, step)");
                return 1;
            }
            try {
                step.run(new StepContext(Map.copyOf(env), mounted(container, rootfs, "/kratix/input"),
                        mounted(container, rootfs, "/kratix/output"), mounted(container, rootfs, "/kratix/metadata")));
                return 0;
            } catch (Exception | AssertionError e) {
                // a failed assertion inside a step fails that container, as a crashing image would
                out.println(e.getMessage() == null ? e.toString() : e.getMessage().strip().replace('\n', ' '));
                return 1;
            }
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
}
