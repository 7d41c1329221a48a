package dev.pledge.local;

import dev.pledge.config.PledgeConfig;
import dev.pledge.local.node.ContainerEngine;
import dev.pledge.local.node.ImageRunner;
import dev.pledge.local.node.LocalNode;
import dev.pledge.local.node.PodOutcome;
import dev.pledge.api.KratixLabels;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The in-process half of {@code pledge local}, once Quarkus has booted: starts the local node that runs workflow
 * Pods, waits until the operator's controllers run, then says where everything is. Does nothing when the operator
 * runs on its own ({@code pledge operator}). An observer rather than a {@code QuarkusApplication}: the Operator
 * SDK extension only starts the operator by itself when the application declares none.
 */
@ApplicationScoped
public class LocalNodeLifecycle {
    static final String NODE = "pledge-local";

    private final Operator operator;
    private final PledgeConfig config;
    private LocalNode node;

    LocalNodeLifecycle(Operator operator, PledgeConfig config) {
        this.operator = operator;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        LocalCommand.Started started = LocalCommand.started;
        if (started == null) {
            return;
        }
        PlatformHome home = started.home();
        PrintStream out = started.out();
        ImageRunner images = ContainerEngine.fromPath(System.getenv());
        // adapter containers run this binary in-process; the configured image name is how a Job names it
        String adapterImage = config.pipelineAdapter().image();
        node = new LocalNode(started.client(), new LocalNode.Settings(NODE,
                Map.entry(KratixLabels.MANAGED_BY, KratixLabels.MANAGED_BY_KRATIX), adapterImage::equals,
                home.kubeconfig(), images, home.pods(), false, outcome -> report(out, outcome))).start();
        Thread ready = new Thread(() -> {
            // the extension starts the operator asynchronously; "ready" means its controllers are running
            while (!operator.getRuntimeInfo().isStarted()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            printReady(out, home, images, Duration.between(started.since(), Instant.now()));
        }, "pledge-local-ready");
        ready.setDaemon(true);
        ready.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (node != null) {
            node.close();
        }
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
