package dev.pledge.testing;

import dev.pledge.local.node.ContainerView;
import dev.pledge.local.node.LocalNode;
import dev.pledge.local.node.PodOutcome;
import dev.pledge.api.KratixLabels;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the kubelet for workflow Pods: the product's {@link LocalNode} on {@link FakeNode#NAME}, with the user's
 * pipeline images played by Java steps. Once started (once per test JVM, after the workload controllers), it runs
 * every Pod labelled {@code app.kubernetes.io/managed-by=Kratix} that the scheduler binds to the fake node, once,
 * for real:
 * <ul>
 *   <li>containers whose image is an adapter image run Pledge's own sub-commands in-process, exactly as
 *       {@code pledge local} runs them;</li>
 *   <li>any other image runs the {@link PipelineStep} a test {@linkplain #register registered} for it; an
 *       unregistered image fails its container.</li>
 * </ul>
 * The outcome goes on the Pod's status, so the Job controller completes or fails the Job. Give failing Jobs
 * {@code backoffLimit: 0} unless the test wants retries.
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
        static PodRun of(PodOutcome outcome) {
            return new PodRun(outcome.namespace(), outcome.pod(), outcome.job(), outcome.images(), outcome.failed(),
                    outcome.message(), outcome.logs());
        }

        public boolean succeeded() {
            return failed == null;
        }
    }

    private static final Set<String> ADAPTER_IMAGES = ConcurrentHashMap.newKeySet();
    private static final Map<String, PipelineStep> STEPS = new ConcurrentHashMap<>();
    private static final List<PodRun> RUNS = new CopyOnWriteArrayList<>();
    private static LocalNode node;

    private KubeletStandIn() {
    }

    /** Starts the workload controllers and the stand-in once, treating {@code adapterImage} as Pledge's image. */
    public static synchronized void start(String adapterImage) {
        start(adapterImage, ControlPlane.start());
    }

    /**
     * As above, with Pledge's adapter containers authenticated by {@code adapterKubeconfig} instead of the admin's
     * (a benchmark gives them the pipeline's ServiceAccount, so the audit log records their requests as a Pod's).
     */
    public static synchronized void start(String adapterImage, Path adapterKubeconfig) {
        adapterImage(adapterImage);
        if (node != null) {
            return;
        }
        ControlPlane.startWorkloadControllers();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("kubelet-stand-in-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the adapter talks to the API server this stand-in watches (test class loaders may hold several)
        node = new LocalNode(ControlPlane.client(), new LocalNode.Settings(FakeNode.NAME,
                Map.entry(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX), ADAPTER_IMAGES::contains,
                adapterKubeconfig, KubeletStandIn::runStep, workDir, true, outcome -> RUNS.add(PodRun.of(outcome))))
                .start();
    }

    public static synchronized void start() {
        start(DEFAULT_ADAPTER_IMAGE);
    }

    /**
     * Stops this stand-in. Quarkus tests load test classes in their own class loader, so a stand-in started by a
     * plain test would keep playing Pods beside the Quarkus tests' own one; plain tests stop theirs when done.
     */
    public static synchronized void stop() {
        if (node != null) {
            node.close();
            node = null;
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

    private static int runStep(ContainerView container, PrintStream out) {
        PipelineStep step = STEPS.get(container.image());
        if (step == null) {
            out.println("no PipelineStep registered for image " + container.image()
                    + "; call KubeletStandIn.register(image, step)");
            return 1;
        }
        try {
            step.run(new StepContext(Map.copyOf(container.env()), container.mounted("/kratix/input"),
                    container.mounted("/kratix/output"), container.mounted("/kratix/metadata")));
            return 0;
        } catch (Exception | AssertionError e) {
            // a failed assertion inside a step fails that container, as a crashing image would
            out.println(e.getMessage() == null ? e.toString() : e.getMessage().strip().replace('\n', ' '));
            return 1;
        }
    }
}
