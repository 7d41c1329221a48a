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

/**
 * A real kube-apiserver and etcd on 127.0.0.1, started once per test JVM and stopped when it exits. The binaries
 * come from the cache filled by {@code src/test/provision/control-plane.sh}; nothing is downloaded.
 */
public final class ControlPlane {
    private static KubeAPIServer server;
    private static Path kubeconfig;
    private static KubernetesClient client;

    private ControlPlane() {
    }

    /** Starts the control plane if needed and points fabric8's default configuration (and Quarkus) at it. */
    public static synchronized Path start() {
        if (server != null) {
            return kubeconfig;
        }
        String cache = System.getProperty("test.pledge.cache", System.getProperty("user.home") + "/.cache/pledge");
        String version = System.getProperty("test.pledge.k8s.version", "1.35.4");
        Path binaries = Path.of(cache, "kubeapitest", "k8s");
        if (!Files.isRegularFile(binaries.resolve(version + "-linux-amd64").resolve("kube-apiserver"))) {
            throw new IllegalStateException("no kube-apiserver " + version + " under " + binaries
                    + "; run src/test/provision/control-plane.sh (./mvnw verify does)");
        }
        try {
            // A private directory per run: kube-api-test writes certificates next to the binaries' folder,
            // so concurrent runs must not share it.
            Path runDir = Files.createTempDirectory("pledge-kube");
            Files.createSymbolicLink(runDir.resolve("k8s"), binaries);
            server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(runDir.toString())
                    .withApiServerVersion(version)
                    .withOfflineMode(true)
                    .withStartupTimeout(120_000)
                    .withApiServerFlag("--endpoint-reconciler-type", "none")
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

    /** A client for the test control plane, shared by every test of the run. */
    public static synchronized KubernetesClient client() {
        if (client == null) {
            start();
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        }
        return client;
    }

    private static synchronized void stop() {
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
