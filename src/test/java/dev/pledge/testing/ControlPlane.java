package dev.pledge.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real kube-apiserver and etcd on 127.0.0.1, started once per test JVM and stopped when it exits. The binaries
 * come from the cache filled by {@code src/main/resources/provision/control-plane.sh}; nothing is downloaded.
 */
public final class ControlPlane {
    private static KubeAPIServer server;
    private static Path kubeconfig;
    private static KubernetesClient client;
    private static Path binaries;
    private static Path runDir;
    private static final List<Process> controllers = new ArrayList<>();

    private ControlPlane() {
    }

    /** Starts the control plane if needed and points fabric8's default configuration (and Quarkus) at it. */
    public static synchronized Path start() {
        if (server != null) {
            return kubeconfig;
        }
        String cache = System.getProperty("test.pledge.cache", System.getProperty("user.home") + "/.cache/pledge");
        String version = System.getProperty("test.pledge.k8s.version", "1.35.4");
        Path k8s = Path.of(cache, "kubeapitest", "k8s");
        binaries = k8s.resolve(version + "-linux-amd64");
        if (!Files.isRegularFile(binaries.resolve("kube-apiserver"))) {
            throw new IllegalStateException("no kube-apiserver " + version + " under " + k8s
                    + "; run src/main/resources/provision/control-plane.sh (./mvnw verify does)");
        }
        try {
            // A private directory per run: kube-api-test writes certificates next to the binaries' folder,
            // so concurrent runs must not share it.
            runDir = Files.createTempDirectory("pledge-kube");
            Files.createSymbolicLink(runDir.resolve("k8s"), k8s);
            Files.writeString(runDir.resolve("audit-policy.yaml"), AUDIT_POLICY);
            server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(runDir.toString())
                    .withApiServerVersion(version)
                    .withOfflineMode(true)
                    .withStartupTimeout(120_000)
                    .withApiServerFlag("--endpoint-reconciler-type", "none")
                    .withApiServerFlag("--audit-policy-file", runDir.resolve("audit-policy.yaml").toString())
                    .withApiServerFlag("--audit-log-path", auditLog().toString())
                    .withUpdateKubeConfig(false)
                    .build());
            server.start();
            kubeconfig = runDir.resolve("kubeconfig.yaml");
            Files.writeString(kubeconfig, server.getKubeConfigYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(ControlPlane::stop, "control-plane-stop"));
        return kubeconfig;
    }

    /**
     * The audit log, one JSON event per line: every write (create, update, patch, delete), every request of a
     * ServiceAccount user (reads too), so that a 403 of an operator running as a ServiceAccount shows, and every
     * request for Secrets, so a test can see which Secrets the operator reads.
     */
    public static Path auditLog() {
        return runDir.resolve("audit.log");
    }

    /**
     * Also runs kube-controller-manager and kube-scheduler against the API server, with one fake Ready node, so
     * that Jobs create Pods that get scheduled, owned objects are garbage-collected and namespaces finish
     * deleting. Nothing runs containers: a test plays the kubelet by setting Pod status.
     */
    public static synchronized void startWorkloadControllers() {
        start();
        if (!controllers.isEmpty()) {
            return;
        }
        try {
            controllers.add(launch("kube-controller-manager", "--kubeconfig=" + kubeconfig, "--leader-elect=false",
                    "--secure-port=0", "--controllers=*,-nodelifecycle,-serviceaccount-token"));
            controllers.add(launch("kube-scheduler", "--kubeconfig=" + kubeconfig, "--leader-elect=false",
                    "--secure-port=0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeNode.register(client());
    }

    private static Process launch(String binary, String... flags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binaries.resolve(binary).toString());
        command.addAll(List.of(flags));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(runDir.resolve(binary + ".log").toFile()).start();
    }

    private static final String AUDIT_POLICY = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
              - level: Metadata
                userGroups: [system:serviceaccounts]
              - level: Metadata
                verbs: [create, update, patch, delete, deletecollection]
              - level: Metadata
                resources: [{group: "", resources: [secrets]}]
              - level: None
            """;

    /** A client for the test control plane, shared by every test of the run. */
    public static synchronized KubernetesClient client() {
        if (client == null) {
            start();
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        }
        return client;
    }

    private static synchronized void stop() {
        controllers.forEach(Process::destroy);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                // already gone: nothing left to stop
            }
        }
    }
}
