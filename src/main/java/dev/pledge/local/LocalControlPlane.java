package dev.pledge.local;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * etcd, kube-apiserver, kube-controller-manager and kube-scheduler on this machine's loopback, with their data,
 * keys and logs in the platform's folder. Ports are picked free at each start (the kubeconfig is rewritten), so a
 * local platform never collides with a test run's API server.
 *
 * <p>Flags and why: the API server advertises 127.0.0.1 with {@code --endpoint-reconciler-type none} (a loopback
 * address cannot be an Endpoints IP); the ServiceAccount admission plugin is off because no kubelet mounts
 * service-account tokens here (the local node hands the adapter the kubeconfig instead). The controller manager
 * runs without the node-lifecycle controller (nothing heartbeats for the local node, which it would otherwise
 * taint and evict) and without the service-account-token controller (it needs a root CA file nothing uses).
 */
final class LocalControlPlane {
    private final PlatformHome home;
    private final Path binaries;
    private final ChildProcesses processes;
    private ApiCredentials credentials;
    private int apiPort;

    LocalControlPlane(PlatformHome home, Path binaries, ChildProcesses processes) {
        this.home = home;
        this.binaries = binaries;
        this.processes = processes;
    }

    /** Starts the four processes, writes the kubeconfig and returns once the API server is ready. */
    KubernetesClient start() throws IOException, GeneralSecurityException, InterruptedException {
        credentials = ApiCredentials.in(home.pki());
        int etcdPort = freePort();
        int peerPort = freePort();
        apiPort = freePort();
        String etcd = "http://127.0.0.1:" + etcdPort;
        String peer = "http://127.0.0.1:" + peerPort;
        processes.start("etcd", List.of(bin("etcd"), "--name", "pledge-local", "--data-dir", home.etcdData().toString(),
                "--listen-client-urls", etcd, "--advertise-client-urls", etcd,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "pledge-local=" + peer, "--log-level", "warn"));
        processes.start("kube-apiserver", List.of(bin("kube-apiserver"),
                "--etcd-servers=" + etcd,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
                "--cert-dir=" + credentials.certDir(),
                "--token-auth-file=" + credentials.tokenFile(),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + credentials.serviceAccountKey(),
                "--service-account-signing-key-file=" + credentials.serviceAccountKey(),
                "--service-cluster-ip-range=10.0.0.0/24",
                "--disable-admission-plugins=ServiceAccount",
                "--endpoint-reconciler-type=none"));
        KubernetesClient client = awaitApiServer(Duration.ofMinutes(2));
        processes.start("kube-controller-manager", List.of(bin("kube-controller-manager"),
                "--kubeconfig=" + home.kubeconfig(), "--leader-elect=false", "--secure-port=0",
                "--controllers=*,-nodelifecycle,-serviceaccount-token"));
        processes.start("kube-scheduler", List.of(bin("kube-scheduler"),
                "--kubeconfig=" + home.kubeconfig(), "--leader-elect=false", "--secure-port=0"));
        return client;
    }

    private KubernetesClient awaitApiServer(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        // the serving certificate appears once the API server has started far enough to listen
        while (!Files.exists(credentials.servingCertificate())) {
            checkAlive(deadline);
            Thread.sleep(200);
        }
        String kubeconfig = kubeconfig();
        Files.writeString(home.kubeconfig(), kubeconfig);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        while (true) {
            checkAlive(deadline);
            try {
                // readyz includes the RBAC bootstrap roles and the CRD informers
                if ("ok".equals(client.raw("/readyz"))) {
                    return client;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
    }

    private void checkAlive(Instant deadline) {
        processes.firstExited().ifPresent(exited -> {
            throw new IllegalStateException(exited);
        });
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("kube-apiserver was not ready in time; see " + home.logs());
        }
    }

    private String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: pledge-local
                    cluster:
                      server: https://127.0.0.1:%d
                      certificate-authority: %s
                users:
                  - name: %s
                    user:
                      token: %s
                contexts:
                  - name: pledge-local
                    context: {cluster: pledge-local, user: %s}
                current-context: pledge-local
                """.formatted(apiPort, credentials.servingCertificate(), ApiCredentials.ADMIN, credentials.token(),
                ApiCredentials.ADMIN);
    }

    private String bin(String name) {
        return binaries.resolve(name).toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
