package dev.pledge.local;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pledge local [--dir DIR] [--reset]}: a whole platform on this machine until Ctrl-C. In order: build or
 * find the control plane, start it, apply the CRDs, the system namespace, the local state store and Destination,
 * then boot the operator in this process against it; {@link LocalNodeLifecycle} then starts the local node.
 * On Ctrl-C (SIGINT or SIGTERM) Quarkus stops the operator, then every process started here is stopped.
 */
public final class LocalCommand {
    public static final String NAME = "local";

    /** What the Quarkus application needs from the start-up that ran before Quarkus booted. */
    record Started(PlatformHome home, KubernetesClient client, Instant since, PrintStream out) {
    }

    static volatile Started started;

    private LocalCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        PlatformHome home = PlatformHome.defaultHome();
        boolean reset = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dir" -> {
                    if (i + 1 == args.size()) {
                        return usage(err);
                    }
                    home = new PlatformHome(Path.of(args.get(++i)).toAbsolutePath());
                }
                case "--reset" -> reset = true;
                case "-h", "--help" -> {
                    usage(out);
                    return 0;
                }
                default -> {
                    err.println("local: unknown argument \"" + args.get(i) + "\"");
                    return usage(err);
                }
            }
        }
        return start(home, reset, out, err);
    }

    private static int start(PlatformHome home, boolean reset, PrintStream out, PrintStream err) {
        Instant since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        ChildProcesses processes = new ChildProcesses(home);
        CountDownLatch stopped = new CountDownLatch(1);
        // On Ctrl-C the main thread stops the processes once Quarkus has stopped the operator; this hook keeps the
        // JVM alive until then, and stops them itself if the main thread never gets there.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    processes.stopAll();
                }
            } catch (InterruptedException e) {
                processes.stopAll();
            }
        }, "pledge-local-stop"));
        KubernetesClient client = null;
        FileChannel lock = null;
        try {
            Files.createDirectories(home.dir());
            // one platform per folder: a second start would end the first one's processes as leftovers
            lock = FileChannel.open(home.dir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (lock.tryLock() == null) {
                closeQuietly(lock);
                lock = null;
                err.println("pledge local: another pledge local is running in " + home.dir()
                        + "; stop it first, or use --dir for a second platform");
                return 1;
            }
            processes.endLeftovers();
            home.prepare(reset);
            Path binaries = ControlPlaneBinaries.provision(home);
            out.println("pledge local: starting the control plane in " + home.dir());
            client = new LocalControlPlane(home, binaries, processes).start();
            PlatformObjects.apply(client, home);
            // the operator's Kubernetes client reads this, as any fabric8 client does
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, home.kubeconfig().toString());
            if (System.getProperty("quarkus.profile") == null && System.getenv("QUARKUS_PROFILE") == null) {
                System.setProperty("quarkus.profile", NAME);
            }
            started = new Started(home, client, since, out);
            int[] status = { 0 };
            Quarkus.run(null, (code, failure) -> status[0] = code);
            return status[0];
        } catch (Exception e) {
            err.println("pledge local: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } finally {
            if (client != null) {
                client.close();
            }
            processes.stopAll();
            if (lock != null) {
                out.println("pledge local: stopped; data kept in " + home.dir());
                closeQuietly(lock);
            }
            stopped.countDown();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static int usage(PrintStream stream) {
        stream.println("usage: pledge local [--dir DIR] [--reset]");
        stream.println("  runs a whole platform on this machine until Ctrl-C; data in DIR (default ~/.pledge/local)");
        stream.println("  --reset  deletes DIR's data first");
        return 2;
    }
}
