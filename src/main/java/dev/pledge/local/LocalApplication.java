package dev.pledge.local;

import dev.pledge.local.node.ContainerEngine;
import dev.pledge.local.node.ImageRunner;
import dev.pledge.local.node.LocalNode;
import dev.pledge.local.node.PodOutcome;
import dev.pledge.workflow.WorkflowLabels;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The operator's Quarkus application in {@code pledge local}: once Quarkus (and with it the operator) has started,
 * starts the local node that runs workflow Pods, says where everything is, and waits for Ctrl-C.
 */
public class LocalApplication implements QuarkusApplication {
    static final String NODE = "pledge-local";

    @Override
    public int run(String... args) {
        LocalCommand.Started started = LocalCommand.started;
        PlatformHome home = started.home();
        PrintStream out = started.out();
        // adapter containers run this binary in-process; the configured image name is how a Job names it
        String adapterImage = ConfigProvider.getConfig().getValue("pledge.pipeline-adapter.image", String.class);
        ImageRunner images = ContainerEngine.fromPath(System.getenv());
        try (LocalNode node = new LocalNode(started.client(), new LocalNode.Settings(NODE,
                Map.entry(WorkflowLabels.MANAGED_BY, WorkflowLabels.MANAGED_BY_KRATIX), adapterImage::equals,
                home.kubeconfig(), images, home.pods(), false, outcome -> report(out, outcome))).start()) {
            printReady(out, home, images, Duration.between(started.since(), Instant.now()));
            Quarkus.waitForExit();
        }
        return 0;
    }

    private static void report(PrintStream out, PodOutcome outcome) {
        out.println("pledge local: Pod " + outcome.namespace() + "/" + outcome.pod()
                + (outcome.succeeded() ? " succeeded" : " failed: " + outcome.message()));
    }

    private static void printReady(PrintStream out, PlatformHome home, ImageRunner images, Duration took) {
        String repo = home.stateRepository().toString();
        out.println();
        out.println("pledge local: ready in " + LocalCommand.seconds(took));
        out.println("  kubeconfig   export KUBECONFIG=" + home.kubeconfig());
        out.println("  state store  GitStateStore \"" + PlatformObjects.STORE + "\": " + home.stateRepository().toUri());
        out.println("  destination  Destination \"" + PlatformObjects.DESTINATION + "\" (environment=dev) writes to "
                + "the directory \"" + PlatformObjects.DESTINATION + "/\" of that repository");
        out.println("               git --git-dir " + repo + " log --stat main");
        out.println("               git clone " + repo + " && ls state/" + PlatformObjects.DESTINATION);
        out.println("  pipelines    " + (images instanceof ContainerEngine engine
                ? "user images run with " + engine.name()
                : "no podman or docker on PATH: pipelines with your own images will fail"));
        out.println("  logs         " + home.logs());
        out.println("Ctrl-C stops everything; data stays in " + home.dir() + " (pledge local --reset wipes it).");
        out.flush();
    }
}
